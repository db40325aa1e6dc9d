import {useEffect, useState} from 'react';

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const intervalMs = 120;

// One timer for every spinner on screen, so a page of pending conflict cells turns
// together and costs one timer, not one per row.
const listeners = new Set<(frame: number) => void>();
let timer: NodeJS.Timeout | undefined;
let frame = 0;

function subscribe(listener: (frame: number) => void): () => void {
	listeners.add(listener);
	if (!timer) {
		timer = setInterval(() => {
			frame = (frame + 1) % frames.length;
			for (const each of listeners) {
				each(frame);
			}
		}, intervalMs);
		// A spinner must never keep the process alive.
		timer.unref();
	}

	return () => {
		listeners.delete(listener);
		if (listeners.size === 0 && timer) {
			clearInterval(timer);
			timer = undefined;
		}
	};
}

/** The current spinner glyph, animated while the component is mounted. */
export function useSpinnerFrame(): string {
	const [current, setCurrent] = useState(frame);
	useEffect(() => subscribe(setCurrent), []);
	return frames[current]!;
}
