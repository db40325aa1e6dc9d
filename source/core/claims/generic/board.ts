/**
 * Append-only boards and logs: entries headed by a time and a sender,
 * "## [2026-08-25T20:40Z] — FROM: main → TO: assets", "### 2026-08-25 10:00 — Claude Code: auth done",
 * "- [2026-08-25 10:00] codex: started the parser".
 */
import {parseClaimDate} from '../../dates.js';
import type {ParseContext, ParseWarning} from '../../types.js';
import {looksLikeAgent} from '../agent-names.js';
import {applyDate, applyField, isEmptyValue, startDraft} from '../claim.js';
import type {FieldEntry} from '../fields.js';
import {cleanValue, parseListLine} from '../markdown.js';
import type {TimedDraft} from './events.js';

export interface BoardHeader {
	time: string;
	agentName: string;
	recipient?: string;
	subject?: string;
}

/** Reads "[time] — FROM: a → TO: b" or "time — Agent: subject"; undefined when the text is not one. */
export function readBoardHeader(text: string, context: ParseContext): BoardHeader | undefined {
	const line = cleanValue(parseListLine(text).text);
	let time: string;
	let rest: string;
	if (line.startsWith('[')) {
		const close = line.indexOf(']');
		if (close < 0) {
			return undefined;
		}

		time = line.slice(1, close);
		rest = line.slice(close + 1);
	} else {
		if (!/^\d{4}-\d{2}-\d{2}/.test(line)) {
			return undefined;
		}

		let end = line.length;
		for (const separator of [' — ', ' – ', ' - ', ' | ', ': ', ' FROM', ' from ']) {
			const index = line.indexOf(separator);
			if (index > 0 && index < end) {
				end = index;
			}
		}

		time = line.slice(0, end);
		rest = line.slice(end);
	}

	const date = parseClaimDate(time);
	if (date.kind !== 'date') {
		return undefined;
	}

	rest = rest.replace(/^[\s—–|:-]+/, '');
	const from = rest.toLowerCase().indexOf('from:');
	if (from >= 0) {
		const after = rest.slice(from + 'from:'.length);
		let end = after.length;
		for (const separator of ['→', '->', ' to:', ' TO:', ' To:', '|', ',', ';', ' — ']) {
			const index = after.indexOf(separator);
			if (index >= 0 && index < end) {
				end = index;
			}
		}

		const agentName = after.slice(0, end).trim();
		const to = /\bto:\s*([^|,;]+)/i.exec(after.slice(end));
		return agentName ? {time: date.iso, agentName, recipient: to?.[1]?.trim()} : undefined;
	}

	// "Claude Code: auth done" or "codex — started the parser"
	let end = rest.length;
	for (const separator of [': ', ' — ', ' – ', ' - ']) {
		const index = rest.indexOf(separator);
		if (index > 0 && index < end) {
			end = index;
		}
	}

	const agentName = rest.slice(0, end).trim().replace(/^\[|\]$/g, '');
	if (!looksLikeAgent(agentName, undefined, context.resolveAgent)) {
		return undefined;
	}

	const subject = rest.slice(end).replace(/^[\s:—–-]+/, '').trim();
	return {time: date.iso, agentName, subject: subject || undefined};
}

/** A draft for one board entry: its header and the labelled values under it. */
export function boardEntry(
	header: BoardHeader,
	entries: readonly FieldEntry[],
	line: number,
	context: ParseContext,
	warnings: ParseWarning[],
): TimedDraft | undefined {
	const draft = startDraft(header.agentName, context, line, 'inferred');
	if (!draft) {
		return undefined;
	}

	const target = {draft, context, warnings};
	applyDate(target, 'lastCheckin', 'entry time', header.time, line);
	for (const entry of entries) {
		if (entry.field && entry.field !== 'agent' && entry.field !== 'lastCheckin') {
			applyField(target, entry.field, entry.label, entry.value, entry.items, entry.line);
		}
	}

	if (header.subject && !isEmptyValue(header.subject)) {
		applyField(target, 'work', 'subject', header.subject, [], line);
	}

	if (header.recipient) {
		draft.claim.notes.push(`to ${header.recipient}`);
	}

	return {draft, order: line};
}
