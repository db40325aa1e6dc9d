/**
 * What the revert screen shows, as a pure reducer: the suspects on base and the
 * search chosen over them, then the flow's steps (flow-run.ts), the promotion
 * question, and the report.
 */
import {makeVisible} from '../../core/text-safety.js';
import {label, verificationSubject, type RevertState} from '../../flows/revert/machine.js';
import {defaultStrategy, type RevertPlan} from '../../flows/revert/suspects.js';
import {flowRunReducer, idleRun, stillResolving, verificationDone, type FlowRunAction, type FlowRunFields, type ProgressLine} from './flow-run.js';
import type {RevertChoice} from './revert-services.js';

export type RevertPhase = 'loading' | 'choose' | 'running' | 'conflict' | 'confirm' | 'done';

export interface RevertView extends FlowRunFields {
	phase: RevertPhase;
	plan: RevertPlan | null;
	/** How many of base's newest first-parent commits are suspects (`--last N`). */
	last: number;
	/** Bisect (true), newest first (false), or the command's default for the count (null). */
	bisect: boolean | null;
	checkBase: boolean;
	onConflict: RevertChoice['onConflict'];
	/** First suspect shown. */
	scroll: number;
	/** The question the flow waits on; `choices` for a choice (a conflicting revert's). */
	question: {text: string; state: RevertState; choices?: readonly string[]} | null;
	final: RevertState | null;
	error: string | null;
}

export type RevertViewAction =
	| {type: 'planned'; plan: RevertPlan; last: number}
	| {type: 'last'; by: 1 | -1}
	| {type: 'scroll'; by: number}
	| {type: 'toggle-bisect'}
	| {type: 'toggle-check'}
	| {type: 'toggle-conflict'}
	/** Run again from the choice (after a conflict, with `onConflict: 'skip'`). */
	| {type: 'again'; onConflict: RevertChoice['onConflict']}
	| {type: 'started'}
	| FlowRunAction
	| {type: 'ask'; text: string; state: RevertState; choices?: readonly string[]}
	/** The revert machine keeps no worktree for inspection: a hold is not shown. */
	| {type: 'hold'; folder: string; state: RevertState}
	| {type: 'answered'}
	| {type: 'finished'; state: RevertState}
	| {type: 'failed'; message: string};

/** `switchyard revert`'s default `--last`. */
export const defaultLast = 10;

export function openRevert(): RevertView {
	return {...idleRun, phase: 'loading', plan: null, last: defaultLast, bisect: null, checkBase: true, onConflict: 'ask', scroll: 0, question: null, final: null, error: null};
}

/** The choice the screen runs with. */
export function revertChoice(view: RevertView): RevertChoice {
	const count = view.plan?.suspects.length ?? 0;
	return {strategy: view.bisect === null ? defaultStrategy(count, false) : view.bisect ? 'bisect' : 'newest-first', checkBase: view.checkBase, onConflict: view.onConflict};
}

/** Whether the flow can start: suspects read, a verification command, no error. */
export function canRun(view: RevertView): boolean {
	return view.phase === 'choose' && view.error === null && (view.plan?.suspects.length ?? 0) > 0 && (view.plan?.commands.length ?? 0) > 0;
}

const short = (commit: string) => commit.slice(0, 12);

/** The line a step of the revert flow adds when it starts and when it is done. */
export function revertProgressLine({phase, effect, outcome, state}: Parameters<Parameters<typeof flowRunReducer>[2]>[0]): ProgressLine | null {
	const flow = state as RevertState;
	const base = makeVisible(flow.input.base);
	switch (effect.type) {
		case 'add-worktree': {
			return phase === 'start' ? {text: `checking out ${base} at ${short(flow.input.baseTip)} in a worktree of its own`, tone: 'doing'} : null;
		}

		case 'verify': {
			return phase === 'start' ? {text: `verifying ${verificationSubject(flow, effect.commit)}…`, tone: 'doing'} : verificationDone(outcome);
		}

		case 'revert': {
			const name = label(flow, effect.commit);
			if (phase === 'start') {
				return {text: `reverting ${name}…`, tone: 'doing'};
			}

			return outcome?.ok ? {text: `reverted ${name}`, tone: 'ok'} : {text: `the revert of ${name} conflicts in ${(outcome?.files ?? []).map(makeVisible).join(', ')}`, tone: 'bad'};
		}

		case 'conclude': {
			if (phase === 'start') {
				return null;
			}

			return outcome?.ok
				? {text: `reverted ${label(flow, effect.commit)}, resolved by hand`, tone: 'ok'}
				: {text: `still unresolved: ${(outcome?.files ?? []).map(makeVisible).join(', ')}${outcome?.message && outcome.message !== 'unresolved' ? ` (${makeVisible(outcome.message)})` : ''}`, tone: 'bad'};
		}

		case 'update-ref': {
			if (phase === 'start') {
				return {text: `promoting: ${base} to ${short(effect.new)}…`, tone: 'doing'};
			}

			return outcome?.ok ? {text: `${base} is now ${short(effect.new)}`, tone: 'ok'} : {text: makeVisible(outcome?.message ?? 'promotion was refused'), tone: 'bad'};
		}

		case 'remove-worktree': {
			return phase === 'done' ? {text: 'removed the worktree', tone: 'info'} : null;
		}

		default: {
			return null;
		}
	}
}

/** `o` on the choice: ask (resolve by hand, skip or abort on the screen), skip, abort. */
const conflictCycle: Record<RevertChoice['onConflict'], RevertChoice['onConflict']> = {ask: 'skip', skip: 'abort', abort: 'ask'};

export function revertViewReducer(view: RevertView, action: RevertViewAction): RevertView {
	switch (action.type) {
		case 'planned': {
			// A plan for a count changed since is stale.
			return action.last === view.last ? {...view, phase: 'choose', plan: action.plan, error: null, scroll: 0} : view;
		}

		case 'last': {
			const last = Math.max(1, view.last + action.by);
			return last === view.last ? view : {...view, last, phase: 'loading'};
		}

		case 'scroll': {
			return {...view, scroll: Math.max(0, Math.min((view.plan?.suspects.length ?? 1) - 1, view.scroll + action.by))};
		}

		case 'toggle-bisect': {
			return {...view, bisect: revertChoice(view).strategy !== 'bisect'};
		}

		case 'toggle-check': {
			return {...view, checkBase: !view.checkBase};
		}

		case 'toggle-conflict': {
			return {...view, onConflict: conflictCycle[view.onConflict]};
		}

		case 'again': {
			return {...view, ...idleRun, onConflict: action.onConflict, phase: 'running', final: null, question: null, error: null};
		}

		case 'started': {
			return {...view, ...idleRun, phase: 'running'};
		}

		case 'ask': {
			const resolving = stillResolving(view, action.choices, action.state.conflict?.unresolved);
			return {...view, phase: action.choices ? 'conflict' : 'confirm', question: {text: action.text, state: action.state, ...(action.choices ? {choices: action.choices} : {})}, resolving};
		}

		case 'hold': {
			return view;
		}

		case 'answered': {
			return {...view, phase: 'running', question: null};
		}

		case 'finished': {
			return {...view, phase: 'done', final: action.state, verifying: null, question: null, leaving: false};
		}

		case 'failed': {
			return {...view, phase: view.phase === 'loading' || view.phase === 'choose' ? 'choose' : 'done', error: action.message, verifying: null, question: null, leaving: false};
		}

		default: {
			return flowRunReducer(view, action, revertProgressLine);
		}
	}
}

/** The verification runs the flow used, each with the tail of a failing one's output. */
export function runLines(state: RevertState): ProgressLine[] {
	return state.runs.flatMap((run, index) => [
		{text: `run ${index + 1}: ${run.what} ${run.passed ? 'passes' : 'fails'}`, tone: run.passed ? 'ok' as const : 'bad' as const},
		...run.tail.slice(-3).map(line => ({text: `    | ${makeVisible(line)}`, tone: 'info' as const})),
	]);
}

/** Where base is at the end. */
export function outcomeLine(state: RevertState): ProgressLine | null {
	const base = makeVisible(state.input.base);
	switch (state.outcome) {
		case 'base-green': {
			return {text: `${base} passes — nothing to revert`, tone: 'ok'};
		}

		case 'promoted': {
			const reverted = (state.candidate?.reverted ?? []).map(commit => label(state, commit)).join(', ');
			return {text: `promoted: ${base} is now ${short(state.candidate?.commit ?? '')}, reverting ${reverted}; recorded in the revert ledger`, tone: 'ok'};
		}

		case 'declined': {
			return {text: `not promoted: ${base} was not changed`, tone: 'info'};
		}

		case 'conflict': {
			return {text: `a revert conflicts: the flow aborted and ${base} was not changed (s runs it again, skipping it)`, tone: 'bad'};
		}

		case 'still-red': {
			return {text: `no revert of the ${state.input.suspects.length} suspects made verification pass: ${base} was not changed (try more suspects: R, then +)`, tone: 'bad'};
		}

		case 'refused': {
			return {text: makeVisible(state.refusal ?? 'promotion was refused'), tone: 'bad'};
		}

		case 'cancelled': {
			return {text: `verification cancelled: ${base} was not changed`, tone: 'info'};
		}

		default: {
			return null;
		}
	}
}
