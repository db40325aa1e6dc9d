/**
 * The running side of a flow screen: hands the services the hooks of a run (every
 * step and output line goes to the screen's reducer, every question waits for a
 * key), answers the pending question, cancels the verification, and leaves.
 */
import {useEffect, useRef} from 'react';
import {useAppContext} from '../app-context.js';
import type {KeyTable} from '../keys/binding.js';
import type {KeyContext} from '../keys/context.js';
import {flowDoneKeys, flowRunKeys, type FlowConflictKeyId, type FlowDoneKeyId, type FlowRunKeyId} from '../keys/flow.js';
import type {ScreenId} from '../keys/index.js';
import type {FlowHooks, FlowRunAction} from '../state/flow-run.js';
import {useScreenKeys} from './use-screen-keys.js';

/** An error of a flow's services in one line. */
export const errorLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

export type FlowRunSend<State> = (action: FlowRunAction
	| {type: 'ask'; text: string; state: State; choices?: readonly string[]}
	| {type: 'hold'; folder: string; state: State}
	| {type: 'answered'}) => void;

/** `abort`: the machine's choice that ends the flow on a conflict, given when the person leaves. */
export function useFlowRun<State>(send: FlowRunSend<State>, options: {abort: string}) {
	const pending = useRef<((answer: boolean) => void) | null>(null);
	const pendingChoice = useRef<((choice: string) => void) | null>(null);
	const pendingHold = useRef<(() => void) | null>(null);
	const controller = useRef(new AbortController());
	// After "leave": every later question is answered no (a choice abort, a hold closed) at once, so the flow cleans up and ends.
	const left = useRef(false);

	const answer = (value: boolean) => {
		const resolve = pending.current;
		pending.current = null;
		send({type: 'answered'});
		resolve?.(value);
	};

	const choose = (choice: string) => {
		const resolve = pendingChoice.current;
		pendingChoice.current = null;
		send({type: 'answered'});
		resolve?.(choice);
	};

	/** Closes a flow held for inspection: the flow removes the worktree and ends. */
	const close = () => {
		const resolve = pendingHold.current;
		pendingHold.current = null;
		send({type: 'answered'});
		resolve?.();
	};

	const hooks: FlowHooks<State> = {
		answer: async (text, state) => new Promise<boolean>(resolve => {
			if (left.current) {
				resolve(false);
				return;
			}

			pending.current = resolve;
			send({type: 'ask', text, state});
		}),
		choose: async (text, choices, state) => new Promise<string>(resolve => {
			if (left.current) {
				resolve(options.abort);
				return;
			}

			pendingChoice.current = resolve;
			send({type: 'ask', text, state, choices});
		}),
		hold: async (folder, state) => new Promise<void>(resolve => {
			if (left.current) {
				resolve();
				return;
			}

			pendingHold.current = resolve;
			send({type: 'hold', folder, state});
		}),
		observe(progress) {
			send({type: 'progress', progress});
		},
		onCommand(command) {
			send({type: 'command', command});
		},
		onLine(line) {
			send({type: 'line', text: line.text, elapsedMs: line.elapsedMs});
		},
		say(text) {
			send({type: 'say', text});
		},
		signal: controller.current.signal,
	};

	return {
		hooks,
		answer,
		choose,
		close,
		/** Cancels the running verification (its process group ends); the flow then ends without promoting. */
		cancel: () => controller.current.abort(),
		/** Leaving a running flow: cancel, answer no (abort, close) to all that waits and follows, then `quit`. */
		leaveNow(quit: () => void) {
			left.current = true;
			controller.current.abort();
			if (pending.current) {
				answer(false);
			}

			if (pendingChoice.current) {
				choose(options.abort);
			}

			if (pendingHold.current) {
				close();
			}

			quit();
		},
	};
}

export interface FlowKeysOptions {
	/** The flow can run (integration: the dry run is done; revert: the suspects are read). */
	ready: boolean;
	verifying: boolean;
	/** Which key table the footer and help show now. */
	footer: ScreenId;
	/** Whether the run's keys (flowRunKeys) and the end's (flowDoneKeys) listen now. */
	running: boolean;
	done: boolean;
	cancel: () => void;
	/** `q` while running: ask before leaving. */
	leave: () => void;
	/** A conflict the flow waits on: its key table, whether it listens, and what its keys do. */
	conflict: {
		keys: KeyTable<FlowConflictKeyId, KeyContext>;
		active: boolean;
		/** r was pressed: the worktree is shown and c continues. */
		resolving: boolean;
		/** The machine offers skip here. */
		skippable: boolean;
		/** The machine's words for the choices. */
		choices: {resolved: string; skip: string; abort: string};
		choose: (choice: string) => void;
		/** r: show the worktree to resolve it in. */
		resolve: () => void;
	};
}

/**
 * The keys every flow screen has while its flow runs and at its end, and what it tells
 * the footer; the screen's own phases bind theirs with the returned context and handlers.
 */
export function useFlowKeys(options: FlowKeysOptions) {
	const {dispatch, actions, keyContext, setFlowKeyState} = useAppContext();
	const {ready, verifying, footer, conflict} = options;
	const {resolving, skippable} = conflict;
	useEffect(() => {
		setFlowKeyState({ready, verifying, resolving, skippable, footer});
	}, [ready, verifying, resolving, skippable, footer, setFlowKeyState]);
	useEffect(() => () => {
		setFlowKeyState(undefined);
	}, [setFlowKeyState]);

	const context = {...keyContext, flow: {ready, verifying, resolving, skippable}};
	const onDisabled = (text: string) => dispatch({type: 'notice', text});
	const gitLog = () => dispatch({type: 'push', layer: {kind: 'git-log', scroll: 0}});
	const help = () => dispatch({type: 'push', layer: {kind: 'help', scroll: 0}});
	const back = () => dispatch({type: 'back'});
	useScreenKeys<FlowRunKeyId>(flowRunKeys, context, {cancel: options.cancel, 'git-log': gitLog, help, leave: options.leave}, {isActive: options.running, onDisabled});
	useScreenKeys<FlowDoneKeyId>(flowDoneKeys, context, {back, 'git-log': gitLog, help, quit: actions.quit}, {isActive: options.done, onDisabled});
	useScreenKeys<FlowConflictKeyId>(conflict.keys, context, {
		resolve: conflict.resolve,
		continue: () => conflict.choose(conflict.choices.resolved),
		skip: () => conflict.choose(conflict.choices.skip),
		abort: () => conflict.choose(conflict.choices.abort),
		'git-log': gitLog,
		help,
		leave: options.leave,
	}, {isActive: conflict.active, onDisabled});
	return {context, onDisabled, back, gitLog, help, leave: options.leave};
}
