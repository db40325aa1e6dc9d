/**
 * One-line ledgers: "- claim: id=c12; agent=codex; status=active; paths=src/a.ts,src/b.ts;
 * updated=2026-01-05T10:00Z; expires=2026-01-05T14:00Z". Later lines supersede earlier ones.
 */
import type {ParseContext, ParseWarning} from '../../types.js';
import {applyField, isEmptyValue, startDraft} from '../claim.js';
import {fieldForLabel} from '../labels.js';
import {parseListLine} from '../markdown.js';
import {statusOfEvent, type TimedDraft} from './events.js';

/** A ledger line, or undefined when the line is not one. Needs an agent and a second key. */
export function readLedgerLine(raw: string, index: number, context: ParseContext, warnings: ParseWarning[]): TimedDraft | undefined {
	if (!raw.includes('=') || !raw.includes(';') || raw.length > 10_000) {
		return undefined;
	}

	let text = parseListLine(raw).text;
	let kind: string | undefined;
	const colon = text.indexOf(':');
	const equals = text.indexOf('=');
	if (colon > 0 && colon < equals) {
		kind = text.slice(0, colon).trim();
		text = text.slice(colon + 1);
	}

	const pairs: Array<{key: string; value: string}> = [];
	for (const part of text.split(';')) {
		const at = part.indexOf('=');
		if (at > 0) {
			pairs.push({key: part.slice(0, at).trim(), value: part.slice(at + 1).trim()});
		}
	}

	const agent = pairs.find(pair => fieldForLabel(pair.key) === 'agent' && !isEmptyValue(pair.value));
	if (!agent || pairs.length < 2) {
		return undefined;
	}

	const draft = startDraft(agent.value, context, index + 1, 'inferred');
	if (!draft) {
		return undefined;
	}

	const target = {draft, context, warnings};
	for (const {key, value} of pairs) {
		const field = fieldForLabel(key);
		if (field === 'event') {
			const status = statusOfEvent(value);
			if (status) {
				draft.claim.status = status;
			}
		} else if (field && field !== 'agent') {
			applyField(target, field, key, value, [], index + 1);
		}
	}

	if (kind && draft.claim.status === 'unknown') {
		draft.claim.status = statusOfEvent(kind) ?? 'unknown';
	}

	return {draft, order: index};
}
