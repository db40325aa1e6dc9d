/**
 * The pre-merge checklist (DESIGN §6.2): its items, how each is judged, the progress
 * line, and the Markdown export. Pure: the facts come from the snapshot's branch row
 * (one owner: hygiene, conflicts), the command outcomes from the verifier, the
 * person's answers from the state store.
 */
import type {HygieneIssue, PairConflict, SwitchyardConfig, VerifyKind} from './types.js';

export const checklistGroups = ['Technical', 'Code quality', 'Integration', 'Git hygiene', 'Repository'] as const;
export type ChecklistGroup = (typeof checklistGroups)[number];

/** How an item is judged: by a rule over the diff's facts, by commands' exit codes, or by a person (* in §6.2). */
export type ItemJudge = 'facts' | 'command' | 'person';

export interface ChecklistItem {
	/** Stable id, used in the store, in `--json` and by tests. */
	id: string;
	group: ChecklistGroup;
	title: string;
	judge: ItemJudge;
	/** For command items: the commands that decide it (empty: "not run — no command"). */
	commands: string[];
}

/** `pending`: not judged yet (a person item unanswered, a command not run, a prediction not ready). */
export type ItemResult = 'pass' | 'fail' | 'na' | 'pending' | 'no-command';

/** A person's answer to an item. */
export type Answer = 'pass' | 'fail' | 'na';

/** What a verification command did (the verifier's result, as the checklist keeps it). */
export interface CommandOutcome {
	command: string;
	exitCode: number | null;
	durationMs: number;
	/** The last lines of its output. */
	tail: string;
	cached?: boolean;
	notFound?: boolean;
	cancelled?: boolean;
}

export interface JudgedItem extends ChecklistItem {
	result: ItemResult;
	/** What the result rests on: file:line, commits, conflicting files, command output. */
	evidence: string[];
	note?: string;
}

/** The facts of a branch the automated items read: fields of the snapshot's BranchRow. */
export interface ChecklistFacts {
	hygiene: HygieneIssue[];
	mergesCleanly: boolean | null;
	conflictsWithBase: string[];
	conflictsWith: PairConflict[];
}

export interface ChecklistInput {
	facts: ChecklistFacts;
	/** Outcomes of the command items that ran, by item id. */
	runs: Readonly<Record<string, readonly CommandOutcome[]>>;
	answers: Readonly<Record<string, Answer>>;
	notes: Readonly<Record<string, string>>;
}

const verifyItems: Record<VerifyKind, {id: string; group: ChecklistGroup; title: string}> = {
	build: {id: 'build', group: 'Technical', title: 'Build passes'},
	typecheck: {id: 'typecheck', group: 'Technical', title: 'No type errors'},
	test: {id: 'tests', group: 'Integration', title: "Doesn't break existing features (tests pass)"},
};

/** Fact items: which hygiene kinds fail them. */
const factItems: Array<{id: string; group: ChecklistGroup; title: string; kinds: ReadonlyArray<HygieneIssue['kind']>}> = [
	{id: 'no-console-log', group: 'Technical', title: 'No console.log added', kinds: ['console-log']},
	{id: 'no-hardcoded', group: 'Technical', title: 'No hardcoded values (secrets, URLs, ports)', kinds: ['secret', 'hardcoded-url', 'hardcoded-port']},
	{id: 'todo-issue', group: 'Technical', title: 'No TODO/FIXME without an issue reference', kinds: ['todo-without-issue']},
	{id: 'no-duplication', group: 'Code quality', title: "No code duplicated from other agents' branches", kinds: ['duplicate-code']},
	{id: 'descriptive-subjects', group: 'Git hygiene', title: 'Descriptive commit subjects', kinds: ['vague-commit']},
	{id: 'no-wip', group: 'Git hygiene', title: 'No wip/asdf commits', kinds: ['wip-commit']},
	{id: 'no-conflict-markers', group: 'Git hygiene', title: 'No conflict markers', kinds: ['conflict-marker']},
	{id: 'no-unnecessary-files', group: 'Git hygiene', title: 'No unnecessary files (.env, node_modules, build output, large binaries)', kinds: ['env-file', 'unnecessary-file', 'large-binary']},
];

const mergesItem = {id: 'merges-with-agents', group: 'Integration', title: "Works with the other agents' recent changes (merges cleanly)"} as const;

const personItems: Array<{id: string; group: ChecklistGroup; title: string}> = [
	{id: 'patterns', group: 'Code quality', title: 'Follows existing patterns'},
	{id: 'error-handling', group: 'Code quality', title: 'Error handling present'},
	{id: 'edge-cases', group: 'Code quality', title: 'Edge cases covered'},
	{id: 'api-contracts', group: 'Integration', title: 'API contracts match the coordination files'},
	{id: 'shared-types', group: 'Integration', title: 'Shared types used'},
];

/**
 * Every item, in group order: the built-in ones of §6.2, then the repository's own.
 * `commands` are the verification commands by kind: config `verify` and `--verify`.
 */
export function checklistItems(commands: ReadonlyArray<{kind: VerifyKind; command: string}>, extras: SwitchyardConfig['checklist']): ChecklistItem[] {
	const commandItem = (kind: VerifyKind): ChecklistItem => ({
		...verifyItems[kind],
		judge: 'command',
		commands: commands.filter(entry => entry.kind === kind).map(entry => entry.command),
	});
	const facts = (id: string): ChecklistItem => {
		const item = factItems.find(entry => entry.id === id)!;
		return {id: item.id, group: item.group, title: item.title, judge: 'facts', commands: []};
	};

	const person = (id: string): ChecklistItem => ({...personItems.find(entry => entry.id === id)!, judge: 'person', commands: []});
	return [
		commandItem('build'),
		commandItem('typecheck'),
		facts('no-console-log'),
		facts('no-hardcoded'),
		facts('todo-issue'),
		facts('no-duplication'),
		person('patterns'),
		person('error-handling'),
		person('edge-cases'),
		commandItem('test'),
		{...mergesItem, judge: 'facts', commands: []},
		person('api-contracts'),
		person('shared-types'),
		facts('descriptive-subjects'),
		facts('no-wip'),
		facts('no-conflict-markers'),
		facts('no-unnecessary-files'),
		...extras.map((extra, index): ChecklistItem => ({
			id: `repo-${index + 1}`,
			group: 'Repository',
			title: extra.title,
			judge: extra.command ? 'command' : 'person',
			commands: extra.command ? [extra.command] : [],
		})),
	];
}

/** Judges every item: rules over the facts, commands by exit code, the rest by the answers. */
export function judgeChecklist(items: readonly ChecklistItem[], input: ChecklistInput): JudgedItem[] {
	return items.map(item => {
		const judged = judgeItem(item, input);
		const note = input.notes[item.id];
		return note ? {...item, ...judged, note} : {...item, ...judged};
	});
}

function judgeItem(item: ChecklistItem, input: ChecklistInput): {result: ItemResult; evidence: string[]} {
	switch (item.judge) {
		case 'person': {
			return {result: input.answers[item.id] ?? 'pending', evidence: []};
		}

		case 'command': {
			return judgeCommands(item, input.runs[item.id]);
		}

		case 'facts': {
			if (item.id === mergesItem.id) {
				return judgeMerges(input.facts);
			}

			const kinds = factItems.find(entry => entry.id === item.id)!.kinds;
			const found = input.facts.hygiene.filter(issue => kinds.includes(issue.kind));
			return found.length > 0 ? {result: 'fail', evidence: found.map(issue => issue.detail)} : {result: 'pass', evidence: []};
		}
	}
}

function judgeCommands(item: ChecklistItem, outcomes: readonly CommandOutcome[] | undefined): {result: ItemResult; evidence: string[]} {
	if (item.commands.length === 0) {
		return {result: 'no-command', evidence: ['not run — no command (set "verify" in .switchyard.json or pass --verify CMD)']};
	}

	if (!outcomes || outcomes.length === 0) {
		return {result: 'pending', evidence: [`not run yet: ${item.commands.join(' && ')}`]};
	}

	const evidence: string[] = [];
	let result: ItemResult = 'pass';
	for (const outcome of outcomes) {
		evidence.push(`$ ${outcome.command} → ${describeOutcome(outcome)}`);
		if (outcome.cancelled) {
			result = result === 'fail' ? 'fail' : 'pending';
		} else if (outcome.exitCode !== 0) {
			result = 'fail';
			evidence.push(...outcome.tail.split('\n').filter(line => line.trim() !== '').slice(-20).map(line => `  ${line}`));
		}
	}

	return {result, evidence};
}

function describeOutcome(outcome: CommandOutcome): string {
	if (outcome.notFound) {
		return 'command not found';
	}

	if (outcome.cancelled) {
		return 'cancelled';
	}

	const seconds = `${(outcome.durationMs / 1000).toFixed(1)} s`;
	return `exit ${outcome.exitCode ?? '?'} in ${seconds}${outcome.cached ? ' (kept result for this tree)' : ''}`;
}

function judgeMerges(facts: ChecklistFacts): {result: ItemResult; evidence: string[]} {
	const evidence = [
		...(facts.conflictsWithBase.length > 0 ? [`conflicts with base on ${facts.conflictsWithBase.join(', ')}`] : []),
		...facts.conflictsWith.map(conflict => `conflicts with ${conflict.branch} on ${conflict.files.join(', ')}`),
	];
	if (evidence.length > 0) {
		return {result: 'fail', evidence};
	}

	return facts.mergesCleanly === null ? {result: 'pending', evidence: ['conflict prediction has not answered yet']} : {result: 'pass', evidence: []};
}

export interface ChecklistProgress {
	/** Items passed, failed or not applicable. */
	done: number;
	/** Items that can be judged: all but those with no command. */
	total: number;
	failed: string[];
	noCommand: number;
}

export function checklistProgress(items: readonly Pick<JudgedItem, 'result' | 'title'>[]): ChecklistProgress {
	const judged = items.filter(item => item.result !== 'no-command');
	return {
		done: judged.filter(item => item.result !== 'pending').length,
		total: judged.length,
		failed: items.filter(item => item.result === 'fail').map(item => item.title),
		noCommand: items.length - judged.length,
	};
}

/** The checklist of a branch as the dashboard and readiness see it: saved for a head. */
export interface ChecklistState {
	/** `out-of-date`: saved for an earlier head; the branch moved since. */
	freshness: 'current' | 'out-of-date';
	head: string;
	done: number;
	total: number;
	/** Titles of the failed items. */
	failed: string[];
}

/** `12/16`, `2 failed`, `out of date`: the dashboard's word for a branch's checklist. */
export function checklistLabel(state: ChecklistState | null | undefined): string {
	if (!state) {
		return '';
	}

	if (state.freshness === 'out-of-date') {
		return 'out of date';
	}

	return state.failed.length > 0 ? `${state.failed.length} failed` : `${state.done}/${state.total}`;
}

const marks: Record<ItemResult, string> = {pass: '✓', fail: '✗', na: '–', pending: '·', 'no-command': '○'};
const words: Record<ItemResult, string> = {pass: 'passed', fail: 'failed', na: 'not applicable', pending: 'not judged yet', 'no-command': 'not run — no command'};

/** A mark and a word for each result, shared by the screen, the text and the Markdown. */
export function resultMark(result: ItemResult): string {
	return marks[result];
}

export function resultWord(result: ItemResult): string {
	return words[result];
}

export function progressLine(progress: ChecklistProgress): string {
	const parts = [`${progress.done}/${progress.total} judged`];
	if (progress.failed.length > 0) {
		parts.push(`${progress.failed.length} failed`);
	}

	if (progress.noCommand > 0) {
		parts.push(`${progress.noCommand} not run — no command`);
	}

	return parts.join(' · ');
}

/** Items by group, in the groups' order, leaving out empty groups. */
export function groupItems<T extends {group: ChecklistGroup}>(items: readonly T[]): Array<{group: ChecklistGroup; items: T[]}> {
	return checklistGroups.map(group => ({group, items: items.filter(item => item.group === group)})).filter(entry => entry.items.length > 0);
}

/** The filled checklist, ready to paste into a pull request. */
export function checklistMarkdown(branch: string, head: string, items: readonly JudgedItem[]): string {
	const progress = checklistProgress(items);
	const lines = [`## Pre-merge checklist: \`${inlineCode(branch)}\` at \`${head.slice(0, 7)}\``, '', `**${progressLine(progress)}**`, ''];
	for (const {group, items: groupItemsList} of groupItems(items)) {
		lines.push(`### ${group}`, '');
		for (const item of groupItemsList) {
			const box = item.result === 'pass' || item.result === 'na' ? '[x]' : '[ ]';
			const how = item.judge === 'person' ? ' (reviewed by hand)' : '';
			lines.push(`- ${box} ${escapeMarkdown(item.title)} — ${resultMark(item.result)} ${resultWord(item.result)}${how}`);
			for (const line of item.evidence.slice(0, 10)) {
				lines.push(`  - \`${inlineCode(line.trim())}\``);
			}

			if (item.evidence.length > 10) {
				lines.push(`  - … ${item.evidence.length - 10} more`);
			}

			if (item.note) {
				lines.push(`  - note: ${escapeMarkdown(item.note)}`);
			}
		}

		lines.push('');
	}

	return lines.join('\n');
}

/** The readable text of `switchyard checklist <branch>`. */
export function checklistText(branch: string, head: string, items: readonly JudgedItem[]): string {
	const lines = [`Pre-merge checklist for ${branch} at ${head.slice(0, 7)}: ${progressLine(checklistProgress(items))}`];
	for (const {group, items: groupItemsList} of groupItems(items)) {
		lines.push('', group);
		for (const item of groupItemsList) {
			lines.push(`  ${resultMark(item.result)} ${item.title}${item.judge === 'person' ? ' *' : ''} — ${resultWord(item.result)}`);
			for (const line of item.evidence.slice(0, 10)) {
				lines.push(`      ${line}`);
			}

			if (item.note) {
				lines.push(`      note: ${item.note}`);
			}
		}
	}

	lines.push('', '* judged by a person: walk them with the checklist screen (c on the dashboard)');
	return lines.join('\n') + '\n';
}

/** Backticks inside inline code would end it early. */
function inlineCode(text: string): string {
	return text.replaceAll('`', "'");
}

function escapeMarkdown(text: string): string {
	return text.replaceAll(/([\\`*_[\]<>|])/g, '\\$1');
}
