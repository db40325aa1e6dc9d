/**
 * The repository snapshot: everything `status`, the dashboard and `watch` show.
 * Its JSON form is the schema-version-1 document of docs/design.md §5; fields may be
 * added, none removed or renamed without a new schemaVersion.
 */
import type {AgentBuilt} from './agent-built.js';
import type {BranchState} from './branch-state.js';
import type {ChecklistState} from './checklist.js';
import type {
	Claim,
	DomainIssue,
	HygieneIssue,
	PairConflict,
	ParseWarning,
	Readiness,
	RepoState,
	Staleness,
} from './types.js';
import type {HygieneScope} from './hygiene.js';

export interface BranchRow {
	/** Branch name without the remote prefix, e.g. `claude/training-improvements`. */
	name: string;
	/** Agent key, `shared` for shared/team branches, or null for others. */
	agent: string | null;
	/** The tip that is judged: the local head when there is one, else the remote one. */
	sha: string;
	local: boolean;
	/** Remote-tracking ref name (`origin/claude/x`) or null. */
	remote: string | null;
	/** When both exist and differ: commits the local head has that the remote lacks, and the reverse. */
	remoteDiff?: {localAhead: number; remoteAhead: number};
	ahead: number;
	behind: number;
	/** ISO time of the tip's commit. */
	lastCommitAt: string;
	/**
	 * new (no commits of its own, never merged), unmerged (commits ahead of base), merged
	 * (its work reached base) — docs/design.md §2. Only merged branches are folded by default.
	 */
	state: BranchState;
	/** `state === 'merged'`, kept for schema version 1. */
	merged: boolean;
	/** Files changed since the merge base with base. */
	files: string[];
	/** Subjects of the commits ahead of base, newest first. */
	commits: Array<{sha: string; subject: string; at: string}>;
	/** null while conflict prediction has not answered (or cannot run on this git). */
	mergesCleanly: boolean | null;
	conflictsWithBase: string[];
	conflictsWith: PairConflict[];
	hygiene: HygieneIssue[];
	/**
	 * Present when hygiene read only part of the branch's added lines (generated files
	 * and lines over the limits are skipped, see core/hygiene.ts `addedLineLimits`).
	 */
	hygieneScope?: HygieneScope;
	domain: DomainIssue[];
	/** The linked worktree the branch is checked out in (an agent's own), and what it holds uncommitted. */
	worktree?: BranchWorktree;
	/**
	 * Present when conflicts were predicted with uncommitted work (`--include-uncommitted`):
	 * whether this branch's was included (it is checked out in a linked worktree with
	 * uncommitted changes), in place of its tip.
	 */
	uncommittedIncluded?: boolean;
	/** Whether the branch's commits touch any coordination file (the rules ask them to). */
	touchesCoordination: boolean;
	/** The pre-merge checklist saved for this branch (for its head, or out of date); absent when never filled. */
	checklist?: ChecklistState | null;
	/**
	 * A merge of this branch stands reverted on base: its commits are no longer in base
	 * although git counts them merged. From the revert ledger or base's history.
	 */
	revertedOnBase?: {merge: string; revert: string; source: 'ledger' | 'history'};
	readiness: Readiness;
}

export interface AgentClaimView extends Claim {
	checkinAgeMinutes: number | null;
	staleness: Staleness;
	/** Other copies of this agent's claim (other refs) that disagree with the freshest. */
	disagreements: Array<{ref: string; field: string; value: string}>;
}

export type AgentFlag =
	| 'claim-without-commits'
	| 'commits-without-claim'
	| 'module-claimed-twice'
	| 'coordination-not-updated'
	| 'inferred-claim';

export interface AgentRow {
	agent: string;
	branches: string[];
	claim: AgentClaimView | null;
	/**
	 * The one branch this claim shows on (docs/design.md §2: claims belong to branches; the
	 * rule is core/claim-placement): null when the agent has no branch or no claim.
	 */
	claimBranch: string | null;
	lastCommitAt: string | null;
	flags: AgentFlag[];
	/**
	 * What the agent built: its branches merged into base (per period: 7 days, 30 days,
	 * all), their commits and lines, merges later reverted, and the conflicts its open
	 * branches cause. Absent before conflicts are predicted, and for an agent with none of these.
	 */
	built?: AgentBuilt;
}

export interface BranchWorktree {
	/** Absolute path of the worktree's folder. */
	path: string;
	/** Changed and untracked files there, not committed yet. */
	dirtyFiles: number;
	/** The first of them by path (at most 50). */
	files: string[];
}

export interface StatusDocument {
	schemaVersion: 1;
	generatedAt: string;
	repo: {root: string; state: RepoState; head: string | null};
	base: {name: string; sha: string};
	branches: BranchRow[];
	agents: AgentRow[];
	warnings: ParseWarning[];
	/** Notes about what could not be computed, e.g. conflict prediction on an old git. */
	notices: string[];
}
