/**
 * Keys that arrive in one stdin chunk ("jjj", "/is:blocked\r", a paste) must reach the
 * screen that is on top *when each key is pressed*, not the one on top when the chunk
 * arrived: after `/` the rest is the filter's text, after `enter` the details' keys.
 * `useScreenKeys` handles the first key of such a chunk and hands the rest here; the
 * queue gives it back to Ink's input after the next render has committed, so the
 * listener of the new top layer hears it, parsed by Ink as if it had just been typed.
 */
import {useInput, useStdin, type Key} from 'ink';
import {createContext, useContext, useEffect, useMemo, useRef, useState} from 'react';

export type KeyHandler = (input: string, key: Key) => void;

/** A screen's hold on the keys: what it does with one, and whether it listens now. */
export interface KeyListener {
	handle: KeyHandler;
	isActive: boolean;
}

export interface KeyQueue {
	/**
	 * Delivers `chunks` in order, each after the screen has re-rendered, before any chunk
	 * deferred earlier: they are the rest of the key being handled now.
	 */
	defer: (chunks: readonly string[]) => void;
	/**
	 * Adds a screen's listener; returns its removal. The screens update their listener
	 * in a layout effect, which runs in the same commit that draws them: a key that
	 * arrives once the new screen is on the terminal reaches that screen, never the one
	 * it replaced (Ink's own listeners follow a screen change only in a passive effect,
	 * later, and switch the terminal out of raw mode and back on the way).
	 */
	listen: (listener: KeyListener) => () => void;
}

export const KeyQueueContext = createContext<KeyQueue | null>(null);

/** The queue for the screens' key hooks; null outside `App` (the keys are then handled at once). */
export function useKeyQueueContext(): KeyQueue | null {
	return useContext(KeyQueueContext);
}

/** A key waiting for the screen to catch up: text for Ink to parse again, or a key Ink parsed already. */
type Waiting = {chunk: string} | {text: string; key: Key};

/**
 * Owns the queue; `App` provides it. Each key is handled only once the screen has
 * caught up with the key before it: after a key is handed to the listeners, the next
 * waits for the commit of the render that key caused (its layout effects have set the
 * new top screen's listener), then goes on. So `e` then `j`, read before React had
 * drawn what `e` did, still moves the dashboard's cursor rather than the closed screen's.
 */
export function useKeyQueue(): KeyQueue {
	const {internal_eventEmitter: input} = useStdin();
	const pending = useRef<Waiting[]>([]);
	const listeners = useRef(new Set<KeyListener>());
	// A key was handed over and its render has not committed yet.
	const busy = useRef(false);
	// Bumped for every key handled or deferred: the render it causes lets the effect run
	// even when the key changed nothing on screen (`j` on the last row).
	const [round, setRound] = useState(0);
	const deliver = (text: string, key: Key) => {
		busy.current = true;
		setRound(value => value + 1);
		for (const listener of [...listeners.current]) {
			if (listener.isActive) {
				listener.handle(text, key);
			}
		}
	};

	// One Ink listener for the app's whole life: raw mode stays on (Ink switches it off
	// and on whenever its last listener changes, and a key read in between waits unseen).
	useInput((text, key) => {
		if (busy.current) {
			pending.current.push({text, key});
		} else {
			deliver(text, key);
		}
	});
	useEffect(() => {
		busy.current = false;
		const next = pending.current.shift();
		if (next === undefined) {
			return;
		}

		if ('chunk' in next) {
			// Parsed again by Ink, and handed back to the listener above.
			input.emit('input', next.chunk);
		} else {
			deliver(next.text, next.key);
		}
	}, [round, input]);
	return useMemo(() => ({
		defer(chunks) {
			pending.current.unshift(...chunks.map(chunk => ({chunk})));
			setRound(value => value + 1);
		},
		listen(listener) {
			listeners.current.add(listener);
			return () => listeners.current.delete(listener);
		},
	}), []);
}
