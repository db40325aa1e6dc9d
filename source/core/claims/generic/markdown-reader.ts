/**
 * Any markdown or text file: per-agent sections (by alias, role or session), tables
 * with an agent column, records with an Agent label, ledger lines and board entries.
 */
import type {Claim, ParseContext, ParseWarning} from '../../types.js';
import {looksLikeAgent, readHeadingName} from '../agent-names.js';
import {appendAll, applyField, finishDraft, isEmptyValue, startDraft} from '../claim.js';
import {makeWarning, sectionEndWhere, type MarkdownDocument} from '../document.js';
import {readEntryGroups, type EntryGroup} from '../entries.js';
import {readFields} from '../fields.js';
import {cleanValue} from '../markdown.js';
import {findTables} from '../tables.js';
import {boardEntry, readBoardHeader, type BoardHeader} from './board.js';
import {bestPerAgent, foldByAgent, type TimedDraft} from './events.js';
import {readLedgerLine} from './ledger.js';

export function readMarkdownDocument(document: MarkdownDocument, context: ParseContext, warnings: ParseWarning[]): Claim[] {
	const warn = (line: number, message: string) => warnings.push(makeWarning(context, line, message));
	const timed: TimedDraft[] = [];
	const claims: Claim[] = [];

	// Ledger lines and log lines that start with a bracketed time.
	for (const [index, raw] of document.lines.entries()) {
		if (document.fenced[index]) {
			continue;
		}

		const ledger = readLedgerLine(raw, index, context, warnings);
		if (ledger) {
			timed.push(ledger);
			continue;
		}

		const trimmed = raw.trimStart();
		if (!trimmed.startsWith('#') && (trimmed.startsWith('[') || trimmed.startsWith('- [') || trimmed.startsWith('* ['))) {
			const header = readBoardHeader(raw, context);
			const entry = header && boardEntry(header, [], index + 1, context, warnings);
			if (entry) {
				timed.push(entry);
			}
		}
	}

	// Headings: board entries, agent sections, or sections holding records.
	const boardHeaders = new Map<number, BoardHeader>();
	const agentHeadings = new Set<number>();
	for (const heading of document.headings) {
		const header = readBoardHeader(heading.text, context);
		if (header) {
			boardHeaders.set(heading.index, header);
			continue;
		}

		const {name, role, saysStatus} = readHeadingName(heading.text);
		if (looksLikeAgent(name, role, context.resolveAgent) || (saysStatus && looksLikeAgent(name, 'agent', context.resolveAgent))) {
			agentHeadings.add(heading.index);
		}
	}

	const startsOwn = (heading: {index: number}) => boardHeaders.has(heading.index) || agentHeadings.has(heading.index);
	const firstHeading = document.headings[0]?.index ?? document.lines.length;
	appendAll(claims, recordsIn(readEntryGroups(document, 0, firstHeading, warn, undefined, false), context, warnings));

	for (const [position, heading] of document.headings.entries()) {
		const end = sectionEndWhere(document, position, startsOwn);
		const board = boardHeaders.get(heading.index);
		if (board) {
			const entry = boardEntry(board, readFields(document.lines, document.fenced, heading.index + 1, end), heading.index + 1, context, warnings);
			if (entry) {
				timed.push(entry);
			}
		} else if (agentHeadings.has(heading.index)) {
			const claim = agentSection(document, heading.index, end, heading.text, context, warnings);
			if (claim) {
				claims.push(claim);
			}
		} else {
			const next = document.headings[position + 1];
			const ownEnd = next && next.index < end ? next.index : end;
			appendAll(claims, recordsIn(readEntryGroups(document, heading.index + 1, ownEnd, warn, undefined, false), context, warnings));
		}
	}

	// Tables with an agent column, wherever they are.
	for (const table of findTables(document.lines, document.fenced, 0, document.lines.length, warn)) {
		if (!table.columns.includes('agent') || table.columns.filter(Boolean).length < 2) {
			continue;
		}

		for (const row of table.rows) {
			const name = row.cells.get('agent');
			const draft = name && !isEmptyValue(cleanValue(name)) ? startDraft(name, context, row.line, 'inferred') : undefined;
			if (!draft) {
				continue;
			}

			for (const [field, value] of row.cells) {
				if (field !== 'agent') {
					applyField({draft, context, warnings}, field, table.header[table.columns.indexOf(field)] ?? field, value, [], row.line);
				}
			}

			claims.push(finishDraft(draft));
		}
	}

	return bestPerAgent([...claims, ...foldByAgent(timed)]);
}

function agentSection(document: MarkdownDocument, index: number, end: number, text: string, context: ParseContext, warnings: ParseWarning[]): Claim | undefined {
	const entries = readFields(document.lines, document.fenced, index + 1, end);
	if (!entries.some(entry => entry.field && entry.field !== 'agent')) {
		return undefined;
	}

	const {name, role} = readHeadingName(text);
	const named = entries.find(entry => entry.field === 'agent' && !isEmptyValue(entry.value));
	const draft = startDraft(named ? named.value : name, context, index + 1, 'inferred');
	if (!draft) {
		return undefined;
	}

	for (const entry of entries) {
		if (entry.field && entry.field !== 'agent') {
			applyField({draft, context, warnings}, entry.field, entry.label, entry.value, entry.items, entry.line);
		}
	}

	if (role) {
		draft.claim.module ??= role;
	}

	return finishDraft(draft);
}

/** Records that carry their own Agent label ("- agent: codex / task: …"). */
function recordsIn(groups: readonly EntryGroup[], context: ParseContext, warnings: ParseWarning[]): Claim[] {
	const claims: Claim[] = [];
	for (const group of groups) {
		const named = group.entries.find(entry => entry.field === 'agent' && !isEmptyValue(entry.value));
		if (!named || !group.entries.some(entry => entry.field && entry.field !== 'agent')) {
			continue;
		}

		const draft = startDraft(named.value, context, named.line, 'inferred');
		if (!draft) {
			continue;
		}

		for (const entry of group.entries) {
			if (entry.field && entry.field !== 'agent') {
				applyField({draft, context, warnings}, entry.field, entry.label, entry.value, entry.items, entry.line);
			}
		}

		claims.push(finishDraft(draft));
	}

	return claims;
}
