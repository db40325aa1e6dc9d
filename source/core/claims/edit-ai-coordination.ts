/**
 * The writer of `*_COORDINATION.md` files (docs/design.md §3 "Write", the team's own
 * shape): a claim is an entry under "### In Progress" (Model, Branch, Work, Module,
 * Files, Started, Last Checkin); `done`, `release` and a superseded claim move the
 * agent's entry to "### Recently Completed"; an override is logged under
 * "## Decisions Log". Only the agent's own entry and the lines added change; every
 * other byte stays as it was. Pure, like the AI_CURRENT_WORK.md writer, and with the
 * same claim rules (edit-claim-rules.ts).
 */
import {agentKeyForName} from '../agents.js';
import {aiCoordinationLabels, classify, type AiCoordinationSection} from './ai-coordination.js';
import {judgeClaim, overrideRecord} from './edit-claim-rules.js';
import {displayName, oneLine, type CurrentWorkEdit, type EditContext, type EditResult} from './edit-current-work.js';
import {dominantEol, insertLines, isBlank, joinLines, replaceLines, splitLines, type Line} from './edit-lines.js';
import {formatLocalIso} from './edit-local-time.js';
import {findHeadings, parseFieldLine, parseListItem, sectionEnd, type Heading} from './edit-sections.js';
import {fieldForLabel, type ClaimField} from './labels.js';
import {cleanValue} from './markdown.js';

/** The seed shape of a new *_COORDINATION.md. */
export const newAiCoordinationText = '# Coordination\n\n### In Progress\n\n### Recently Completed\n\n## Decisions Log\n';

interface EntryField {
	index: number;
	lead: string;
	value: string;
}

interface Entry {
	start: number;
	end: number;
	agent?: string;
	agentName?: string;
	fields: Map<ClaimField, EntryField>;
}

/** How the file writes its entries, copied from its first entry: "**Model**: x" or "**Model:** x", and the indent. */
interface Style {
	label: (name: string) => string;
	indent: string;
}

export function editAiCoordination(text: string | null, edit: CurrentWorkEdit, context: EditContext & {fileName: string}): EditResult {
	const agent = agentKeyForName(oneLine(edit.agent), context.resolveAgent);
	if (!agent) {
		return {ok: false, reason: `"${edit.agent}" is not an agent name; pass a name such as --agent codex`};
	}

	if (text === null && edit.kind !== 'claim') {
		return {ok: false, reason: `${context.fileName} does not exist yet; run switchyard claim first`};
	}

	const lines = splitLines(text ?? newAiCoordinationText);
	const style = styleOf(lines, context);
	const own = () => entriesOf(lines, 'in-progress', context).find(entry => entry.agent === agent);
	const found = own();
	const agentName = found?.agentName ?? displayName(oneLine(edit.agent), agent);
	const now = formatLocalIso(context.now);

	if (edit.kind === 'claim') {
		const work = oneLine(edit.work);
		const module = edit.module === undefined ? undefined : oneLine(edit.module) || undefined;
		const files = edit.files.map(oneLine).filter(Boolean);
		if (!work) {
			return {ok: false, reason: 'the claim needs a description of the work; pass --work TEXT'};
		}

		const judgement = judgeClaim(
			context.readClaims(text ?? ''),
			{agent, agentName, module, files, override: edit.override, replace: edit.replace, sections: {overrides: 'Decisions Log', completed: 'Recently Completed'}},
			context.now,
			context.staleness,
		);
		if (!judgement.ok) {
			return judgement;
		}

		if (found && judgement.superseded) {
			moveToCompleted(lines, found, style, agentName, 'superseded', now, context);
		}

		for (const holding of judgement.overridden) {
			appendEntry(lines, 'ignored', [overrideRecord(now, agentName, holding, oneLine(edit.override!.reason))], context);
		}

		const entry = [
			`- ${style.label('Model')}${agentName}`,
			...[
				edit.branch ? ['Branch', oneLine(edit.branch)] : undefined,
				['Work', work],
				module ? ['Module', module] : undefined,
				files.length > 0 ? ['Files', files.join(', ')] : undefined,
				['Started', now],
				edit.expected ? ['Expected Completion', formatLocalIso(edit.expected)] : undefined,
				['Last Checkin', now],
			]
				.filter((pair): pair is string[] => pair !== undefined)
				.map(([label, value]) => `${style.indent}${style.label(label!)}${value}`),
		];
		const stillThere = own();
		if (stillThere) {
			// An entry without work (nothing to supersede) is simply rewritten.
			replaceLines(lines, stillThere.start, stillThere.end, entry, dominantEol(lines));
		} else {
			appendEntry(lines, 'in-progress', entry, context);
		}

		return {ok: true, text: joinLines(lines), agentName, subject: module ?? work, notices: judgement.notices};
	}

	if (!found) {
		return {ok: false, reason: `${agentName} has no entry under "In Progress" in ${context.fileName}; run switchyard claim first`};
	}

	const subject = valueOf(found, 'module') ?? valueOf(found, 'work');
	if (edit.kind === 'checkin') {
		const field = found.fields.get('lastCheckin');
		if (field) {
			lines[field.index]!.text = field.lead + now;
		} else {
			insertLines(lines, found.end, [`${style.indent}${style.label('Last Checkin')}${now}`], dominantEol(lines));
		}

		return {ok: true, text: joinLines(lines), agentName, subject, notices: []};
	}

	moveToCompleted(lines, found, style, agentName, edit.kind === 'done' ? 'done' : 'released', now, context);
	return {ok: true, text: joinLines(lines), agentName, subject, notices: []};
}

function valueOf(entry: Entry, field: ClaimField): string | undefined {
	const value = entry.fields.get(field)?.value;
	return value ? cleanValue(value) || undefined : undefined;
}

/** Records the entry under "Recently Completed" and takes it out of "In Progress". */
function moveToCompleted(lines: Line[], entry: Entry, style: Style, agentName: string, how: 'done' | 'released' | 'superseded', now: string, context: EditContext): void {
	const work = valueOf(entry, 'work') ?? valueOf(entry, 'module') ?? 'work';
	const module = valueOf(entry, 'module');
	const feature = `${work}${module && module !== work ? ` (${module})` : ''}`;
	const kept = (['branch', 'files', 'startedAt'] as const)
		.map(field => entry.fields.get(field))
		.filter((field): field is EntryField => field !== undefined && field.value.trim() !== '')
		.map(field => `${style.indent}${field.lead.replace(/^\s*(?:[-*+][ \t]+)?/, '')}${field.value}`);
	const record = [
		`- ${style.label('Feature')}${feature}`,
		`${style.indent}${style.label('Model')}${agentName}`,
		...kept,
		how === 'done' ? `${style.indent}${style.label('Completed')}${now}` : `${style.indent}${style.label('Last Checkin')}${valueOf(entry, 'lastCheckin') ?? 'unknown'}`,
	];
	if (how !== 'done') {
		record.push(`${style.indent}${style.label('Notes')}${how} ${now}, not finished`);
	}

	replaceLines(lines, entry.start, entry.end, [], dominantEol(lines));
	appendEntry(lines, 'completed', record, context);
}

function sectionOf(lines: readonly Line[], kind: AiCoordinationSection): {heading: Heading; end: number} | undefined {
	const headings = findHeadings(lines);
	const heading = headings.find(candidate => classify(candidate.title) === kind && (kind !== 'ignored' || /decision/i.test(candidate.title)));
	return heading ? {heading, end: sectionEnd(headings, heading, lines.length)} : undefined;
}

/** The list entries of a section: a top-level item and the indented lines below it. */
function entriesOf(lines: readonly Line[], kind: AiCoordinationSection, context: EditContext): Entry[] {
	const section = sectionOf(lines, kind);
	if (!section) {
		return [];
	}

	const entries: Entry[] = [];
	const indentOf = (text: string) => /^\s*/.exec(text)![0].length;
	for (let index = section.heading.index + 1; index < section.end; index++) {
		const text = lines[index]!.text;
		if (!parseListItem(text) || /^\s*[-*+][ \t]+\[[ xX]\]/.test(text)) {
			continue;
		}

		let end = index + 1;
		while (end < section.end && !isBlank(lines[end]) && !(parseListItem(lines[end]!.text) && indentOf(lines[end]!.text) <= indentOf(text)) && !/^\s{0,3}#/.test(lines[end]!.text)) {
			end++;
		}

		const entry: Entry = {start: index, end, fields: new Map()};
		for (let at = index; at < end; at++) {
			const line = parseFieldLine(lines[at]!.text);
			const label = line?.lead.replace(/^\s*(?:[-*+][ \t]+)?/, '').replace(/[*_:]/g, '').trim();
			const field = label ? fieldForLabel(label, aiCoordinationLabels) : undefined;
			if (line && field && !entry.fields.has(field)) {
				entry.fields.set(field, {index: at, lead: line.lead, value: line.value});
			}
		}

		const agentName = valueOf(entry, 'agent');
		if (agentName) {
			entry.agentName = agentName;
			entry.agent = agentKeyForName(agentName, context.resolveAgent) || undefined;
		}

		entries.push(entry);
		index = end - 1;
	}

	return entries;
}

/**
 * Adds an entry at the top of the section's list (newest first), creating the section
 * when the file has none. At the top, since the reader starts a new record where a
 * label repeats: an entry appended after one that lacks a Model would be read as its
 * continuation. The Decisions Log is a plain log: its lines go at the end.
 */
function appendEntry(lines: Line[], kind: 'in-progress' | 'completed' | 'ignored', texts: string[], context: EditContext): void {
	const eol = dominantEol(lines);
	let section = sectionOf(lines, kind);
	if (!section) {
		const title = kind === 'in-progress' ? '### In Progress' : kind === 'completed' ? '### Recently Completed' : '## Decisions Log';
		// Recently Completed goes right after In Progress; the others at the end.
		const after = kind === 'completed' ? sectionOf(lines, 'in-progress') : undefined;
		let at = after ? after.end : lines.length;
		while (at > 0 && isBlank(lines[at - 1])) {
			at--;
		}

		insertLines(lines, at, [...(at > 0 ? [''] : []), title, '', ...(at < lines.length ? [''] : [])], eol);
		section = sectionOf(lines, kind)!;
	}

	const entries = entriesOf(lines, kind, context);
	let at: number;
	if (kind === 'ignored') {
		at = entries.at(-1)?.end ?? section.end;
	} else {
		at = entries[0]?.start ?? section.end;
	}

	if (entries.length === 0 || kind === 'ignored') {
		while (at > section.heading.index + 1 && isBlank(lines[at - 1])) {
			at--;
		}
	}

	const blankBefore = entries.length === 0 && at === section.heading.index + 1 ? [''] : [];
	const blankAfter = at < lines.length && !isBlank(lines[at]) && !parseListItem(lines[at]!.text) ? [''] : [];
	insertLines(lines, at, [...blankBefore, ...texts, ...blankAfter], eol);
}

function styleOf(lines: readonly Line[], context: EditContext): Style {
	const first = entriesOf(lines, 'in-progress', context)[0] ?? entriesOf(lines, 'completed', context)[0];
	const fields = first ? [...first.fields.values()] : [];
	const insideColon = fields.some(field => /:\*\*/.test(field.lead));
	const continuation = fields.find(field => field.index > first!.start);
	const indent = continuation ? /^\s*/.exec(lines[continuation.index]!.text)![0] : '  ';
	return {label: name => (insideColon ? `**${name}:** ` : `**${name}**: `), indent};
}
