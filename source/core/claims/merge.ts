/**
 * One claim per agent from the copies found in the working tree, on base and on
 * branch tips (docs/design.md §3 "Read"): the freshest check-in wins, and where the other
 * copies say something else about the work, module, status or branch, that is listed.
 */
import type {Claim} from '../types.js';

export interface ClaimDisagreement {
	ref: string;
	file: string;
	field: 'work' | 'module' | 'status' | 'branch';
	value: string;
}

export interface MergedAgentClaim {
	claim: Claim;
	disagreements: ClaimDisagreement[];
}

const comparedFields = ['work', 'module', 'status', 'branch'] as const;

/**
 * Ties on check-in time go to parsed over inferred, then the working tree over base
 * over branch refs. Base is `baseRef` when given, else any ref without a slash
 * (`main`), since agent branches are always `<prefix>/<name>`.
 */
export function mergeAgentClaims(claims: readonly Claim[], baseRef?: string): Map<string, MergedAgentClaim> {
	const byAgent = new Map<string, Claim[]>();
	for (const claim of claims) {
		const list = byAgent.get(claim.agent) ?? [];
		list.push(claim);
		byAgent.set(claim.agent, list);
	}

	const refRank = (ref: string) => (ref === 'worktree' ? 0 : (baseRef === undefined ? !ref.includes('/') : ref === baseRef) ? 1 : 2);
	const merged = new Map<string, MergedAgentClaim>();
	for (const [agent, list] of byAgent) {
		const ordered = [...list].sort(
			(a, b) =>
				compareFreshness(b.lastCheckin, a.lastCheckin) ||
				// Equally fresh (often: neither has a time): the copy that names the work says more.
				Number(Boolean(b.work)) - Number(Boolean(a.work)) ||
				(a.confidence === b.confidence ? 0 : a.confidence === 'parsed' ? -1 : 1) ||
				refRank(a.source.ref) - refRank(b.source.ref),
		);
		const winner = ordered[0]!;
		const disagreements: ClaimDisagreement[] = [];
		const seen = new Set<string>();
		for (const other of ordered.slice(1)) {
			for (const field of comparedFields) {
				const value = other[field];
				if (value === undefined || value === winner[field] || (field === 'status' && value === 'unknown')) {
					continue;
				}

				const key = `${other.source.ref}\u0000${field}\u0000${value}`;
				if (!seen.has(key)) {
					seen.add(key);
					disagreements.push({ref: other.source.ref, file: other.source.file, field, value});
				}
			}
		}

		merged.set(agent, {claim: winner, disagreements});
	}

	return merged;
}

/** Positive when a is fresher; a missing check-in is the least fresh. */
function compareFreshness(a: string | undefined, b: string | undefined): number {
	const time = (value: string | undefined) => (value === undefined ? Number.NEGATIVE_INFINITY : Date.parse(value));
	const difference = time(a) - time(b);
	return Number.isNaN(difference) || difference === 0 ? 0 : difference > 0 ? 1 : -1;
}
