import {useInput} from 'ink';
import {disabledReasonOf, findBinding, formatKeys, type KeyTable} from '../keys/binding.js';
import type {KeyContext} from '../keys/context.js';

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
	useInput(
		function handle(input, key) {
			const binding = findBinding(table, input, key);
			if (!binding && input.length > 1 && !key.ctrl && !key.meta && /[\r\n]/.test(input)) {
				// Text and Enter typed (or pasted) in one chunk, "is:blocked\r": the text is
				// text, and the line end is the Enter key, not a character of the filter.
				for (const part of input.split(/([\r\n])/)) {
					if (part === '\r' || part === '\n') {
						handle('', {...key, return: true});
					} else if (part !== '') {
						handle(part, key);
					}
				}

				return;
			}

			if (!binding) {
				if (options.onText && input !== '' && !key.ctrl && !key.meta) {
					options.onText(input);
					return;
				}

				// Keys typed faster than the terminal is read arrive as one chunk ("jjj"),
				// which Ink hands over whole, as it does a paste: each letter is a key.
				const letters = [...input];
				if (letters.length > 1 && !key.ctrl && !key.meta) {
					for (const letter of letters) {
						handle(letter, {...key, shift: letter !== letter.toLowerCase()});
					}
				}

				return;
			}

			const reason = disabledReasonOf(binding, context);
			if (reason === null) {
				handlers[binding.id]();
			} else {
				options.onDisabled(`${formatKeys(binding)}: ${reason}`);
			}
		},
		{isActive: options.isActive},
	);
}
