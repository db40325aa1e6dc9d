/**
 * The repository snapshot: everything `status`, the dashboard and `watch` show.
 * Its JSON form is the schema-version-1 document of DESIGN.md §5; fields may be
 * added, none removed or renamed without a new schemaVersion.
 */
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
	/** Nothing ahead of base: folded by default and left out of conflict prediction. */
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
	domain: DomainIssue[];
	/** Whether the branch's commits touch any coordination file (the rules ask them to). */
	touchesCoordination: boolean;
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
	lastCommitAt: string | null;
	flags: AgentFlag[];
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
