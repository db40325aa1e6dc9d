/** The `?` help as lines, drawn from the same key tables as the footer and the key handlers. */
import {disabledReasonOf, formatKeys, type KeyTable} from '../keys/binding.js';
import type {KeyContext} from '../keys/context.js';
import {keyTables, screenTitles, type ScreenId} from '../keys/index.js';
import type {Line} from './detail-lines.js';

function tableLines(table: KeyTable<string, KeyContext>, context: KeyContext): Line[] {
	const keyWidth = Math.max(...table.map(binding => formatKeys(binding).length)) + 2;
	return table.map(binding => {
		const keys = formatKeys(binding).padEnd(keyWidth);
		const reason = disabledReasonOf(binding, context);
		return reason === null
			? {text: `  ${keys}${binding.label}`}
			: {text: `  ${keys}${binding.label} (disabled: ${reason})`, dim: true};
	});
}

/** Every key of `screen`, enabled or not; the dashboard also lists the keys of its filter. */
export function helpLines(screen: ScreenId, context: KeyContext): Line[] {
	const lines: Line[] = [{text: `Keys of the ${screenTitles[screen]}`, bold: true}, ...tableLines(keyTables[screen], context)];
	if (screen === 'dashboard') {
		lines.push({text: ''}, {text: 'While typing a filter (after /)', bold: true}, ...tableLines(keyTables.filter, context));
	}

	return lines;
}
