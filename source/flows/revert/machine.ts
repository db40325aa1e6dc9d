/**
 * The emergency revert flow as a pure machine (DESIGN §6.3 steps 2–4): in a worktree
 * of its own at base's tip, verification confirms base is red, then the culprit is
 * found either newest first (revert one suspect at a time, verify after each, stop
 * at the first green, then try reverting that one alone) or by a first-parent
 * bisection over the suspects (core/bisection, the integration flow's) followed by
 * a revert of the culprit alone on the tip. The verified revert commit is promoted to
 * base by compare-and-swap after a backup, on confirmation.
 */
import {culpritPosition, nextProbe, recordProbe, startBisection, type Bisection} from '../../core/bisection.js';
import type {Effect, FlowEvent, FlowMachine, Transition} from '../engine/types.js';

export interface RevertSuspectInput {
	commit: string;
	/** A merge is reverted with `-m 1`. */
	merge: boolean;
	/** The merged branch, or the subject of a plain commit: how the user knows it. */
	label: string;
	/** A merge's branch and that branch's agent, when known. */
	branch?: string;
	agent?: string;
}

export interface RevertInput {
	base: string;
	baseTip: string;
	/** The flow's worktree under the state folder. */
	folder: string;
	commands: string[];
	/** Base's first-parent commits, newest first. */
	suspects: RevertSuspectInput[];
	strategy: 'newest-first' | 'bisect';
	/** Verify base's tip first (off with --skip-check: the tip is taken as red). */
	checkBase: boolean;
	/** `ask`: the conflicted revert stays while the person chooses: resolve by hand and continue, skip it (newest first only), or abort. */
	onConflict: 'abort' | 'skip' | 'ask';
	pushTo?: string;
}

export type RevertOutcome =
	| 'base-green'
	/** Base now holds the verified revert(s). */
	| 'promoted'
	| 'declined'
	/** A revert conflicted (with --on-conflict abort, or the culprit's own revert). */
	| 'conflict'
	/** No revert made base green. */
	| 'still-red'
	/** Promotion refused: base moved, or files in the way. */
	| 'refused'
	/** A verification was cancelled (the dashboard's x): it says nothing of the tree, so the flow ends. */
	| 'cancelled';

export interface VerificationRun {
	/** What was verified: base's tip, a bisection probe, or a revert. */
	what: string;
	commit: string;
	passed: boolean;
	tree?: string;
	summary: string[];
	tail: string[];
}

export type RevertPhase = 'check-base' | 'reverting' | 'single' | 'bisecting' | 'culprit-revert' | 'promoting';

export interface RevertState {
	input: RevertInput;
	phase: RevertPhase;
	/** Newest first: index of the suspect being reverted. */
	next: number;
	/** The reverts made one after the other in the worktree (newest first), with HEAD after each. */
	chain: Array<{commit: string; head: string}>;
	skipped: Array<{commit: string; files: string[]}>;
	/**
	 * A revert that conflicted, until its abort is done or its hand resolution committed:
	 * with `onConflict: 'ask'`, the head it was made on, the files a `continue` found still
	 * unresolved, and the choice made.
	 */
	conflict?: {commit: string; files: string[]; expectHead?: string; unresolved?: string[]; problem?: string; choice?: 'skip' | 'abort'};
	runs: VerificationRun[];
	bisection?: Bisection;
	probe?: number;
	/** The suspect whose revert turns base green. */
	culprit?: string;
	/** What promotion would move base to, and which suspects it reverts. */
	candidate?: {commit: string; reverted: string[]};
	/** Whether the smaller revert (the culprit alone) was tried, and its result. */
	alone?: 'green' | 'red' | 'conflict';
	refusal?: string;
	pushed: boolean;
	outcome?: RevertOutcome;
}

const baseRef = (state: RevertState) => `refs/heads/${state.input.base}`;
const short = (commit: string) => commit.slice(0, 12);

/** How the user knows a suspect: its label, else its short id. */
export function label(state: RevertState, commit: string): string {
	return state.input.suspects.find(suspect => suspect.commit === commit)?.label ?? short(commit);
}

function cleanup(state: RevertState, outcome: RevertOutcome): Transition<RevertState> {
	return {state: {...state, outcome: state.outcome ?? outcome}, effects: [{type: 'remove-worktree', folder: state.input.folder}]};
}

function verify(state: RevertState, commit: string): Effect {
	return {type: 'verify', folder: state.input.folder, commit, commands: state.input.commands};
}

function revert(state: RevertState, commit: string, expectHead: string): Effect {
	const merge = state.input.suspects.find(suspect => suspect.commit === commit)?.merge ?? false;
	return {type: 'revert', folder: state.input.folder, commit, ...(merge ? {mainline: 1 as const} : {}), expectHead};
}

function chainHead(state: RevertState): string {
	return state.chain.at(-1)?.head ?? state.input.baseTip;
}

/** Position k of the sequence oldest→newest is suspect n-k: prefix k ends with it. */
function prefixCommit(state: RevertState, k: number): string {
	return state.input.suspects[state.input.suspects.length - k]!.commit;
}

function search(state: RevertState): Transition<RevertState> {
	if (state.input.strategy === 'newest-first') {
		return revertNext({...state, phase: 'reverting', next: 0});
	}

	return probeOrRevert({...state, phase: 'bisecting'}, startBisection(state.input.suspects.length));
}

function revertNext(state: RevertState): Transition<RevertState> {
	const suspect = state.input.suspects[state.next];
	if (!suspect) {
		return cleanup(state, 'still-red');
	}

	return {state, effects: [revert(state, suspect.commit, chainHead(state))]};
}

function probeOrRevert(state: RevertState, bisection: Bisection): Transition<RevertState> {
	const probe = nextProbe(bisection);
	if (probe !== undefined) {
		return {state: {...state, bisection, probe}, effects: [verify(state, prefixCommit(state, probe))]};
	}

	const culprit = prefixCommit(state, culpritPosition(bisection));
	const next: RevertState = {...state, bisection, culprit, phase: 'culprit-revert'};
	delete next.probe;
	return {state: next, effects: [revert(next, culprit, state.input.baseTip)]};
}

function askPromotion(state: RevertState, candidate: {commit: string; reverted: string[]}): Transition<RevertState> {
	const what = candidate.reverted.map(commit => label(state, commit)).join(', ');
	const smaller = state.alone === 'green' && state.chain.length > 1 ? ` (only it: the ${state.chain.length - 1} newer kept)` : '';
	const question = `fast-forward ${state.input.base} to ${short(candidate.commit)}, which reverts ${what}${smaller}?`;
	return {state: {...state, phase: 'promoting', candidate}, effects: [{type: 'ask', question}]};
}

function chainCandidate(state: RevertState): {commit: string; reverted: string[]} {
	return {commit: chainHead(state), reverted: state.chain.map(entry => entry.commit)};
}

/** What a verification of `commit` tests, in the state that asked for it: base's tip, a bisection probe, or a revert. */
export function verificationSubject(state: RevertState, commit: string): string {
	switch (state.phase) {
		case 'check-base': {
			return `${state.input.base}'s tip`;
		}

		case 'bisecting': {
			return `${state.input.base} at ${short(commit)} (up to ${label(state, commit)})`;
		}

		case 'single': {
			return `${label(state, state.culprit!)} reverted alone`;
		}

		case 'reverting': {
			return `${label(state, state.input.suspects[state.next]!.commit)} reverted${state.chain.length > 1 ? ` (with the ${state.chain.length - 1} newer)` : ''}`;
		}

		default: {
			return `${label(state, state.culprit!)} reverted`;
		}
	}
}

function recordRun(state: RevertState, effect: Extract<Effect, {type: 'verify'}>, event: FlowEvent): RevertState {
	const what = verificationSubject(state, effect.commit);
	const {outcome} = event;
	const run: VerificationRun = {what, commit: effect.commit, passed: outcome.ok, summary: outcome.summary ?? [], tail: outcome.tail ?? [], ...(outcome.tree ? {tree: outcome.tree} : {})};
	return {...state, runs: [...state.runs, run]};
}

/** The choices on a conflicting revert, as the `ask` effect carries them (skip only while reverting newest first). */
export const revertConflictChoices = {resolved: 'continue', skip: 'skip', abort: 'abort'} as const;

function askConflict(state: RevertState): Transition<RevertState> {
	const conflict = state.conflict!;
	const choices: string[] = [revertConflictChoices.resolved, ...(state.phase === 'reverting' ? [revertConflictChoices.skip] : []), revertConflictChoices.abort];
	const still = conflict.unresolved ? `still unresolved: ${conflict.unresolved.join(', ')}${conflict.problem ? ` (${conflict.problem})` : ''}; ` : '';
	const question = `the revert of ${label(state, conflict.commit)} conflicts in ${conflict.files.join(', ')}: ${still}resolve it by hand in ${state.input.folder} and continue${state.phase === 'reverting' ? ', skip it' : ''}, or abort?`;
	return {state, effects: [{type: 'ask', question, choices}]};
}

/** A revert made (by git, or by hand and concluded): kept in the chain while reverting newest first, then verified. */
function afterRevert(state: RevertState, commit: string, head: string): Transition<RevertState> {
	const next = state.phase === 'reverting' ? {...state, chain: [...state.chain, {commit, head}]} : state;
	return {state: next, effects: [verify(next, head)]};
}

export const revertMachine: FlowMachine<RevertInput, RevertState> = {
	name: 'revert',

	start(input) {
		const state: RevertState = {input, phase: 'check-base', next: 0, chain: [], skipped: [], runs: [], pushed: false};
		return {state, effects: [{type: 'add-worktree', folder: input.folder, commit: input.baseTip}]};
	},

	step(state, event: FlowEvent) {
		const {effect, outcome} = event;
		switch (effect.type) {
			case 'add-worktree': {
				return state.input.checkBase ? {state, effects: [verify(state, state.input.baseTip)]} : search(state);
			}

			case 'verify': {
				const next = recordRun(state, effect, event);
				if (outcome.cancelled) {
					return cleanup(next, 'cancelled');
				}

				switch (state.phase) {
					case 'check-base': {
						return outcome.ok ? cleanup(next, 'base-green') : search(next);
					}

					case 'reverting': {
						if (!outcome.ok) {
							return revertNext({...next, next: state.next + 1});
						}

						const culprit = state.input.suspects[state.next]!.commit;
						if (state.chain.length > 1) {
							return {state: {...next, culprit, phase: 'single'}, effects: [revert(next, culprit, state.input.baseTip)]};
						}

						return askPromotion({...next, culprit}, chainCandidate(next));
					}

					case 'single': {
						if (outcome.ok) {
							const alone = {...next, alone: 'green' as const};
							return askPromotion(alone, {commit: effect.commit, reverted: [state.culprit!]});
						}

						return askPromotion({...next, alone: 'red'}, chainCandidate(next));
					}

					case 'bisecting': {
						return probeOrRevert(next, recordProbe(state.bisection!, state.probe!, outcome.ok));
					}

					case 'culprit-revert': {
						return outcome.ok ? askPromotion(next, {commit: effect.commit, reverted: [state.culprit!]}) : cleanup(next, 'still-red');
					}

					default: {
						return {state: next, effects: []};
					}
				}
			}

			case 'revert': {
				if (!outcome.ok) {
					const conflict = {commit: effect.commit, files: outcome.files ?? []};
					if (state.input.onConflict === 'ask' && (state.phase === 'reverting' || state.phase === 'culprit-revert')) {
						return askConflict({...state, conflict: {...conflict, expectHead: effect.expectHead}});
					}

					return {state: {...state, conflict}, effects: [{type: 'abort-revert', folder: state.input.folder}]};
				}

				return afterRevert(state, effect.commit, outcome.head!);
			}

			case 'conclude': {
				const conflict = state.conflict!;
				if (outcome.ok) {
					const next: RevertState = {...state};
					delete next.conflict;
					return afterRevert(next, conflict.commit, outcome.head!);
				}

				return askConflict({...state, conflict: {...conflict, unresolved: outcome.files ?? [], ...(outcome.message && outcome.message !== 'unresolved' ? {problem: outcome.message} : {})}});
			}

			case 'abort-revert': {
				const conflict = state.conflict!;
				const next: RevertState = {...state};
				delete next.conflict;
				if (state.phase === 'single') {
					return askPromotion({...next, alone: 'conflict'}, chainCandidate(next));
				}

				const skipped = [...state.skipped, {commit: conflict.commit, files: conflict.files}];
				if (state.phase === 'reverting' && (state.input.onConflict === 'skip' || conflict.choice === 'skip')) {
					return revertNext({...next, skipped, next: state.next + 1});
				}

				return cleanup({...next, skipped}, 'conflict');
			}

			case 'ask': {
				if (state.conflict) {
					const conflict = state.conflict;
					if (outcome.choice === revertConflictChoices.resolved) {
						return {state, effects: [{type: 'conclude', folder: state.input.folder, operation: 'revert', commit: conflict.commit, expectHead: conflict.expectHead!, files: conflict.files}]};
					}

					const choice = outcome.choice === revertConflictChoices.skip ? 'skip' : 'abort';
					return {state: {...state, conflict: {...conflict, choice}}, effects: [{type: 'abort-revert', folder: state.input.folder}]};
				}

				if (!outcome.answer) {
					return cleanup(state, 'declined');
				}

				return {
					state,
					effects: [
						{type: 'backup-ref', ref: baseRef(state), value: state.input.baseTip},
						{type: 'update-ref', ref: baseRef(state), new: state.candidate!.commit, old: state.input.baseTip},
					],
				};
			}

			case 'update-ref': {
				if (!outcome.ok) {
					const refusal = outcome.moved
						? `${state.input.base} moved during the revert flow; nothing was promoted: run \`switchyard revert\` again on the new tip`
						: `${outcome.message ?? 'promotion was refused'}; nothing was promoted`;
					return cleanup({...state, refusal}, 'refused');
				}

				if (state.input.pushTo) {
					return {state: {...state, outcome: 'promoted'}, effects: [{type: 'push', remote: state.input.pushTo, ref: baseRef(state)}]};
				}

				return cleanup(state, 'promoted');
			}

			case 'push': {
				return cleanup({...state, pushed: true}, 'promoted');
			}

			default: {
				return {state, effects: []};
			}
		}
	},
};
