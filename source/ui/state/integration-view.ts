/**
 * What the integration screen shows, as a pure reducer: the order and its dry run,
 * then the flow's progress as lines (one per step the engine performs), the live
 * output of the verification, the question the flow waits on, and the end.
 */
import {makeVisible} from '../../core/text-safety.js';
import type {FlowProgress} from '../../flows/engine/index.js';
import type {IntegrationState} from '../../flows/integration/machine.js';
import {flowRunReducer, verificationDone, type FlowRunAction, type FlowRunFields, type ProgressLine} from './flow-run.js';
import type {DryRunStep, IntegrationPlan} from './integration-services.js';

export type IntegrationPhase = 'planning' | 'plan' | 'running' | 'conflict' | 'confirm' | 'done';

export interface IntegrationView extends FlowRunFields {
	phase: IntegrationPhase;
	plan: IntegrationPlan | null;
	order: string[];
	selected: number;
	/** The dry run of `order`; null while it runs. */
	dryRun: DryRunStep[] | null;
	/** The question the flow waits on. */
	question: {text: string; state: IntegrationState} | null;
	final: IntegrationState | null;
	error: string | null;
}

export type IntegrationViewAction =
	| {type: 'planned'; plan: IntegrationPlan}
	| {type: 'dry-run'; order: string[]; steps: DryRunStep[]}
	| {type: 'select'; by: number}
	/** Moves the selected branch later (+1) or earlier (-1) in the order. */
	| {type: 'reorder'; by: 1 | -1}
	| {type: 'started'}
	| FlowRunAction
	| {type: 'ask'; text: string; state: IntegrationState}
	| {type: 'answered'}
	| {type: 'finished'; state: IntegrationState}
	| {type: 'failed'; message: string};

export function openIntegration(branches: readonly string[]): IntegrationView {
	return {phase: 'planning', plan: null, order: [...branches], selected: 0, dryRun: null, progress: [], verifying: null, question: null, final: null, error: null, leaving: false};
}

const short = (commit: string) => commit.slice(0, 12);

/** The line a step of the flow adds when it starts and when it is done; null adds none. */
export function progressLine({phase, effect, outcome, state}: FlowProgress): ProgressLine | null {
	const flow = state as IntegrationState;
	switch (effect.type) {
		case 'add-worktree': {
			return phase === 'start' ? {text: `creating ${makeVisible(effect.branch ?? '')} from ${makeVisible(flow.input.base)} in a worktree of its own`, tone: 'doing'} : null;
		}

		case 'merge': {
			const branch = makeVisible(flow.input.branches.find(each => each.tip === effect.commit)?.name ?? short(effect.commit));
			if (phase === 'start') {
				return {text: `merging ${branch}…`, tone: 'doing'};
			}

			return outcome?.ok ? {text: `merged ${branch}`, tone: 'ok'} : {text: `${branch} conflicts in ${(outcome?.files ?? []).map(makeVisible).join(', ')}`, tone: 'bad'};
		}

		case 'verify': {
			if (phase === 'start') {
				const merged = flow.merged.findIndex(entry => entry.head === effect.commit) + 1;
				const what = flow.bisection ? `the first ${merged} merge${merged === 1 ? '' : 's'} (looking for the culprit)` : short(effect.commit);
				return {text: `verifying ${what}…`, tone: 'doing'};
			}

			return verificationDone(outcome);
		}

		case 'update-ref': {
			if (phase === 'start') {
				return {text: `promoting: ${makeVisible(flow.input.base)} to ${short(effect.new)}…`, tone: 'doing'};
			}

			return outcome?.ok ? {text: `${makeVisible(flow.input.base)} is now ${short(effect.new)}`, tone: 'ok'} : {text: makeVisible(outcome?.message ?? 'promotion was refused'), tone: 'bad'};
		}

		case 'remove-worktree': {
			return phase === 'done' ? {text: 'removed the worktree and the integration branch', tone: 'info'} : null;
		}

		default: {
			return null;
		}
	}
}

function clamp(value: number, last: number): number {
	return Math.max(0, Math.min(last, value));
}

export function integrationViewReducer(view: IntegrationView, action: IntegrationViewAction): IntegrationView {
	switch (action.type) {
		case 'planned': {
			return {...view, phase: 'plan', plan: action.plan, order: action.plan.order};
		}

		case 'dry-run': {
			// A dry run of an order the person has changed since is stale.
			return action.order.join('\n') === view.order.join('\n') ? {...view, dryRun: action.steps} : view;
		}

		case 'select': {
			return {...view, selected: clamp(view.selected + action.by, view.order.length - 1)};
		}

		case 'reorder': {
			const to = clamp(view.selected + action.by, view.order.length - 1);
			if (to === view.selected) {
				return view;
			}

			const order = [...view.order];
			[order[view.selected], order[to]] = [order[to]!, order[view.selected]!];
			return {...view, order, selected: to, dryRun: null};
		}

		case 'started': {
			return {...view, phase: 'running', progress: []};
		}

		case 'ask': {
			return {...view, phase: action.state.deciding ? 'conflict' : 'confirm', question: {text: action.text, state: action.state}};
		}

		case 'answered': {
			return {...view, phase: 'running', question: null};
		}

		case 'finished': {
			return {...view, phase: 'done', final: action.state, verifying: null, question: null, leaving: false};
		}

		case 'failed': {
			return {...view, phase: view.phase === 'planning' || view.phase === 'plan' ? 'plan' : 'done', error: action.message, verifying: null, question: null, leaving: false};
		}

		default: {
			return flowRunReducer(view, action, progressLine);
		}
	}
}

/** The end of a flow in a few lines: what was merged, set aside, verified, the culprit, and where base is. */
export function outcomeLines(state: IntegrationState): ProgressLine[] {
	const lines: ProgressLine[] = [];
	const names = (list: readonly string[]) => list.map(makeVisible).join(', ');
	for (const aside of state.setAside) {
		lines.push({text: `set aside ${makeVisible(aside.name)}: conflicts in ${names(aside.files)}`, tone: 'bad'});
	}

	if (state.culprit) {
		lines.push({text: `culprit: ${makeVisible(state.culprit)} turns verification red (found in ${state.runs} verification runs)`, tone: 'bad'});
		if (state.collateral && state.collateral.length > 0) {
			lines.push({text: `merged after it, not judged: ${names(state.collateral)}`, tone: 'info'});
		}
	}

	const base = makeVisible(state.input.base);
	const word: Record<NonNullable<IntegrationState['outcome']>, ProgressLine> = {
		promoted: {text: `promoted: ${base} is now ${short(state.candidate?.commit ?? '')} (${names(state.merged.map(entry => entry.name))})`, tone: 'ok'},
		'promoted-prefix': {text: `promoted the green prefix: ${base} is now ${short(state.candidate?.commit ?? '')} (${names(state.candidate?.branches ?? [])}), without ${makeVisible(state.culprit ?? '')}`, tone: 'ok'},
		declined: {text: `not promoted: ${base} was not changed`, tone: 'info'},
		conflict: {text: `integration aborted on a conflict: ${base} was not changed`, tone: 'bad'},
		red: {text: `verification failed: ${base} was not changed`, tone: 'bad'},
		refused: {text: makeVisible(state.refusal ?? 'promotion was refused'), tone: 'bad'},
		'nothing-merged': {text: `every branch conflicted: nothing was merged, ${base} was not changed`, tone: 'bad'},
		cancelled: {text: `verification cancelled: ${base} was not changed`, tone: 'info'},
	};
	if (state.outcome) {
		lines.push(word[state.outcome]);
	}

	return lines;
}
