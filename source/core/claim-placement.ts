/**
 * Which branch an agent's claim belongs to (docs/design.md §2, issue 17): the one owner of
 * that rule, so `status`, the dashboard and the details show a claim in one place.
 * - A claim that names one of the agent's branches shows on that branch only.
 * - Otherwise on the agent's branch its files or module match best (claim files that
 *   the branch changed; the module's name in the branch name), else on the agent's most
 *   recently active branch; merged branches only when the agent has no other.
 * - Nowhere else: the agent's other branches show no claim, not a copy of it.
 */
import {matchesGlob} from './glob.js';

export interface PlacementBranch {
	name: string;
	agent: string | null;
	/** Files changed since the merge base with base. */
	files: readonly string[];
	/** ISO time of the tip's commit. */
	lastCommitAt: string;
	merged: boolean;
}

export interface PlacementClaim {
	branch?: string;
	module?: string;
	files: readonly string[];
}

/** Agent → the name of the branch its claim shows on (absent: the agent has no branch). */
export function placeClaims(branches: readonly PlacementBranch[], claims: ReadonlyMap<string, PlacementClaim>): Map<string, string> {
	const placed = new Map<string, string>();
	for (const [agent, claim] of claims) {
		const own = branches.filter(branch => branch.agent === agent);
		const named = claim.branch ? own.find(branch => branch.name === claim.branch) : undefined;
		const branch = named ?? bestMatch(own, claim);
		if (branch) {
			placed.set(agent, branch.name);
		}
	}

	return placed;
}

function bestMatch(own: readonly PlacementBranch[], claim: PlacementClaim): PlacementBranch | undefined {
	const live = own.filter(branch => !branch.merged);
	const candidates = live.length > 0 ? live : own;
	let best: {branch: PlacementBranch; score: number; time: number} | undefined;
	for (const branch of candidates) {
		const score = matchScore(branch, claim);
		const time = Date.parse(branch.lastCommitAt) || 0;
		// Highest score; among equals the most recently active; then by name, so the answer never flips.
		if (!best || score > best.score || (score === best.score && (time > best.time || (time === best.time && branch.name < best.branch.name)))) {
			best = {branch, score, time};
		}
	}

	return best?.branch;
}

/** Claim files the branch changed, each worth more than the module's name in the branch name. */
function matchScore(branch: PlacementBranch, claim: PlacementClaim): number {
	let score = 0;
	if (claim.files.length > 0) {
		for (const file of branch.files) {
			if (claim.files.some(pattern => file === pattern || matchesGlob(file, pattern))) {
				score += 2;
			}
		}
	}

	const words = moduleWords(claim.module);
	const name = branch.name.toLowerCase();
	if (words.some(word => name.includes(word))) {
		score += 1;
	}

	return score;
}

/** "lib/training" → ["training"]; "Backend Tracking" → ["backend", "tracking"]: words of three letters or more. */
function moduleWords(module: string | undefined): string[] {
	if (!module) {
		return [];
	}

	const parts = module.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(word => word.length >= 3);
	// "lib/training": the last path segment names it; the first is often a generic folder.
	return module.includes('/') ? parts.slice(-1) : parts;
}
