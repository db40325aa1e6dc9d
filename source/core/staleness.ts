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

/** "2 h 15 min", "40 min", "3 d": short enough for a table cell. */
export function formatAge(ageMinutes: number | null): string {
	if (ageMinutes === null) {
		return 'never';
	}

	if (ageMinutes < 60) {
		return `${ageMinutes} min`;
	}

	if (ageMinutes < 48 * 60) {
		const hours = Math.floor(ageMinutes / 60);
		const minutes = ageMinutes % 60;
		return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
	}

	return `${Math.floor(ageMinutes / (24 * 60))} d`;
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
