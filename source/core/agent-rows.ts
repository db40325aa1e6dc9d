/**
 * One row per agent (docs/design.md §2, §5): its branches, its freshest claim with the
 * check-in age, and drift flags that compare what it says with what it commits.
 */
import type {AgentClaimView, AgentFlag, AgentRow, BranchRow} from './snapshot.js';
import {checkinAgeMinutes, stalenessOf} from './staleness.js';
import type {Claim, StalenessConfig} from './types.js';

export interface MergedClaim {
	claim: Claim;
	disagreements: Array<{ref: string; field: string; value: string}>;
}

export function claimView(merged: MergedClaim, now: number, staleness: StalenessConfig): AgentClaimView {
	const age = checkinAgeMinutes(merged.claim.lastCheckin ?? merged.claim.startedAt, now);
	return {...merged.claim, checkinAgeMinutes: age, staleness: stalenessOf(age, staleness), disagreements: merged.disagreements};
}

type Disagreement = MergedClaim['disagreements'][number];

/**
 * Copies that disagree the same way, as one line each: the working tree, base and
 * a branch often hold the same older value, and three lines saying so is noise.
 * In the order first met.
 */
export function groupDisagreements(disagreements: readonly Disagreement[]): Array<{refs: string[]; field: string; value: string}> {
	const groups = new Map<string, {refs: string[]; field: string; value: string}>();
	for (const {ref, field, value} of disagreements) {
		const key = JSON.stringify([field, value]);
		const group = groups.get(key);
		if (group) {
			group.refs.push(ref);
		} else {
			groups.set(key, {refs: [ref], field, value});
		}
	}

	return [...groups.values()];
}

/** A claim that still holds its work: in progress (or unknown) and checked in recently enough. */
export function isHeld(view: AgentClaimView): boolean {
	return (view.status === 'in-progress' || view.status === 'unknown' || view.status === 'blocked') && (view.staleness === 'active' || view.staleness === 'idle');
}

export function buildAgentRows(
	branches: readonly BranchRow[],
	claims: ReadonlyMap<string, AgentClaimView>,
	now: number,
	staleness: StalenessConfig,
	/** Agent → the branch its claim shows on (core/claim-placement). */
	placed: ReadonlyMap<string, string> = new Map(),
): AgentRow[] {
	const agents = new Set<string>(claims.keys());
	for (const branch of branches) {
		if (branch.agent && branch.agent !== 'shared') {
			agents.add(branch.agent);
		}
	}

	const moduleOwners = new Map<string, string[]>();
	for (const [agent, view] of claims) {
		if (view.module && isHeld(view)) {
			const key = view.module.trim().toLowerCase();
			moduleOwners.set(key, [...(moduleOwners.get(key) ?? []), agent]);
		}
	}

	return [...agents].sort().map(agent => {
		const own = branches.filter(branch => branch.agent === agent);
		// A new branch has no commits yet: it neither lacks a claim nor forgot the coordination file.
		const unmerged = own.filter(branch => branch.state === 'unmerged');
		const claim = claims.get(agent) ?? null;
		const lastCommitAt = own.map(branch => branch.lastCommitAt).sort().at(-1) ?? null;
		const flags: AgentFlag[] = [];
		if (claim && isHeld(claim)) {
			const quietMinutes = lastCommitAt ? (now - Date.parse(lastCommitAt)) / 60_000 : Number.POSITIVE_INFINITY;
			if (quietMinutes >= staleness.staleHours * 60) {
				flags.push('claim-without-commits');
			}
		}

		if (unmerged.length > 0 && (!claim || claim.status === 'complete' || claim.status === 'released')) {
			flags.push('commits-without-claim');
		}

		if (claim?.module && (moduleOwners.get(claim.module.trim().toLowerCase())?.length ?? 0) > 1) {
			flags.push('module-claimed-twice');
		}

		if (unmerged.length > 0 && unmerged.every(branch => !branch.touchesCoordination)) {
			flags.push('coordination-not-updated');
		}

		if (claim?.confidence === 'inferred') {
			flags.push('inferred-claim');
		}

		return {agent, branches: own.map(branch => branch.name), claim, claimBranch: claim ? (placed.get(agent) ?? null) : null, lastCommitAt, flags};
	});
}
