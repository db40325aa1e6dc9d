/**
 * *COORDINATION-STATUS.md: per-agent "#### <Agent> - <Domain>" sections with Current
 * Task, checklist items marked **IN PROGRESS:**, **COMPLETED:**, **PENDING:**, and
 * Blockers, Dependencies, Timeline.
 */
import {parseClaimDate} from '../dates.js';
import type {Claim, ClaimParser, ClaimStatus, ParseContext, ParseWarning} from '../types.js';
import {isSectionTitle, looksLikeAgent, readHeadingName, stripEmoji} from './agent-names.js';
import {appendAll, applyField, finishDraft, isEmptyValue, shorten, startDraft, type ClaimDraft} from './claim.js';
import {makeWarning, readDocument, sectionEndWhere, type MarkdownDocument} from './document.js';
import {readFields, type FieldEntry} from './fields.js';
import {labelOverrides, type ClaimField} from './labels.js';
import {cleanValue, type Heading} from './markdown.js';

const overrides = labelOverrides([
	['in progress', 'inProgressItem'],
	['wip', 'inProgressItem'],
	['completed', 'completedItem'],
	['done', 'completedItem'],
	['pending', 'pendingItem'],
	['todo', 'pendingItem'],
	['next', 'pendingItem'],
	['timeline', 'timeline'],
]);

const taskFields = new Set<ClaimField>(['work', 'inProgressItem', 'completedItem', 'pendingItem', 'timeline', 'blockers', 'dependencies', 'status']);

export const parseCoordinationStatus: ClaimParser = (text, context) => {
	const document = readDocument(text);
	const warnings: ParseWarning[] = [];
	const claims: Claim[] = [];
	// Worked out once per heading: section ends ask about every heading after theirs.
	const agentHeadings = new Set(
		document.headings
			.filter(heading => {
				const {name, role} = readHeadingName(heading.text);
				return looksLikeAgent(name, role, context.resolveAgent);
			})
			.map(heading => heading.index),
	);
	const isAgentHeading = (heading: Heading) => agentHeadings.has(heading.index);

	for (const [position, heading] of document.headings.entries()) {
		const end = sectionEndWhere(document, position, isAgentHeading);
		const firstChild = document.headings[position + 1];
		// A parent heading ("## Agents") reads only up to its first sub-heading.
		const ownEnd = firstChild && firstChild.index < end ? firstChild.index : end;
		const entries = readFields(document.lines, document.fenced, heading.index + 1, isAgentHeading(heading) ? end : ownEnd, {overrides});
		const hasTaskFields = entries.some(entry => entry.field && taskFields.has(entry.field));
		const {name, role} = readHeadingName(heading.text);
		if (!hasTaskFields) {
			continue;
		}

		// The "<Agent> - <Domain>" shape names an agent, unless its name is a stage or a
		// section ("S1 — steppable core"): then an Owner field names whose work it is.
		const namedByHeading = isAgentHeading(heading) || (role !== undefined && !isSectionTitle(name));
		const owner = namedByHeading ? undefined : entries.find(entry => entry.field === 'agent' && !isEmptyValue(cleanValue(entry.value)));
		if (!namedByHeading && !owner) {
			warnings.push(makeWarning(context, heading.index + 1, `section "${shorten(heading.text)}" has task fields but names no agent; skipped`));
			continue;
		}

		const draft = startDraft(owner ? owner.value : name, context, heading.index + 1, 'parsed');
		if (draft) {
			if (owner) {
				draft.claim.notes.push(cleanValue(stripEmoji(heading.text)));
			}

			claims.push(readAgent(draft, owner ? undefined : role, entries, context, warnings));
		}
	}

	if (claims.length === 0 && !warnings.some(warning => warning.line > 0)) {
		warnings.push(makeWarning(context, 0, 'no "<Agent> - <Domain>" section with a task found; nothing read'));
	}

	return {claims, warnings};
};

function readAgent(draft: ClaimDraft, role: string | undefined, entries: FieldEntry[], context: ParseContext, warnings: ParseWarning[]): Claim {
	const target = {draft, context, warnings};
	const {claim} = draft;
	const items = {inProgress: [] as string[], completed: [] as string[], pending: [] as string[]};
	let explicitStatus = false;

	for (const entry of entries) {
		const texts = [entry.value, ...entry.items.map(item => item.text)].map(text => cleanValue(text)).filter(text => text && !isEmptyValue(text));
		switch (entry.field) {
			case undefined: {
				warnings.push(makeWarning(context, entry.line, `unknown label "${shorten(entry.label)}"`));
				break;
			}

			case 'inProgressItem': {
				appendAll(items.inProgress, texts);
				break;
			}

			case 'completedItem': {
				appendAll(items.completed, texts);
				break;
			}

			case 'pendingItem': {
				appendAll(items.pending, texts);
				break;
			}

			case 'timeline': {
				readTimeline(draft, entry, target);
				break;
			}

			case 'agent': {
				break;
			}

			default: {
				explicitStatus ||= entry.field === 'status';
				applyField(target, entry.field, entry.label, entry.value, entry.items, entry.line);
			}
		}
	}

	if (role) {
		claim.module ??= role;
	}

	claim.work ??= items.inProgress[0];
	if (!explicitStatus || claim.status === 'unknown') {
		claim.status = derivedStatus(claim, items);
	}

	return finishDraft(draft);
}

function derivedStatus(claim: Claim, items: {inProgress: string[]; completed: string[]; pending: string[]}): ClaimStatus {
	if (items.inProgress.length > 0) {
		return 'in-progress';
	}

	if (claim.blockers.length > 0) {
		return 'blocked';
	}

	if (items.completed.length > 0 && items.pending.length === 0) {
		return 'complete';
	}

	return claim.work ? 'in-progress' : 'unknown';
}

/** "2025-12-03 - 2025-12-05", "Dec 3, 2025 → Dec 5, 2025", one date (the expected end), or free text (a note). */
function readTimeline(draft: ClaimDraft, entry: FieldEntry, target: {draft: ClaimDraft; context: ParseContext; warnings: ParseWarning[]}): void {
	const text = cleanValue(entry.value);
	for (const separator of [' → ', ' -> ', ' – ', ' — ', ' - ', ' to ']) {
		const index = text.indexOf(separator);
		if (index > 0) {
			const start = parseClaimDate(text.slice(0, index));
			const end = parseClaimDate(text.slice(index + separator.length));
			if (start.kind === 'date' && end.kind === 'date') {
				draft.claim.startedAt ??= start.iso;
				draft.claim.expectedCompletion ??= end.iso;
				return;
			}
		}
	}

	const single = parseClaimDate(text);
	if (single.kind === 'date') {
		draft.claim.expectedCompletion ??= single.iso;
	} else if (text && !isEmptyValue(text)) {
		draft.claim.notes.push(`timeline: ${text}`);
	}

	for (const item of entry.items) {
		applyField(target, 'notes', 'Timeline', item.text, [], item.line);
	}
}
