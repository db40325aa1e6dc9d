/**
 * What the integration screen shows, as a pure reducer: the order and its dry run,
 * then the flow's progress as lines (one per step the engine performs), the live
 * output of the verification, the question the flow waits on, and the end.
 */
import {makeVisible} from '../../core/text-safety.js';
import type {FlowProgress} from '../../flows/engine/index.js';
import {baseIsRed, promotedAgentWork, type IntegrationState} from '../../flows/integration/machine.js';
import {flowRunReducer, stillResolving, verificationDone, type FlowRunAction, type FlowRunFields, type ProgressLine} from './flow-run.js';
import type {DryRunStep, IntegrationPlan} from './integration-services.js';

export type IntegrationPhase = 'planning' | 'plan' | 'running' | 'conflict' | 'confirm' | 'inspect' | 'after' | 'done';

/** An offer after promotion (DESIGN §6.1 step 6), each confirmed on its own. */
export type AfterOffer = {kind: 'delete-merged'; branches: string[]} | {kind: 'finish-claims'; agents: string[]};

export interface IntegrationView extends FlowRunFields {
	phase: IntegrationPhase;
	plan: IntegrationPlan | null;
	order: string[];
	selected: number;
	/** The dry run of `order`; null while it runs. */
	dryRun: DryRunStep[] | null;
	/** The question the flow waits on; `choices` for a choice (a conflict's). */
	question: {text: string; state: IntegrationState; choices?: readonly string[]} | null;
	/** After promotion: the offers still to confirm, and what the done ones said. */
	offers: AfterOffer[];
	afterLines: string[];
	/** Red: the worktree kept for inspection until the person closes the flow, and the state so far. */
	inspecting: {folder: string; state: IntegrationState} | null;
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
	| {type: 'ask'; text: string; state: IntegrationState; choices?: readonly string[]}
	| {type: 'hold'; folder: string; state: IntegrationState}
	/** An offer after promotion was confirmed (with what it said) or declined (no lines). */
	| {type: 'offer-done'; lines: string[]}
	| {type: 'answered'}
	| {type: 'finished'; state: IntegrationState}
	| {type: 'failed'; message: string};

export function openIntegration(branches: readonly string[]): IntegrationView {
	return {phase: 'planning', plan: null, order: [...branches], selected: 0, dryRun: null, progress: [], verifying: null, question: null, offers: [], afterLines: [], inspecting: null, resolving: false, final: null, error: null, leaving: false};
}

const short = (commit: string) => commit.slice(0, 12);

/** What a dry-run step says, on the dashboard's plan and in `switchyard integrate`. */
export function dryRunVerdict(step: DryRunStep): string {
	if (step.bySection) {
		return `conflicts only in coordination files (${step.bySection.map(makeVisible).join(', ')}) — merged section by section`;
	}

	return step.clean ? 'merges cleanly' : `conflicts in ${step.conflictedFiles.map(makeVisible).join(', ')}`;
}

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

			return outcome?.ok ? {text: `merged ${branch}${outcome.sectionMerged?.length ? ` (merged ${outcome.sectionMerged.map(makeVisible).join(', ')} section by section)` : ''}`, tone: 'ok'} : {text: `${branch} conflicts in ${(outcome?.files ?? []).map(makeVisible).join(', ')}`, tone: 'bad'};
		}

		case 'verify': {
			if (phase === 'start') {
				const merged = flow.merged.findIndex(entry => entry.head === effect.commit) + 1;
				if (flow.baseCheck?.pending) {
					return {text: `verifying ${makeVisible(flow.input.base)} itself (is it green without the branches?)…`, tone: 'doing'};
				}

				const what = flow.bisection ? `the first ${merged} merge${merged === 1 ? '' : 's'} (looking for the culprit)` : short(effect.commit);
				return {text: `verifying ${what}…`, tone: 'doing'};
			}

			return verificationDone(outcome);
		}

		case 'conclude': {
			if (phase === 'start') {
				return null;
			}

			const branch = makeVisible(flow.deciding?.name ?? flow.merged.at(-1)?.name ?? short(effect.commit));
			return outcome?.ok ? {text: `merged ${branch}, resolved by hand`, tone: 'ok'} : {text: `still unresolved: ${(outcome?.files ?? []).map(makeVisible).join(', ')}${outcome?.message && outcome.message !== 'unresolved' ? ` (${makeVisible(outcome.message)})` : ''}`, tone: 'bad'};
		}

		case 'update-ref': {
			if (phase === 'start') {
				return {text: `promoting: ${makeVisible(flow.input.base)} to ${short(effect.new)}…`, tone: 'doing'};
			}

			return outcome?.ok ? {text: `${makeVisible(flow.input.base)} is now ${short(effect.new)}`, tone: 'ok'} : {text: makeVisible(outcome?.message ?? 'promotion was refused'), tone: 'bad'};
		}

		case 'hold': {
			return phase === 'start' ? {text: `verification is red: the worktree is kept for inspection`, tone: 'bad'} : null;
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
			const resolving = stillResolving(view, action.choices, action.state.deciding?.unresolved);
			return {...view, phase: action.choices ? 'conflict' : 'confirm', question: {text: action.text, state: action.state, ...(action.choices ? {choices: action.choices} : {})}, resolving};
		}

		case 'hold': {
			return {...view, phase: 'inspect', inspecting: {folder: action.folder, state: action.state}, verifying: null};
		}

		case 'answered': {
			return {...view, phase: 'running', question: null, inspecting: null};
		}

		case 'finished': {
			const work = promotedAgentWork(action.state);
			const offers: AfterOffer[] = [
				...(work.branches.length > 0 ? [{kind: 'delete-merged' as const, branches: work.branches}] : []),
				...(work.agents.length > 0 ? [{kind: 'finish-claims' as const, agents: work.agents}] : []),
			];
			return {...view, phase: offers.length > 0 ? 'after' : 'done', offers, final: action.state, verifying: null, question: null, leaving: false};
		}

		case 'offer-done': {
			const offers = view.offers.slice(1);
			return {...view, offers, afterLines: [...view.afterLines, ...action.lines], phase: offers.length > 0 ? 'after' : 'done'};
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

	if (baseIsRed(state) && state.baseCheck?.pending === false) {
		lines.push({text: `${makeVisible(state.input.base)} is already red — no branch is to blame`, tone: 'bad'});
		for (const line of state.baseCheck.tail) {
			lines.push({text: `  | ${makeVisible(line)}`, tone: 'info'});
		}
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
