/**
 * AI_HANDOFF.md: the "Task Ownership" section, as a table (Task | Owner | Status), as
 * sub-sections per agent, or as list items ("- **Claude Code**: backend API",
 * "- Backend API → Codex"), with labelled values nested under an item.
 */
import type {Claim, ClaimParser, ParseContext, ParseWarning} from '../types.js';
import {looksLikeAgent, readHeadingName, resolveAgentName, stripEmoji} from './agent-names.js';
import {appendAll, applyField, finishDraft, isEmptyValue, shorten, startDraft, type ClaimDraft} from './claim.js';
import {headingsBetween, makeWarning, readDocument, sectionEndWhere, type MarkdownDocument} from './document.js';
import {readFields} from './fields.js';
import {fieldForLabel} from './labels.js';
import {cleanValue, isTableRow, parseHeading, parseLabelled, parseListLine} from './markdown.js';
import {findTables} from './tables.js';

export const parseHandoff: ClaimParser = (text, context) => {
	const document = readDocument(text);
	const warnings: ParseWarning[] = [];
	const claims: Claim[] = [];
	let found = false;

	for (const [position, heading] of document.headings.entries()) {
		if (!stripEmoji(heading.text).toLowerCase().includes('ownership')) {
			continue;
		}

		found = true;
		const end = sectionEndWhere(document, position);
		appendAll(claims, readOwnership(document, heading.index + 1, end, context, warnings));
	}

	if (!found) {
		warnings.push(makeWarning(context, 0, 'no "Task Ownership" section found; nothing read'));
	}

	return {claims, warnings};
};

function readOwnership(document: MarkdownDocument, from: number, to: number, context: ParseContext, warnings: ParseWarning[]): Claim[] {
	const drafts: ClaimDraft[] = [];
	const warn = (line: number, message: string) => warnings.push(makeWarning(context, line, message));
	const tableLines = new Set<number>();

	for (const table of findTables(document.lines, document.fenced, from, to, warn)) {
		for (let index = table.headerLine - 1; index < to && isTableRow(document.lines[index]!); index++) {
			tableLines.add(index);
		}

		for (const row of table.rows) {
			const owner = row.cells.get('agent');
			if (!owner || isEmptyValue(cleanValue(owner))) {
				continue;
			}

			const draft = startDraft(owner, context, row.line, 'parsed');
			if (!draft) {
				continue;
			}

			const target = {draft, context, warnings};
			for (const [field, value] of row.cells) {
				if (field !== 'agent') {
					applyField(target, field, field, value, [], row.line);
				}
			}

			drafts.push(draft);
		}
	}

	// Sub-sections per agent: "### Claude Code" with labelled values.
	const subHeadings = headingsBetween(document, from, to);
	const headingLines = new Set(subHeadings.map(heading => heading.index));
	for (const [position, heading] of subHeadings.entries()) {
		const {name, role} = readHeadingName(heading.text);
		if (!looksLikeAgent(name, role, context.resolveAgent)) {
			continue;
		}

		const end = subHeadings[position + 1]?.index ?? to;
		const draft = startDraft(name, context, heading.index + 1, 'parsed');
		if (draft) {
			const target = {draft, context, warnings};
			for (const entry of readFields(document.lines, document.fenced, heading.index + 1, end)) {
				if (entry.field && entry.field !== 'agent') {
					applyField(target, entry.field, entry.label, entry.value, entry.items, entry.line);
				}
			}

			if (role) {
				draft.claim.module ??= role;
			}

			drafts.push(draft);
			for (let index = heading.index + 1; index < end; index++) {
				headingLines.add(index);
			}
		}
	}

	// List items: one per owner, with labelled values nested below.
	let current: {draft: ClaimDraft; indent: number} | undefined;
	for (let index = from; index < to; index++) {
		if (document.fenced[index] || tableLines.has(index) || headingLines.has(index) || parseHeading(document.lines[index]!)) {
			continue;
		}

		const line = parseListLine(document.lines[index]!);
		if (!line.text) {
			continue;
		}

		const labelled = parseLabelled(line.text);
		const field = labelled ? fieldForLabel(labelled.label) : undefined;
		if (current && labelled && field && field !== 'agent' && line.indent > current.indent) {
			applyField({draft: current.draft, context, warnings}, field, labelled.label, labelled.value, [], index + 1);
			continue;
		}

		if (current && line.indent > current.indent) {
			current.draft.claim.notes.push(cleanValue(line.text));
			continue;
		}

		if (!line.isItem) {
			continue;
		}

		const owner = ownerLine(line.text, context);
		if (!owner) {
			warn(index + 1, `cannot tell the owner in "${shorten(cleanValue(line.text))}"; skipped`);
			current = undefined;
			continue;
		}

		const draft = startDraft(owner.agent, context, index + 1, 'parsed');
		if (!draft) {
			current = undefined;
			continue;
		}

		if (owner.work) {
			applyField({draft, context, warnings}, 'work', 'task', owner.work, [], index + 1);
		}

		drafts.push(draft);
		current = {draft, indent: line.indent};
	}

	// In the order they are written, whichever form each took.
	drafts.sort((a, b) => a.claim.source.line - b.claim.source.line);
	return drafts.map(draft => {
		if (draft.claim.status === 'unknown' && draft.claim.work) {
			// Owning a task in a handoff means holding it.
			draft.claim.status = 'in-progress';
		}

		return finishDraft(draft);
	});
}

/** "Claude Code: backend API", "Backend API → Codex", "**Copilot** — UI", "Owner: Claude" (no task). */
function ownerLine(text: string, context: ParseContext): {agent: string; work?: string} | undefined {
	const cleaned = cleanValue(text);
	let split: {left: string; right: string} | undefined;
	let earliest = cleaned.length;
	for (const separator of [': ', '：', ' → ', ' -> ', ' — ', ' – ', ' - ', ' => ']) {
		const index = cleaned.indexOf(separator);
		if (index > 0 && index < earliest) {
			earliest = index;
			split = {left: cleaned.slice(0, index).trim(), right: cleaned.slice(index + separator.length).trim()};
		}
	}

	if (!split) {
		return looksLikeAgent(cleaned, undefined, context.resolveAgent) ? {agent: cleaned} : undefined;
	}

	const {left, right} = split;
	if (fieldForLabel(left) === 'agent') {
		return isEmptyValue(right) ? undefined : {agent: right};
	}

	if (resolveAgentName(left, context.resolveAgent) || looksLikeAgent(left, undefined, context.resolveAgent)) {
		return {agent: left, work: right};
	}

	// A name without evidence (a known or configured agent, a branch prefix, an agent
	// word) is a task or a section title, never an agent: "Prior handoff: see below".
	const rightName = right.split(/[(,;]/)[0]!.trim();
	return resolveAgentName(rightName, context.resolveAgent) || looksLikeAgent(rightName, undefined, context.resolveAgent) ? {agent: rightName, work: left} : undefined;
}
