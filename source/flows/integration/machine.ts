/**
 * The integration flow as a pure machine (DESIGN §6.1 steps 3–7): a worktree on a new
 * integration branch from base, each branch merged with `--no-ff`, verification,
 * on red a bisection over the merge sequence, and promotion of exactly the verified
 * commit by compare-and-swap (after a backup of base), then cleanup.
 */
import {culpritPosition, nextProbe, recordProbe, startBisection, type Bisection} from '../../core/bisection.js';
import type {Effect, FlowEvent, FlowMachine, Transition} from '../engine/types.js';

export interface IntegrationInput {
	/** Base branch name (`main`) and the commit it held when the flow started. */
	base: string;
	baseTip: string;
	/** In merge order, with the commit each tip held when the flow started, and its agent (`noAgent` when none). */
	branches: Array<{name: string; tip: string; agent: string}>;
	/** `test/integration-<yyyymmdd-hhmm>`, and the worktree folder under the state folder. */
	integrationBranch: string;
	folder: string;
	commands: string[];
	/** `ask`: the conflicted merge stays, and the person chooses: resolve by hand and continue, skip the branch, or abort. */
	onConflict: 'abort' | 'skip' | 'ask';
	/** After a red verification, keep the worktree for inspection until the person closes the flow (a `hold`). */
	inspect?: boolean;
	/** Remote to push base to after promotion; none: no push. */
	pushTo?: string;
	/**
	 * Reverts on base to revert first, before any merge (DESIGN §6.3 step 5): a branch
	 * whose earlier merge was reverted comes back whole only once that revert is undone.
	 */
	revertFirst?: Array<{branch: string; revert: string}>;
}

export type IntegrationOutcome =
	/** Base now holds the verified commit. */
	| 'promoted'
	/** Verification was red; the green prefix without the culprit was promoted. */
	| 'promoted-prefix'
	| 'declined'
	| 'conflict'
	| 'red'
	/** Promotion was refused: base moved, or files in the way. */
	| 'refused'
	| 'nothing-merged'
	/** The person stopped a verification run; nothing was promoted. */
	| 'cancelled';

export interface IntegrationState {
	input: IntegrationInput;
	/** Index of the branch being merged (or next). */
	next: number;
	/**
	 * The integration branch's head after each merge, in order; `byHand` when the person
	 * resolved its conflict, `bySection` the coordination files merged section by section.
	 */
	merged: Array<{name: string; head: string; byHand?: boolean; bySection?: string[]}>;
	/** The integration branch's head after each revert of `revertFirst`, in order. */
	reverted?: Array<{revert: string; head: string}>;
	setAside: Array<{name: string; files: string[]}>;
	/** After a conflict with --on-conflict abort. */
	aborting: boolean;
	/**
	 * With `onConflict: 'ask'`: the conflicting branch the person is asked about (its merge
	 * stopped in the worktree); after a `continue` that found files still unresolved, those.
	 */
	deciding?: {name: string; files: string[]; unresolved?: string[]; problem?: string};
	verification: 'none' | 'pending' | 'passed' | 'failed';
	/** One line per command of the last full run. */
	summary: string[];
	runs: number;
	/**
	 * Base's own verification (base with the reverts of `revertFirst`), run once the full
	 * integration is red and before any bisection: the bisection takes base as green.
	 * `pending` while it runs; its result after (free when the verifier kept it by tree).
	 */
	baseCheck?: {pending: true} | {pending: false; passed: boolean; summary: string[]; tail: string[]};
	bisection?: Bisection;
	/** The prefix being verified by the bisection. */
	probe?: number;
	culprit?: string;
	collateral?: string[];
	/** What promotion would move base to, and which merges it holds. */
	candidate?: {commit: string; branches: string[]};
	refusal?: string;
	pushed: boolean;
	outcome?: IntegrationOutcome;
}

/** The agent of a branch that is no agent's (`IntegrationInput.branches[].agent`). */
export const noAgent = 'no agent';

const baseRef = (state: IntegrationState) => `refs/heads/${state.input.base}`;

function headOf(state: IntegrationState): string {
	return state.merged.at(-1)?.head ?? startOf(state);
}

/** What the merges start from: base's tip, after the reverts of `revertFirst`. */
function startOf(state: IntegrationState): string {
	return state.reverted?.at(-1)?.head ?? state.input.baseTip;
}

/** Whether base is red too: then no branch is to blame, and there is nothing to bisect. */
export function baseIsRed(state: IntegrationState): boolean {
	return state.baseCheck?.pending === false && !state.baseCheck.passed;
}

function startBisecting(state: IntegrationState): Transition<IntegrationState> {
	const bisection = startBisection(state.merged.length);
	const probe = nextProbe(bisection);
	return probe === undefined ? afterBisection(state, bisection) : {state: {...state, bisection, probe}, effects: [probeEffect(state, probe)]};
}

/** The next revert of `revertFirst`, else the first merge. */
function revertNextOrMerge(state: IntegrationState): Transition<IntegrationState> {
	const next = state.input.revertFirst?.[state.reverted?.length ?? 0];
	return next ? {state, effects: [{type: 'revert', folder: state.input.folder, commit: next.revert, expectHead: headOf(state)}]} : mergeNext(state);
}

function cleanup(state: IntegrationState, outcome: IntegrationOutcome): Transition<IntegrationState> {
	return {
		state: {...state, outcome: state.outcome ?? outcome},
		effects: [
			{type: 'remove-worktree', folder: state.input.folder},
			{type: 'delete-branch', branch: state.input.integrationBranch},
		],
	};
}

/** The choices on a conflict (DESIGN §6.1 step 3), as the `ask` effect carries them. */
export const conflictChoices = {skip: 'skip', abort: 'abort', resolved: 'continue'} as const;

/** The conflicted merge stays; the person chooses: resolve it by hand in the worktree and continue, skip the branch, or abort. */
function askConflict(state: IntegrationState): Transition<IntegrationState> {
	const deciding = state.deciding!;
	const still = deciding.unresolved ? `still unresolved: ${deciding.unresolved.join(', ')}${deciding.problem ? ` (${deciding.problem})` : ''}; ` : '';
	const question = `${deciding.name} conflicts in ${deciding.files.join(', ')}: ${still}resolve it by hand in ${state.input.folder} and continue, skip it and merge the rest, or abort the integration?`;
	return {state, effects: [{type: 'ask', question, choices: [conflictChoices.resolved, conflictChoices.skip, conflictChoices.abort]}]};
}

/** The branch is left out: its merge is aborted, then the rest is merged (skip) or the integration ends (abort). */
function setAside(state: IntegrationState, branch: {name: string; files: string[]}, abort: boolean): Transition<IntegrationState> {
	return {state: {...state, setAside: [...state.setAside, branch], aborting: abort}, effects: [{type: 'abort-merge', folder: state.input.folder}]};
}

/** The end of a red integration: with `inspect`, the worktree stays until the person closes the flow; then cleanup. */
function redEnd(state: IntegrationState): Transition<IntegrationState> {
	if (!state.input.inspect) {
		return cleanup(state, 'red');
	}

	const question = `verification is red: the worktree ${state.input.folder} is kept for inspection; close the flow to remove it and ${state.input.integrationBranch}`;
	return {state: {...state, outcome: state.outcome ?? 'red'}, effects: [{type: 'hold', folder: state.input.folder, commit: headOf(state), question}]};
}

function mergeNext(state: IntegrationState): Transition<IntegrationState> {
	const branch = state.input.branches[state.next];
	if (branch) {
		const message = `Merge branch '${branch.name}' (${branch.agent}) into ${state.input.integrationBranch}`;
		// Coordination files merge section by section when each side kept to its own agents' sections (DESIGN §6.1 step 3).
		const agentOf = (agent: string) => (agent === noAgent ? [] : [agent]);
		const bySection = {ours: [...new Set(state.merged.flatMap(entry => agentOf(state.input.branches.find(each => each.name === entry.name)?.agent ?? noAgent)))], theirs: agentOf(branch.agent)[0] ?? null};
		return {state, effects: [{type: 'merge', folder: state.input.folder, commit: branch.tip, message, expectHead: headOf(state), bySection}]};
	}

	if (state.merged.length === 0) {
		return cleanup(state, 'nothing-merged');
	}

	if (state.input.commands.length === 0) {
		return askPromotion({...state, verification: 'none'}, {commit: headOf(state), branches: state.merged.map(entry => entry.name)});
	}

	return {state: {...state, verification: 'pending'}, effects: [{type: 'verify', folder: state.input.folder, commit: headOf(state), commands: state.input.commands}]};
}

function askPromotion(state: IntegrationState, candidate: {commit: string; branches: string[]}): Transition<IntegrationState> {
	const question = `fast-forward ${state.input.base} to ${candidate.commit.slice(0, 12)} (${candidate.branches.join(', ')})?`;
	return {state: {...state, candidate}, effects: [{type: 'ask', question}]};
}

function probeEffect(state: IntegrationState, probe: number): Effect {
	return {type: 'verify', folder: state.input.folder, commit: state.merged[probe - 1]!.head, commands: state.input.commands};
}

function afterBisection(state: IntegrationState, bisection: Bisection): Transition<IntegrationState> {
	const position = culpritPosition(bisection);
	const culprit = state.merged[position - 1]!.name;
	const collateral = state.merged.slice(position).map(entry => entry.name);
	const next = {...state, bisection, culprit, collateral};
	if (bisection.good === 0) {
		return redEnd(next);
	}

	const green = state.merged.slice(0, bisection.good);
	return askPromotion(next, {commit: green.at(-1)!.head, branches: green.map(entry => entry.name)});
}

/** The agent branches base now holds, and their agents; none when nothing was promoted. */
/** After promotion (DESIGN §6.1 step 6), what the offers are about. */
export function promotedAgentWork(state: IntegrationState): {branches: string[]; agents: string[]} {
	if (state.outcome !== 'promoted' && state.outcome !== 'promoted-prefix') {
		return {branches: [], agents: []};
	}

	const names = state.candidate?.branches ?? [];
	const owned = state.input.branches.filter(branch => names.includes(branch.name) && branch.agent !== noAgent);
	return {branches: owned.map(branch => branch.name), agents: [...new Set(owned.map(branch => branch.agent))]};
}

export const integrationMachine: FlowMachine<IntegrationInput, IntegrationState> = {
	name: 'integration',

	start(input) {
		const state: IntegrationState = {input, next: 0, merged: [], setAside: [], aborting: false, verification: 'pending', summary: [], runs: 0, pushed: false};
		return {state, effects: [{type: 'add-worktree', folder: input.folder, commit: input.baseTip, branch: input.integrationBranch}]};
	},

	step(state, {effect, outcome}: FlowEvent) {
		switch (effect.type) {
			case 'add-worktree': {
				return revertNextOrMerge(state);
			}

			case 'revert': {
				if (outcome.ok) {
					return revertNextOrMerge({...state, reverted: [...(state.reverted ?? []), {revert: effect.commit, head: outcome.head!}]});
				}

				const branch = state.input.revertFirst?.find(entry => entry.revert === effect.commit)?.branch ?? effect.commit;
				return {state: {...state, setAside: [...state.setAside, {name: branch, files: outcome.files ?? []}], aborting: true}, effects: [{type: 'abort-revert', folder: state.input.folder}]};
			}

			case 'abort-revert': {
				return cleanup(state, 'conflict');
			}

			case 'merge': {
				const branch = state.input.branches[state.next]!;
				if (outcome.ok) {
					return mergeNext({...state, next: state.next + 1, merged: [...state.merged, {name: branch.name, head: outcome.head!, ...(outcome.sectionMerged?.length ? {bySection: outcome.sectionMerged} : {})}]});
				}

				const files = outcome.files ?? [];
				if (state.input.onConflict === 'ask') {
					// The conflicted merge stays in the worktree while the person chooses: it is what they would resolve.
					return askConflict({...state, deciding: {name: branch.name, files}});
				}

				return setAside(state, {name: branch.name, files}, state.input.onConflict === 'abort');
			}

			case 'conclude': {
				const deciding = state.deciding!;
				if (outcome.ok) {
					const {deciding: _resolved, ...rest} = state;
					return mergeNext({...rest, next: state.next + 1, merged: [...state.merged, {name: deciding.name, head: outcome.head!, byHand: true}]});
				}

				return askConflict({...state, deciding: {...deciding, unresolved: outcome.files ?? [], ...(outcome.message && outcome.message !== 'unresolved' ? {problem: outcome.message} : {})}});
			}

			case 'abort-merge': {
				if (state.aborting) {
					return cleanup(state, 'conflict');
				}

				return mergeNext({...state, next: state.next + 1});
			}

			case 'verify': {
				if (state.baseCheck?.pending) {
					if (outcome.cancelled) {
						return cleanup({...state, baseCheck: {pending: false, passed: false, summary: outcome.summary ?? [], tail: []}}, 'cancelled');
					}

					const checked = {...state, baseCheck: {pending: false as const, passed: outcome.ok, summary: outcome.summary ?? [], tail: outcome.tail ?? []}};
					return outcome.ok ? startBisecting(checked) : redEnd(checked);
				}

				const runs = state.runs + 1;
				if (outcome.cancelled) {
					return cleanup({...state, runs, summary: outcome.summary ?? state.summary}, 'cancelled');
				}

				if (state.bisection && state.probe !== undefined) {
					const bisection = recordProbe(state.bisection, state.probe, outcome.ok);
					const probe = nextProbe(bisection);
					const next = {...state, runs, bisection, probe};
					return probe === undefined ? afterBisection(next, bisection) : {state: next, effects: [probeEffect(next, probe)]};
				}

				const next = {...state, runs, verification: outcome.ok ? ('passed' as const) : ('failed' as const), summary: outcome.summary ?? []};
				if (outcome.ok) {
					return askPromotion(next, {commit: headOf(state), branches: state.merged.map(entry => entry.name)});
				}

				// Base first: were it red too, every prefix would be red and the bisection would blame the first branch.
				return {state: {...next, baseCheck: {pending: true}}, effects: [{type: 'verify', folder: state.input.folder, commit: startOf(state), commands: state.input.commands}]};
			}

			case 'ask': {
				if (state.deciding) {
					const deciding = state.deciding;
					if (outcome.choice === conflictChoices.resolved) {
						return {state, effects: [{type: 'conclude', folder: state.input.folder, operation: 'merge', commit: state.input.branches[state.next]!.tip, expectHead: headOf(state), files: deciding.files}]};
					}

					const {deciding: _answered, ...rest} = state;
					return setAside(rest, {name: deciding.name, files: deciding.files}, outcome.choice !== conflictChoices.skip);
				}

				if (!outcome.answer) {
					return state.verification === 'failed' ? redEnd(state) : cleanup(state, 'declined');
				}

				const candidate = state.candidate!;
				return {
					state,
					effects: [
						{type: 'backup-ref', ref: baseRef(state), value: state.input.baseTip},
						{type: 'update-ref', ref: baseRef(state), new: candidate.commit, old: state.input.baseTip},
					],
				};
			}

			case 'backup-ref': {
				return {state, effects: []};
			}

			case 'update-ref': {
				if (!outcome.ok) {
					const refusal = outcome.moved
						? `${state.input.base} moved during the flow; nothing was promoted: run the integration again on the new tip`
						: `${outcome.message ?? 'promotion was refused'}; nothing was promoted`;
					return cleanup({...state, refusal}, 'refused');
				}

				const promoted = state.verification === 'failed' ? 'promoted-prefix' : 'promoted';
				if (state.input.pushTo) {
					return {state: {...state, outcome: promoted}, effects: [{type: 'push', remote: state.input.pushTo, ref: baseRef(state)}]};
				}

				return cleanup(state, promoted);
			}

			case 'push': {
				return cleanup({...state, pushed: true}, state.outcome!);
			}

			case 'hold': {
				return cleanup(state, 'red');
			}

			case 'remove-worktree':
			case 'delete-branch': {
				return {state, effects: []};
			}
		}
	},
};
