import {useInput, type Key} from 'ink';
import {useLayoutEffect, useRef} from 'react';
import {disabledReasonOf, findBinding, formatKeys, type KeyTable} from '../keys/binding.js';
import type {KeyContext} from '../keys/context.js';
import {useKeyQueueContext} from './use-key-queue.js';

export interface ScreenKeyOptions {
	/** Only the top layer listens (docs/style.md §6.2); a covered screen keeps its state but hears nothing. */
	isActive: boolean;
	/** Called with `key: reason` when a disabled binding is pressed. */
	onDisabled: (notice: string) => void;
	/** Printable text that matched no binding (the filter types with it). */
	onText?: (text: string) => void;
}

/**
 * Connects one screen's key table to Ink's input. The handlers record must name every
 * binding of the table, so the compiler catches a key without an action.
 */
export function useScreenKeys<Id extends string>(
	table: KeyTable<Id, KeyContext>,
	context: KeyContext,
	handlers: Record<Id, () => void>,
	options: ScreenKeyOptions,
): void {
	const queue = useKeyQueueContext();
	function handle(input: string, key: Key): void {
		const binding = findBinding(table, input, key);
		const takesText = options.onText !== undefined;
		if (!binding && input.length > 1 && !key.ctrl && !key.meta && (!takesText || /[\r\n]/.test(input))) {
			// Several keys in one chunk: typed faster than the terminal is read ("jjj"),
			// or pasted, or text and Enter ("/is:blocked\r"). Ink hands the chunk over
			// whole. This screen takes only its first key; the rest goes back to Ink after
			// that key's render, to whichever screen is on top by then (the filter after
			// `/`). A screen that takes text takes the whole run of text up to a line end.
			const [first, ...rest] = splitFirstKey(input, takesText);
			if (rest.length > 0 && queue) {
				queue.defer(rest);
			}

			for (const part of queue ? [first] : [first, ...rest]) {
				if (lineEnds.has(part)) {
					handle('', {...key, return: true});
				} else if (takesText) {
					options.onText?.(part);
				} else {
					handle(part, {...key, shift: part.length === 1 && part !== part.toLowerCase()});
				}
			}

			return;
		}

		if (!binding) {
			if (options.onText && input !== '' && !key.ctrl && !key.meta) {
				options.onText(input);
			}

			return;
		}

		const reason = disabledReasonOf(binding, context);
		if (reason === null) {
			handlers[binding.id]();
		} else {
			options.onDisabled(`${formatKeys(binding)}: ${reason}`);
		}
	}

	// Inside App the queue routes keys (see KeyQueue.listen); alone (a screen rendered by itself), Ink's own listener.
	const listener = useRef({handle, isActive: options.isActive});
	useLayoutEffect(() => {
		listener.current.handle = handle;
		listener.current.isActive = options.isActive;
	});
	useLayoutEffect(() => queue?.listen(listener.current), [queue]);
	useInput(handle, {isActive: options.isActive && queue === null});
}

const lineEnds = new Set(['\r', '\n']);

/**
 * The first key of a chunk and the rest: a line end is a key of its own; a screen that
 * takes text takes the text up to the next line end as one; otherwise one character.
 */
function splitFirstKey(input: string, takesText: boolean): [string, ...string[]] {
	const characters = [...input];
	if (lineEnds.has(characters[0]!) || !takesText) {
		const rest = characters.slice(1).join('');
		return rest === '' ? [characters[0]!] : [characters[0]!, rest];
	}

	const lineEnd = input.search(/[\r\n]/);
	return lineEnd === -1 ? [input] : [input.slice(0, lineEnd), input.slice(lineEnd)];
}
