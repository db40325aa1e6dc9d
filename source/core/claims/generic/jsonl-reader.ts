/** JSON Lines event logs: one object per line, folded per agent (see events.ts). */
import type {Claim, ParseContext, ParseWarning} from '../../types.js';
import {isEmptyValue, startDraft} from '../claim.js';
import {makeWarning} from '../document.js';
import {isRecord, parseJson} from '../json.js';
import {foldByAgent, type TimedDraft} from './events.js';
import {applyObject, firstString} from './object-fields.js';

const agentKeys = ['agent', 'agent name', 'agent id', 'assignee', 'owner', 'author', 'model', 'session', 'worker', 'who', 'by', 'from', 'actor'];

/** Past this many unreadable lines the rest are counted, not listed. */
const maxLineWarnings = 20;

export function readJsonLines(lines: readonly string[], context: ParseContext, warnings: ParseWarning[]): Claim[] {
	const entries: TimedDraft[] = [];
	let unreadable = 0;
	for (const [index, raw] of lines.entries()) {
		const text = raw.trim();
		if (!text) {
			continue;
		}

		const parsed = parseJson(text);
		if (!parsed.ok) {
			unreadable++;
			if (unreadable <= maxLineWarnings) {
				warnings.push(makeWarning(context, index + 1, `${parsed.message}; line skipped`));
			}

			continue;
		}

		if (!isRecord(parsed.value)) {
			continue;
		}

		const name = firstString(parsed.value, agentKeys);
		if (!name || isEmptyValue(name)) {
			continue;
		}

		const draft = startDraft(name, context, index + 1, 'inferred');
		if (draft) {
			applyObject({draft, context, warnings}, parsed.value, index + 1);
			entries.push({draft, order: index});
		}
	}

	if (unreadable > maxLineWarnings) {
		warnings.push(makeWarning(context, 0, `${unreadable - maxLineWarnings} more unreadable JSON lines skipped`));
	}

	return foldByAgent(entries);
}
