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

/**
 * Owns the queue; `App` provides it. Effects of a commit run children first, so when
 * the effect below runs, the new top layer's `useInput` listener is already subscribed.
 */
export function useKeyQueue(): KeyQueue {
	const {internal_eventEmitter: input} = useStdin();
	const pending = useRef<string[]>([]);
	const listeners = useRef(new Set<KeyListener>());
	// One Ink listener for the app's whole life: raw mode stays on, and each key goes to
	// the screens listening at the moment it is read.
	useInput((text, key) => {
		for (const listener of [...listeners.current]) {
			if (listener.isActive) {
				listener.handle(text, key);
			}
		}
	});
	// Bumped for every chunk deferred or delivered: the render it causes lets the effect run
	// even when the key changed nothing on screen (`j` on the last row).
	const [round, setRound] = useState(0);
	useEffect(() => {
		const next = pending.current.shift();
		if (next !== undefined) {
			input.emit('input', next);
			setRound(value => value + 1);
		}
	}, [round, input]);
	return useMemo(() => ({
		defer(chunks) {
			pending.current.unshift(...chunks);
			setRound(value => value + 1);
		},
		listen(listener) {
			listeners.current.add(listener);
			return () => listeners.current.delete(listener);
		},
	}), []);
}
