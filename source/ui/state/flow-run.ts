/**
 * What every flow screen (integration, revert) shows while its flow runs through the
 * engine, as one pure reducer: a line per step, the live output of the verification
 * with its elapsed time, and the leave confirmation. Each screen names its own steps
 * (`describe`); the rest is shared, as are the hooks the screen hands to its services.
 */
import type {FlowProgress} from '../../flows/engine/index.js';

export interface ProgressLine {
	text: string;
	tone: 'doing' | 'ok' | 'bad' | 'info';
}

export interface VerifyingView {
	command: string;
	/** The last output lines (at most `keptOutputLines`). */
	lines: string[];
	elapsedMs: number;
}

/** The part of a flow screen's view this reducer owns. */
export interface FlowRunFields {
	progress: ProgressLine[];
	/** The verification running now; null between runs. */
	verifying: VerifyingView | null;
	/** q was pressed while the flow runs: the leave confirmation is shown. */
	leaving: boolean;
	/** On a conflict, r was pressed: the worktree's path is shown and c continues. */
	resolving: boolean;
}

export type FlowRunAction =
	| {type: 'progress'; progress: FlowProgress}
	| {type: 'command'; command: string}
	| {type: 'line'; text: string; elapsedMs: number}
	| {type: 'say'; text: string}
	| {type: 'leave'; asking: boolean}
	/** r on a conflict: resolve it by hand in the worktree. */
	| {type: 'resolve'};

/** Output lines kept of a verification run: the screen shows the last ones. */
const keptOutputLines = 200;

export const idleRun: FlowRunFields = {progress: [], verifying: null, leaving: false, resolving: false};

/** The line a step of the flow adds when it starts and when it is done; null adds none. */
export type DescribeStep = (progress: FlowProgress) => ProgressLine | null;

export function flowRunReducer<View extends FlowRunFields>(view: View, action: FlowRunAction, describe: DescribeStep): View {
	switch (action.type) {
		case 'progress': {
			const line = describe(action.progress);
			const {effect, phase} = action.progress;
			const verifying = effect.type === 'verify' && phase === 'start' ? {command: '', lines: [], elapsedMs: 0} : effect.type === 'verify' ? null : view.verifying;
			return {...view, progress: line ? [...view.progress, line] : view.progress, verifying};
		}

		case 'command': {
			return {...view, verifying: {command: action.command, lines: [], elapsedMs: 0}};
		}

		case 'line': {
			if (!view.verifying) {
				return view;
			}

			const lines = [...view.verifying.lines, action.text].slice(-keptOutputLines);
			return {...view, verifying: {...view.verifying, lines, elapsedMs: action.elapsedMs}};
		}

		case 'say': {
			return {...view, progress: [...view.progress, {text: action.text, tone: 'info'}]};
		}

		case 'leave': {
			return {...view, leaving: action.asking};
		}

		case 'resolve': {
			return {...view, resolving: true};
		}
	}
}

/**
 * Whether a question keeps the screen resolving by hand: only a conflict's choice asked
 * again after a continue that found files still unresolved (`unresolved` set).
 */
export function stillResolving(view: FlowRunFields, choices: readonly string[] | undefined, unresolved: readonly string[] | undefined): boolean {
	return choices !== undefined && view.resolving && unresolved !== undefined;
}

/** The words of a verification's end, the same on every flow screen. */
export function verificationDone(outcome: FlowProgress['outcome']): ProgressLine {
	const word = outcome?.cancelled ? 'cancelled' : outcome?.ok ? 'passed' : 'failed';
	return {text: `verification ${word}${outcome?.summary?.length ? `: ${outcome.summary.join('; ')}` : ''}`, tone: outcome?.ok ? 'ok' : 'bad'};
}

/** What a flow screen hands to its services' `run`: answers, and a view of every step. */
export interface FlowHooks<State> {
	/** A yes-or-no question of the flow (promotion), with the state it was asked in. */
	answer(question: string, state: State): Promise<boolean>;
	/** A choice of the flow (a conflict: continue after resolving by hand, skip, abort), with the state it was asked in. */
	choose(question: string, choices: readonly string[], state: State): Promise<string>;
	/** A worktree kept for inspection (a red integration's): resolves when the person closes the flow. */
	hold(folder: string, state: State): Promise<void>;
	/** A line the engine says (e.g. that it took over a dead process's lock). */
	say(line: string): void;
	/** Before and after every effect. */
	observe(progress: FlowProgress): void;
	/** A verification command starts; then its output, line by line, with the time since it started. */
	onCommand(command: string): void;
	onLine(line: {text: string; elapsedMs: number}): void;
	/** Aborting it cancels the running verification, which ends the flow without promoting. */
	signal: AbortSignal;
}
