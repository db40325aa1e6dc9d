import {useEffect, useState} from 'react';

/**
 * Re-renders every `intervalMs`, so ages ("12 min", "refreshed 5 s ago") keep moving
 * between snapshots. The caller reads its own clock during render.
 */
export function useTick(intervalMs: number): void {
	const [, setTick] = useState(0);
	useEffect(() => {
		const timer = setInterval(() => {
			setTick(tick => tick + 1);
		}, intervalMs);
		// A clock must never keep the process alive.
		timer.unref();
		return () => {
			clearInterval(timer);
		};
	}, [intervalMs]);
}
