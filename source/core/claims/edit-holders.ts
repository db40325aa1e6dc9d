/**
 * Who already holds what a claim asks for, and whether that blocks it: a holder with
 * a check-in younger than the active threshold blocks; an idle or stale one does not
 * (docs/design.md §2 "Check-in age and staleness"). Pure.
 */
import {checkinAgeMinutes, formatAgo, stalenessOf} from '../staleness.js';
import type {Claim, Staleness, StalenessConfig} from '../types.js';

export interface Holding {
	claim: Claim;
	/** The module both claims name, if they do. */
	module?: string;
	/** The files both claims name. */
	files: string[];
	/** Minutes since the holder's last check-in (or start); undefined when unknown. */
	ageMinutes?: number;
	staleness: Staleness;
}

export interface WantedWork {
	agent: string;
	module?: string;
	files: readonly string[];
}

const finishedStatuses = new Set<Claim['status']>(['complete', 'released']);

export function findHoldings(claims: readonly Claim[], wanted: WantedWork, now: Date, thresholds: StalenessConfig): Holding[] {
	const holdings: Holding[] = [];
	for (const claim of claims) {
		if (claim.agent === wanted.agent || finishedStatuses.has(claim.status)) {
			continue;
		}

		const module =
			wanted.module && claim.module && sameName(wanted.module, claim.module) ? claim.module : undefined;
		const files = wanted.files.filter(file => claim.files.some(held => pathsOverlap(file, held)));
		if (!module && files.length === 0) {
			continue;
		}

		const ageMinutes = checkinAgeMinutes(claim.lastCheckin ?? claim.startedAt, now.getTime()) ?? undefined;
		holdings.push({claim, module, files, ageMinutes, staleness: stalenessOf(ageMinutes ?? null, thresholds)});
	}

	return holdings;
}

export function isBlocking(holding: Holding): boolean {
	return holding.staleness === 'active';
}

/** "35 min ago", "2 h 5 min ago", "at an unknown time". */
export function describeAge(ageMinutes: number | undefined): string {
	return ageMinutes === undefined ? 'at an unknown time' : formatAgo(ageMinutes);
}

/** What the holding is about, for messages: "TrackingModule and backend/src/app.module.ts". */
export function describeHeld(holding: Holding): string {
	return [holding.module, ...holding.files].filter(Boolean).join(', ');
}

function sameName(left: string, right: string): boolean {
	return left.trim().toLowerCase() === right.trim().toLowerCase();
}

function normalizePath(path: string): string {
	return path.trim().replace(/\\/g, '/').replace(/^\.\//, '').replace(/^`|`$/g, '');
}

/** Equal paths, or one is a folder (written with a trailing slash) holding the other. */
export function pathsOverlap(left: string, right: string): boolean {
	const a = normalizePath(left);
	const b = normalizePath(right);
	if (!a || !b) {
		return false;
	}

	return a === b || (a.endsWith('/') && b.startsWith(a)) || (b.endsWith('/') && a.startsWith(b));
}
