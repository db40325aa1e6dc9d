/**
 * The writer of `AI_CURRENT_WORK.md` (docs/design.md §3 "Write"): applies one agent's
 * claim, check-in, release or done to the file's text and gives back the new text,
 * or a refusal. It changes only that agent's section, the module's line or table
 * row in "Available Modules for Work", and appends to "Emergency Overrides" and
 * "Completed Work"; every other byte, including line endings, stays as it was. Pure:
 * the caller reads and writes the file.
 */
import {agentKeyForName} from '../agents.js';
import type {AgentResolver, Claim, StalenessConfig} from '../types.js';
import {nothing, readSectionValues, setSectionFields, type SectionValues} from './edit-agent-section.js';
import {judgeClaim, overrideRecord} from './edit-claim-rules.js';
import {dominantEol, insertLines, isBlank, joinLines, splitLines, type Line} from './edit-lines.js';
import {formatLocalIso} from './edit-local-time.js';
import {
	agentNameOfHeading,
	findAgentSection,
	findHeadings,
	findSharedSection,
	isAgentSection,
	sectionEnd,
	sharedSectionHeadings,
} from './edit-sections.js';
import {appendToSection, markModuleAvailable, markModuleClaimed} from './edit-shared-sections.js';

export interface ClaimEdit {
	kind: 'claim';
	/** The agent's name or key as given (`codex`, `Claude Code`). */
	agent: string;
	work: string;
	module?: string;
	branch?: string;
	files: readonly string[];
	/** Take the claim even from an active holder; the reason goes under "Emergency Overrides". */
	override?: {reason: string};
	/** When the agent expects to be done; "TBD" when not given. */
	expected?: Date;
	/** Supersede the agent's own claim even while it is active (it is recorded under "Completed Work"). */
	replace?: boolean;
}

export interface AgentOnlyEdit {
	kind: 'checkin' | 'release' | 'done';
	agent: string;
}

export type CurrentWorkEdit = ClaimEdit | AgentOnlyEdit;

export interface EditContext {
	now: Date;
	staleness: StalenessConfig;
	resolveAgent: AgentResolver;
	/** Reads every agent's claim from the file's text: the lenient parser of `AI_CURRENT_WORK.md`. */
	readClaims: (text: string) => readonly Claim[];
}

export type EditResult =
	| {
			ok: true;
			text: string;
			/** The agent's name as the file writes it ("Codex"). */
			agentName: string;
			/** What the edit was about, for messages and commit subjects: the module, else the work. */
			subject?: string;
			/** Things the user should know although nothing was refused (a stale claim taken). */
			notices: string[];
	  }
	| {ok: false; reason: string};

export const statusText = {
	claimed: '🔄 In Progress',
	released: 'Released',
	done: '✅ Complete',
} as const;

const knownDisplayNames: Record<string, string> = {
	claude: 'Claude',
	copilot: 'Copilot',
	codex: 'Codex',
	chatgpt: 'ChatGPT',
	gemini: 'Gemini',
	cursor: 'Cursor',
	devin: 'Devin',
	jules: 'Jules',
};

/** The seed shape of a new AI_CURRENT_WORK.md. */
export const newCurrentWorkText = '# AI Current Work\n\n## Available Modules for Work\n\n## Emergency Overrides\n\n## Completed Work\n';

/** Text from the command line must stay on its line: a newline would forge other sections. */
export function oneLine(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replace(/[\u0000-\u001F\u007F]+/g, ' ').trim();
}

export function editCurrentWork(text: string | null, edit: CurrentWorkEdit, context: EditContext): EditResult {
	const agent = agentKeyForName(oneLine(edit.agent), context.resolveAgent);
	if (!agent) {
		return {ok: false, reason: `"${edit.agent}" is not an agent name; pass a name such as --agent codex`};
	}

	if (text === null && edit.kind !== 'claim') {
		return {ok: false, reason: `AI_CURRENT_WORK.md does not exist yet; run switchyard claim first`};
	}

	const lines = splitLines(text ?? newCurrentWorkText);
	const heading = findAgentSection(findHeadings(lines), agent, context.resolveAgent);
	const agentName = heading ? agentNameOfHeading(heading.title) : displayName(oneLine(edit.agent), agent);
	if (edit.kind === 'claim') {
		return applyClaim(lines, text ?? '', edit, {agent, agentName, headingIndex: heading?.index}, context);
	}

	if (heading === undefined) {
		return {ok: false, reason: `${agentName} has no section in AI_CURRENT_WORK.md; run switchyard claim first`};
	}

	const now = formatLocalIso(context.now);
	const current = readSectionValues(lines, heading.index);
	const subject = current.module ?? current.work;
	if (edit.kind === 'checkin') {
		setSectionFields(lines, heading.index, {lastCheckin: now});
		return {ok: true, text: joinLines(lines), agentName, subject, notices: []};
	}

	if (edit.kind === 'done') {
		if (!current.work && !current.module) {
			return {ok: false, reason: `${agentName} is not working on anything in AI_CURRENT_WORK.md; nothing to mark done`};
		}

		appendToSection(lines, 'completed', completedEntry(agentName, current, now), context.resolveAgent);
	}

	clearSection(lines, heading.index, now, edit.kind === 'done' ? statusText.done : statusText.released);
	if (current.module) {
		markModuleAvailable(lines, current.module, agent, context.resolveAgent);
	}

	return {ok: true, text: joinLines(lines), agentName, subject, notices: []};
}

interface Claimant {
	agent: string;
	agentName: string;
	headingIndex?: number;
}

function applyClaim(lines: Line[], text: string, edit: ClaimEdit, claimant: Claimant, context: EditContext): EditResult {
	const work = oneLine(edit.work);
	const module = edit.module === undefined ? undefined : oneLine(edit.module) || undefined;
	const files = edit.files.map(oneLine).filter(Boolean);
	if (!work) {
		return {ok: false, reason: 'the claim needs a description of the work; pass --work TEXT'};
	}

	const judgement = judgeClaim(context.readClaims(text), {agent: claimant.agent, agentName: claimant.agentName, module, files, override: edit.override, replace: edit.replace, sections: {overrides: sharedSectionHeadings.overrides, completed: sharedSectionHeadings.completed}}, context.now, context.staleness);
	if (!judgement.ok) {
		return judgement;
	}

	// Nothing is erased: the agent's unfinished claim is recorded before the new one takes its place.
	const now = formatLocalIso(context.now);
	const unfinished = judgement.superseded && claimant.headingIndex !== undefined ? readSectionValues(lines, claimant.headingIndex) : undefined;
	if (unfinished && (unfinished.work || unfinished.module)) {
		appendToSection(lines, 'completed', supersededEntry(claimant.agentName, unfinished, now), context.resolveAgent);
	}

	const notices = judgement.notices;
	for (const holding of judgement.overridden) {
		appendToSection(lines, 'overrides', overrideRecord(now, claimant.agentName, holding, oneLine(edit.override!.reason)), context.resolveAgent);
	}

	// Appending to the shared sections may have moved the agent's section: find it again.
	const headingIndex =
		claimant.headingIndex === undefined
			? insertAgentSection(lines, claimant.agentName, context.resolveAgent)
			: findAgentSection(findHeadings(lines), claimant.agent, context.resolveAgent)!.index;
	const previous = readSectionValues(lines, headingIndex);
	setSectionFields(lines, headingIndex, {
		work,
		module: module ?? nothing,
		branch: edit.branch ? oneLine(edit.branch) : nothing,
		startedAt: now,
		expectedCompletion: edit.expected ? formatLocalIso(edit.expected) : 'TBD',
		files,
		lastCheckin: now,
		status: statusText.claimed,
	});
	if (previous.module && (!module || previous.module.toLowerCase() !== module.toLowerCase())) {
		markModuleAvailable(lines, previous.module, claimant.agent, context.resolveAgent);
	}

	if (module) {
		markModuleClaimed(lines, module, claimant.agentName, context.resolveAgent);
	}

	return {ok: true, text: joinLines(lines), agentName: claimant.agentName, subject: module ?? work, notices};
}

function clearSection(lines: Line[], headingIndex: number, now: string, status: string): void {
	setSectionFields(lines, headingIndex, {
		work: nothing,
		module: nothing,
		branch: nothing,
		startedAt: 'N/A',
		expectedCompletion: 'N/A',
		files: [],
		lastCheckin: now,
		status,
	});
}

function describeWork(work: SectionValues): string {
	return [work.work, work.module && work.module !== work.work ? `(${work.module})` : undefined].filter(Boolean).join(' ');
}

function filesNote(work: SectionValues): string {
	return work.files.length > 0 ? ` — files: ${work.files.join(', ')}` : '';
}

function completedEntry(agentName: string, work: SectionValues, now: string): string {
	return `- ✅ ${describeWork(work)} — ${agentName}, completed ${now}${filesNote(work)}`;
}

/** Unfinished work a new claim replaced: kept with its dates, as the file wrote them. */
function supersededEntry(agentName: string, work: SectionValues, now: string): string {
	const dates = [`started ${work.startedAt ?? 'unknown'}`, `last check-in ${work.lastCheckin ?? 'unknown'}`].join(', ');
	return `- ⏭️ ${describeWork(work)} — ${agentName}, superseded ${now} (not finished; ${dates})${filesNote(work)}`;
}

/**
 * Adds an empty "## <Agent> Status" section after the last agent section, else before
 * the shared sections, else at the end; returns its heading's index.
 */
function insertAgentSection(lines: Line[], agentName: string, resolve: AgentResolver): number {
	const headings = findHeadings(lines);
	const agentSections = headings.filter(heading => isAgentSection(heading, resolve));
	const lastAgentSection = agentSections.at(-1);
	const firstShared = (['modules', 'overrides', 'completed'] as const)
		.map(section => findSharedSection(headings, section, resolve))
		.filter(heading => heading !== undefined)
		.sort((left, right) => left.index - right.index)[0];
	let at = lastAgentSection ? sectionEnd(headings, lastAgentSection, lines.length) : (firstShared?.index ?? lines.length);
	const floor = lastAgentSection ? lastAgentSection.index + 1 : 0;
	while (at > floor && isBlank(lines[at - 1])) {
		at--;
	}

	const texts = at > 0 && !isBlank(lines[at - 1]) ? [''] : [];
	const headingIndex = at + texts.length;
	texts.push(`## ${agentName} Status`, '');
	if (at < lines.length && !isBlank(lines[at])) {
		texts.push('');
	}

	insertLines(lines, at, texts, dominantEol(lines));
	return headingIndex;
}

export function displayName(given: string, agent: string): string {
	if (/[A-Z\s]/.test(given)) {
		return given;
	}

	return knownDisplayNames[agent] ?? given.charAt(0).toUpperCase() + given.slice(1);
}
