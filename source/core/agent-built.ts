/**
 * What each agent built (issue 17): its branches merged into base over a period, the
 * commits and lines they brought, the merges later reverted on base, and the
 * conflicts its open branches cause. Pure: from base's first-parent line (the commit
 * graph), the lines of each merge (one git read), and the snapshot's branch rows.
 */
import type {LineCommit} from './commit-graph.js';
import type {PairConflict} from './types.js';

/** The periods the agents view cycles through, and `status --json` reports. */
export const builtPeriods = ['7d', '30d', 'all'] as const;
export type BuiltPeriod = (typeof builtPeriods)[number];
const periodDays: Record<BuiltPeriod, number | null> = {'7d': 7, '30d': 30, all: null};

export interface BuiltFigures {
	/** Branches merged into base in the period (merge commits on base's first-parent line). */
	merged: number;
	/** Commits those merges brought onto base. */
	commits: number;
	added: number;
	removed: number;
	/** Branches merged in the period whose merge was later reverted on base (`Revert "Merge …"`). */
	reverted: string[];
}

export interface AgentBuilt {
	periods: Record<BuiltPeriod, BuiltFigures>;
	/** Conflicts the agent's open (unmerged) branches cause: with base, and with other branches. */
	openConflicts: {withBase: number; withBranches: number};
}

/** The branch a merge commit's subject names: `Merge branch 'x'`, `Merge pull request #1 from owner/x`, `Merge remote-tracking branch 'origin/x'`. */
export function mergedBranchName(subject: string, remote = 'origin'): string | null {
	const branch = /^Merge (?:remote-tracking )?branch '([^']+)'/.exec(subject)?.[1];
	if (branch) {
		return branch.startsWith(`${remote}/`) ? branch.slice(remote.length + 1) : branch;
	}

	const pull = /^Merge pull request #\d+ from [^/\s]+\/(\S+)/.exec(subject)?.[1];
	return pull ?? null;
}

/** The subject a revert names: `Revert "Merge branch 'x'"` → `Merge branch 'x'`. */
export function revertedSubject(subject: string): string | null {
	return /^Revert "(.+)"$/.exec(subject)?.[1] ?? null;
}

export function emptyFigures(): BuiltFigures {
	return {merged: 0, commits: 0, added: 0, removed: 0, reverted: []};
}

export interface BuiltInput {
	/** Base's first-parent line, oldest first (CommitGraph.firstParentLine). */
	line: readonly LineCommit[];
	/** Lines each merge brought, by merge commit; a merge missing here counts no lines. */
	lines: ReadonlyMap<string, {added: number; removed: number}>;
	/** The agent a branch name belongs to, or null for branches of no agent. */
	agentOf: (branch: string) => string | null;
	now: number;
	/** The unmerged branches with their conflicts. */
	open: ReadonlyArray<{name: string; agent: string | null; conflictsWithBase: string[]; mergesCleanly: boolean | null; conflictsWith: PairConflict[]}>;
	remote?: string;
}

export function buildAgentBuilt(input: BuiltInput): Map<string, AgentBuilt> {
	const result = new Map<string, AgentBuilt>();
	const entry = (agent: string): AgentBuilt => {
		let built = result.get(agent);
		if (!built) {
			built = {periods: {'7d': emptyFigures(), '30d': emptyFigures(), all: emptyFigures()}, openConflicts: {withBase: 0, withBranches: 0}};
			result.set(agent, built);
		}

		return built;
	};

	// A revert names the merge by its subject; it undoes the latest such merge before it.
	const reverted = new Set<string>();
	const latestBySubject = new Map<string, string>();
	for (const commit of input.line) {
		if (commit.mergedTip) {
			latestBySubject.set(commit.subject, commit.sha);
		}

		const named = revertedSubject(commit.subject);
		const merge = named === null ? undefined : latestBySubject.get(named);
		if (merge) {
			reverted.add(merge);
		}
	}

	const nowSeconds = input.now / 1000;
	for (const commit of input.line) {
		const branch = commit.mergedTip ? mergedBranchName(commit.subject, input.remote) : null;
		const agent = branch === null ? null : input.agentOf(branch);
		if (branch === null || agent === null) {
			continue;
		}

		const built = entry(agent);
		for (const period of builtPeriods) {
			const days = periodDays[period];
			if (days !== null && commit.time < nowSeconds - (days * 86_400)) {
				continue;
			}

			const figures = built.periods[period];
			figures.merged++;
			figures.commits += commit.brought;
			figures.added += input.lines.get(commit.sha)?.added ?? 0;
			figures.removed += input.lines.get(commit.sha)?.removed ?? 0;
			if (reverted.has(commit.sha)) {
				figures.reverted.push(branch);
			}
		}
	}

	for (const branch of input.open) {
		if (branch.agent === null) {
			continue;
		}

		const withBase = branch.conflictsWithBase.length > 0 || branch.mergesCleanly === false;
		if (withBase || branch.conflictsWith.length > 0) {
			const conflicts = entry(branch.agent).openConflicts;
			conflicts.withBase += withBase ? 1 : 0;
			conflicts.withBranches += branch.conflictsWith.length;
		}
	}

	return result;
}
