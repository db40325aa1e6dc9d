import {Text} from 'ink';
import {fitFooter, footerItems, type KeyTable} from '../keys/binding.js';
import type {KeyContext} from '../keys/context.js';

/** The main keys of the current screen, drawn from the same table as its help. */
export function Footer({table, context, width}: {table: KeyTable<string, KeyContext>; context: KeyContext; width: number}) {
	return (
		<Text dimColor wrap="truncate-end">
			{fitFooter(footerItems(table, context), width)}
		</Text>
	);
}
