/**
 * Append-only sources (boards, ledgers, JSONL logs) hold many entries per agent. The
 * newest entry gives the last check-in and the status; older ones fill what it omits.
 */
import type {Claim, ClaimStatus} from '../../types.js';
import {finishDraft, type ClaimDraft} from '../claim.js';
import {normalizeLabel} from '../labels.js';
import {statusFromText} from '../status.js';

export interface TimedDraft {
	draft: ClaimDraft;
	/** Where it was written, to order entries with the same or no time. */
	order: number;
}

const eventStatuses: Record<string, ClaimStatus | null> = {
	claim: 'in-progress',
	claimed: 'in-progress',
	start: 'in-progress',
	started: 'in-progress',
	begin: 'in-progress',
	assign: 'in-progress',
	assigned: 'in-progress',
	release: 'released',
	released: 'released',
	unclaim: 'released',
	abandon: 'released',
	done: 'complete',
	complete: 'complete',
	completed: 'complete',
	finish: 'complete',
	finished: 'complete',
	merged: 'complete',
	block: 'blocked',
	blocked: 'blocked',
	// A check-in keeps the status it had.
	checkin: null,
	heartbeat: null,
	update: null,
	progress: null,
	note: null,
	handoff: null,
	message: null,
};

/** The status an event kind implies; undefined when it implies none. */
export function statusOfEvent(kind: string): ClaimStatus | undefined {
	const word = normalizeLabel(kind).split(' ')[0] ?? '';
	if (word in eventStatuses) {
		return eventStatuses[word] ?? undefined;
	}

	return statusFromText(kind);
}

/** One claim per agent: the newest entry, with older entries filling the fields it leaves empty. */
export function foldByAgent(entries: readonly TimedDraft[]): Claim[] {
	const byAgent = new Map<string, TimedDraft[]>();
	for (const entry of entries) {
		const list = byAgent.get(entry.draft.claim.agent) ?? [];
		list.push(entry);
		byAgent.set(entry.draft.claim.agent, list);
	}

	const claims: Claim[] = [];
	for (const list of byAgent.values()) {
		list.sort((a, b) => compareTime(a.draft.claim.lastCheckin, b.draft.claim.lastCheckin) || a.order - b.order);
		const newest = list.at(-1)!;
		const claim = {...newest.draft.claim};
		for (let index = list.length - 2; index >= 0; index--) {
			const older = list[index]!.draft.claim;
			claim.work ??= older.work;
			claim.module ??= older.module;
			claim.branch ??= older.branch;
			claim.startedAt ??= older.startedAt;
			claim.expectedCompletion ??= older.expectedCompletion;
			if (claim.files.length === 0) {
				claim.files = older.files;
			}

			if (claim.status === 'unknown') {
				claim.status = older.status;
			}
		}

		claims.push(finishDraft({...newest.draft, claim}));
	}

	return claims;
}

function compareTime(a: string | undefined, b: string | undefined): number {
	if (a === b) {
		return 0;
	}

	if (a === undefined) {
		return -1;
	}

	if (b === undefined) {
		return 1;
	}

	return a < b ? -1 : 1;
}

/** Per agent, the claim that best says what it does now: active over finished, then the freshest. */
export function bestPerAgent(claims: readonly Claim[]): Claim[] {
	const rank: Record<ClaimStatus, number> = {'in-progress': 0, blocked: 1, unknown: 2, complete: 3, released: 4};
	const best = new Map<string, Claim>();
	for (const claim of claims) {
		const current = best.get(claim.agent);
		if (
			!current ||
			rank[claim.status] < rank[current.status] ||
			(rank[claim.status] === rank[current.status] && compareTime(claim.lastCheckin, current.lastCheckin) > 0)
		) {
			best.set(claim.agent, claim);
		}
	}

	return [...best.values()];
}
