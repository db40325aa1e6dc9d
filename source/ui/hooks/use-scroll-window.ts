import {useRef} from 'react';
import {scrollWindow} from '../layout.js';

/**
 * The slice of a list to draw: `height` items around `cursor`, scrolling only when
 * the cursor would leave the window, so the list does not jump on every key.
 */
export function useScrollWindow(count: number, cursor: number, height: number): {start: number; end: number} {
	const previousStart = useRef(0);
	const window = scrollWindow({count, cursor, height, previousStart: previousStart.current});
	previousStart.current = window.start;
	return window;
}
