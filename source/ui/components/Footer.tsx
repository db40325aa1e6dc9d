import {Text} from 'ink';
import {footerItems, type KeyTable} from '../keys/binding.js';
import type {KeyContext} from '../keys/context.js';

/** The main keys of the current screen, drawn from the same table as its help. */
export function Footer({table, context}: {table: KeyTable<string, KeyContext>; context: KeyContext}) {
	return (
		<Text dimColor wrap="truncate-end">
			{footerItems(table, context).join(' · ')}
		</Text>
	);
}
