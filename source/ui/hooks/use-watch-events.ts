import {useEffect, useRef, useState} from 'react';
import type {StatusDocument} from '../../core/snapshot.js';
import {diffSnapshots, type WatchEvent} from '../../core/watch-events.js';

const keptEvents = 200;

/** The event log of `watch`: what changed between each snapshot and the one before it. */
export function useWatchEvents(snapshot: StatusDocument | null, now: () => number, enabled: boolean): readonly WatchEvent[] {
	const previous = useRef<StatusDocument | null>(null);
	const [events, setEvents] = useState<WatchEvent[]>([]);
	useEffect(() => {
		if (!enabled || !snapshot || snapshot === previous.current) {
			return;
		}

		const fresh = diffSnapshots(previous.current, snapshot, now());
		previous.current = snapshot;
		if (fresh.length > 0) {
			setEvents(log => [...log, ...fresh].slice(-keptEvents));
		}
	}, [snapshot, now, enabled]);
	return events;
}
