import type {WatchEvent} from '../../core/watch-events.js';
import {eventsKeys} from '../keys/events.js';
import type {Line} from '../state/detail-lines.js';
import {TextScreen} from './TextScreen.js';

/** `e`: the events `watch` logs (the one diff in core/watch-events.ts), all of them, newest last. */
export function EventsScreen({events, scroll, isActive}: {events: readonly WatchEvent[]; scroll: number; isActive: boolean}) {
	return <TextScreen lines={eventLines(events)} keys={eventsKeys} scroll={scroll} isActive={isActive}/>;
}

export function eventLines(events: readonly WatchEvent[]): Line[] {
	if (events.length === 0) {
		return [{text: 'nothing yet; changes appear here as they happen', dim: true}];
	}

	// Messages are made visible where the events are made.
	return events.map(event => ({text: `${new Date(event.at).toISOString().slice(11, 19)}  ${event.message}`}));
}
