/**
 * How fresh a check-in is (docs/design.md §2): active below `activeHours`, idle from
 * there, stale from `staleHours`. The coordination rules: under 2 h a claim is held;
 * past 4 h another agent may cautiously proceed.
 */
import type {Staleness, StalenessConfig} from './types.js';

export const defaultStaleness: StalenessConfig = {activeHours: 2, staleHours: 4};

export function checkinAgeMinutes(lastCheckin: string | undefined, now: number): number | null {
	if (!lastCheckin) {
		return null;
	}

	const time = Date.parse(lastCheckin);
	return Number.isNaN(time) ? null : Math.max(0, Math.floor((now - time) / 60_000));
}

export function stalenessOf(ageMinutes: number | null, config: StalenessConfig = defaultStaleness): Staleness {
	if (ageMinutes === null) {
		return 'unknown';
	}

	if (ageMinutes < config.activeHours * 60) {
		return 'active';
	}

	return ageMinutes < config.staleHours * 60 ? 'idle' : 'stale';
}

/**
 * The one way an age is written, in `status`, the dashboard, `watch`, the details and
 * the messages of `claim`: `just now`, `40 min`, `2 h 15 min`, `11 h` (minutes dropped
 * from 10 h), `3 days`. `compact` is for narrow layouts: `5m`, `2h`, `3d`.
 */
export function formatAge(ageMinutes: number | null, style: 'words' | 'compact' = 'words'): string {
	if (ageMinutes === null) {
		return style === 'compact' ? '—' : 'never';
	}

	const minutes = Math.max(0, Math.floor(ageMinutes));
	const hours = Math.floor(minutes / 60);
	const days = Math.floor(minutes / (24 * 60));
	if (style === 'compact') {
		return minutes < 60 ? `${minutes}m` : minutes < 48 * 60 ? `${hours}h` : `${days}d`;
	}

	if (minutes < 1) {
		return 'just now';
	}

	if (minutes < 60) {
		return `${minutes} min`;
	}

	if (minutes < 48 * 60) {
		const rest = minutes % 60;
		return rest === 0 || hours >= 10 ? `${hours} h` : `${hours} h ${rest} min`;
	}

	return `${days} days`;
}

/** An age as a time in the past: `40 min ago`, `3 days ago`, but `just now` (never "just now ago"); `never` when unknown. */
export function formatAgo(ageMinutes: number | null): string {
	const age = formatAge(ageMinutes);
	return ageMinutes === null || age === 'just now' ? age : `${age} ago`;
}

/**
 * When the soonest of these check-ins next changes its word (active → idle → stale),
 * or null when none will: a live view wakes then, not up to a clock tick late.
 */
export function nextStalenessChange(checkins: ReadonlyArray<string | undefined>, now: number, config: StalenessConfig = defaultStaleness): number | null {
	let next: number | null = null;
	for (const checkin of checkins) {
		const time = checkin ? Date.parse(checkin) : Number.NaN;
		if (Number.isNaN(time)) {
			continue;
		}

		for (const hours of [config.activeHours, config.staleHours]) {
			const crossing = time + hours * 3_600_000;
			if (crossing > now && (next === null || crossing < next)) {
				next = crossing;
			}
		}
	}

	return next;
}
