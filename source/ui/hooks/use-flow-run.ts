/**
 * The running side of a flow screen: hands the services the hooks of a run (every
 * step and output line goes to the screen's reducer, every question waits for a
 * key), answers the pending question, cancels the verification, and leaves.
 */
import {useEffect, useRef} from 'react';
import {useAppContext} from '../app-context.js';
import {flowDoneKeys, flowRunKeys, type FlowDoneKeyId, type FlowRunKeyId} from '../keys/flow.js';
import type {ScreenId} from '../keys/index.js';
import type {FlowHooks, FlowRunAction} from '../state/flow-run.js';
import {useScreenKeys} from './use-screen-keys.js';

/** An error of a flow's services in one line. */
export const errorLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

export type FlowRunSend<State> = (action: FlowRunAction | {type: 'ask'; text: string; state: State} | {type: 'answered'}) => void;

export function useFlowRun<State>(send: FlowRunSend<State>) {
	const pending = useRef<((answer: boolean) => void) | null>(null);
	const controller = useRef(new AbortController());
	// After "leave": every later question is answered no at once, so the flow cleans up and ends.
	const left = useRef(false);

	const answer = (value: boolean) => {
		const resolve = pending.current;
		pending.current = null;
		send({type: 'answered'});
		resolve?.(value);
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
		/** Cancels the running verification (its process group ends); the flow then ends without promoting. */
		cancel: () => controller.current.abort(),
		/** Leaving a running flow: cancel, answer no to all that follows, then `quit`. */
		leaveNow(quit: () => void) {
			left.current = true;
			controller.current.abort();
			answer(false);
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
}

/**
 * The keys every flow screen has while its flow runs and at its end, and what it tells
 * the footer; the screen's own phases bind theirs with the returned context and handlers.
 */
export function useFlowKeys(options: FlowKeysOptions) {
	const {dispatch, actions, keyContext, setFlowKeyState} = useAppContext();
	const {ready, verifying, footer} = options;
	useEffect(() => {
		setFlowKeyState({ready, verifying, footer});
	}, [ready, verifying, footer, setFlowKeyState]);
	useEffect(() => () => {
		setFlowKeyState(undefined);
	}, [setFlowKeyState]);

	const context = {...keyContext, flow: {ready, verifying}};
	const onDisabled = (text: string) => dispatch({type: 'notice', text});
	const gitLog = () => dispatch({type: 'push', layer: {kind: 'git-log', scroll: 0}});
	const help = () => dispatch({type: 'push', layer: {kind: 'help', scroll: 0}});
	const back = () => dispatch({type: 'back'});
	useScreenKeys<FlowRunKeyId>(flowRunKeys, context, {cancel: options.cancel, 'git-log': gitLog, help, leave: options.leave}, {isActive: options.running, onDisabled});
	useScreenKeys<FlowDoneKeyId>(flowDoneKeys, context, {back, 'git-log': gitLog, help, quit: actions.quit}, {isActive: options.done, onDisabled});
	return {context, onDisabled, back, gitLog, help, leave: options.leave};
}
