/**
 * .github/ai-coordination/*_COORDINATION.md: "### In Progress" entries (Model, Branch,
 * Work, Started) and "### Recently Completed" entries (Feature, Completed, Files).
 * "## TODOs" and "## Decisions Log" carry no claims and are passed over.
 */
import type {Claim, ClaimParser, ParseContext, ParseWarning} from '../types.js';
import {looksLikeAgent, readHeadingName, stripEmoji} from './agent-names.js';
import {applyField, finishDraft, isEmptyValue, shorten, startDraft} from './claim.js';
import {makeWarning, readDocument, sectionEndWhere} from './document.js';
import {readEntryGroups, type EntryGroup} from './entries.js';
import {labelOverrides} from './labels.js';

export type AiCoordinationSection = 'in-progress' | 'completed' | 'ignored' | 'other';
type SectionKind = AiCoordinationSection;

/** In this file "Completed: 2026-04-24" is a date. */
export const aiCoordinationLabels = labelOverrides([
	['completed', 'completedAt'],
	['completed on', 'completedAt'],
]);

export const parseAiCoordination: ClaimParser = (text, context) => {
	const document = readDocument(text);
	const warnings: ParseWarning[] = [];
	const claims: Claim[] = [];
	const warn = (line: number, message: string) => warnings.push(makeWarning(context, line, message));
	let recognised = false;

	for (const [position, heading] of document.headings.entries()) {
		const kind = classify(heading.text);
		if (kind === 'ignored') {
			recognised = true;
			continue;
		}

		if (kind === 'other') {
			continue;
		}

		recognised = true;
		// "## Current Work" over "### In Progress" and "### Recently Completed": each sub-section is read as itself, once.
		const end = sectionEndWhere(document, position, next => classify(next.text) !== 'other');
		let unattributed = 0;
		for (const group of readEntryGroups(document, heading.index + 1, end, warn, aiCoordinationLabels)) {
			const claim = readEntry(group, kind, context, warnings);
			if (claim) {
				claims.push(claim);
			} else if (kind === 'completed') {
				unattributed++;
			} else {
				warn(group.line, 'in-progress entry names no model or agent; skipped');
			}
		}

		if (unattributed > 0) {
			warn(heading.index + 1, `${unattributed} completed ${unattributed === 1 ? 'entry names' : 'entries name'} no model or agent; skipped`);
		}
	}

	if (!recognised) {
		warn(0, 'no "In Progress" or "Recently Completed" section found; nothing read');
	}

	return {claims, warnings};
};

/** What a heading of a *_COORDINATION.md file holds; the writer places entries by the same rule. */
export function classify(text: string): SectionKind {
	const words = stripEmoji(text).toLowerCase();
	if (words.includes('todo') || words.includes('to do') || words.includes('decision')) {
		return 'ignored';
	}

	if (/\b(?:in[ -]progress|ongoing|active|current work|working on)\b/.test(words)) {
		return 'in-progress';
	}

	if (/\b(?:completed|done|finished)\b/.test(words)) {
		return 'completed';
	}

	return 'other';
}

function readEntry(group: EntryGroup, kind: 'in-progress' | 'completed', context: ParseContext, warnings: ParseWarning[]): Claim | undefined {
	const agentEntry = group.entries.find(entry => entry.field === 'agent' && !isEmptyValue(entry.value));
	const name = agentEntry?.value ?? headingAgent(group.heading, context);
	if (!name || !group.entries.some(entry => entry.field && entry.field !== 'agent')) {
		return undefined;
	}

	const draft = startDraft(name, context, group.line, 'parsed');
	if (!draft) {
		return undefined;
	}

	const target = {draft, context, warnings};
	for (const entry of group.entries) {
		if (!entry.field) {
			warnings.push(makeWarning(context, entry.line, `unknown label "${shorten(entry.label)}"`));
		} else if (entry.field !== 'agent') {
			applyField(target, entry.field, entry.label, entry.value, entry.items, entry.line);
		}
	}

	if (kind === 'completed') {
		draft.claim.status = 'complete';
	} else if (draft.claim.status === 'unknown') {
		draft.claim.status = 'in-progress';
	}

	return finishDraft(draft);
}

/** A sub-heading names the entry's agent only with evidence ("#### Jules"); "### Recently Completed" names none. */
function headingAgent(heading: string | undefined, context: ParseContext): string {
	if (!heading) {
		return '';
	}

	const {name, role} = readHeadingName(heading);
	return looksLikeAgent(name, role, context.resolveAgent) ? name : '';
}
