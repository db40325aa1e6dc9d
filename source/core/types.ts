/**
 * The domain vocabulary shared by every layer. Pure data: no I/O, no classes.
 * The JSON document of `status --json` (docs/design.md §5) is built from these shapes.
 */

/** Where a piece of text came from: a file, on a ref (or the working tree), at a line. */
export interface SourceLocation {
	/** Path relative to the repository root, with forward slashes. */
	file: string;
	/** `worktree` for the working tree, else a ref name such as `main` or `claude/x`. */
	ref: string;
	/** 1-based line number; 0 when the location is the whole file. */
	line: number;
}

/** Something a reader could not understand or had to skip. Never fatal. */
export interface ParseWarning extends SourceLocation {
	message: string;
}

export type ClaimStatus = 'in-progress' | 'complete' | 'blocked' | 'released' | 'unknown';

/** How sure the reader is: `parsed` from one of the known shapes, `inferred` by the generic reader. */
export type ClaimConfidence = 'parsed' | 'inferred';

/** What an agent says it is doing (docs/design.md §2 "Claim"). Dates are ISO 8601 strings in UTC. */
export interface Claim {
	/** Agent key such as `claude`, resolved through aliases; unknown names are lower-cased. */
	agent: string;
	/** The name exactly as written in the file ("Claude Code"). */
	agentName: string;
	work?: string;
	module?: string;
	branch?: string;
	files: string[];
	status: ClaimStatus;
	startedAt?: string;
	expectedCompletion?: string;
	lastCheckin?: string;
	blockers: string[];
	dependencies: string[];
	/** Remarks found after values, e.g. "(to re-enable module)". */
	notes: string[];
	confidence: ClaimConfidence;
	source: SourceLocation;
}

export interface ParseResult {
	claims: Claim[];
	warnings: ParseWarning[];
}

/** Resolves a name written in a coordination file ("Claude Code") to an agent key. */
export type AgentResolver = (name: string) => string | undefined;

export interface ParseContext {
	file: string;
	ref: string;
	resolveAgent: AgentResolver;
}

/** A parser turns one file's text into claims and warnings. It must never throw. */
export type ClaimParser = (text: string, context: ParseContext) => ParseResult;

export interface AgentConfig {
	prefixes?: string[];
	aliases?: string[];
	paths?: string[];
}

export interface StalenessConfig {
	activeHours: number;
	staleHours: number;
}

/**
 * How far behind base a branch may be before that alone is worth a warning
 * (`.switchyard.json` `behind`): past `commits` commits, or when base's tip is more
 * than `days` days newer than the commit the branch forked from.
 */
export interface BehindConfig {
	commits: number;
	days: number;
}

/** `.switchyard.json`, validated (docs/design.md §4). */
export interface SwitchyardConfig {
	base?: string;
	remote: string;
	fetchIntervalSeconds: number;
	agents: Record<string, AgentConfig>;
	sharedPaths: string[];
	/** Verification commands by what they prove (build passes, no type errors, tests pass). */
	verify: VerifyCommand[];
	/** The repository's own checklist items, after the built-in ones. */
	checklist: ChecklistExtra[];
	staleness: StalenessConfig;
	/** When being behind base warns on its own (it always does when base changed the branch's files). */
	behind: BehindConfig;
	coordinationFiles: string[];
	/** The coordination file `claim`, `checkin`, `release` and `done` write; also read. */
	claimsFile?: string;
}

/** What a verification command proves: each is one item of the checklist (DESIGN §6.2). */
export type VerifyKind = 'build' | 'typecheck' | 'test';

export interface VerifyCommand {
	kind: VerifyKind;
	/** A shell command line, run at the top of a worktree of the commit. */
	command: string;
}

/** An item a repository adds to the checklist: judged by a person, or by its command's exit code. */
export interface ChecklistExtra {
	title: string;
	command?: string;
}

/** The name trust.ts reads the checklist items of the config by. */
export type ChecklistConfigItem = ChecklistExtra;

export type Staleness = 'active' | 'idle' | 'stale' | 'unknown';

export type RepoState =
	| 'clean'
	| 'dirty'
	| 'merging'
	| 'rebasing'
	| 'cherry-picking'
	| 'reverting'
	| 'bisecting'
	| 'detached';

/**
 * `ready`, `warn`, `blocked` judge an unmerged branch (docs/design.md §2); `pending`
 * until conflict prediction has answered for it (never a guess); `merged` once its work
 * reached base: nothing left to merge.
 */
export type Verdict = 'ready' | 'warn' | 'blocked' | 'pending' | 'merged';

export interface HygieneIssue {
	kind:
		| 'wip-commit'
		| 'conflict-marker'
		| 'env-file'
		| 'large-binary'
		| 'console-log'
		| 'secret'
		// The kinds below feed the pre-merge checklist (DESIGN §6.2), not the readiness warnings of §2.
		| 'hardcoded-url'
		| 'hardcoded-port'
		| 'todo-without-issue'
		| 'unnecessary-file'
		| 'vague-commit'
		| 'duplicate-code';
	detail: string;
}

export interface DomainIssue {
	kind: 'outside-paths' | 'inside-other-claim';
	file: string;
	/** For `inside-other-claim`: the agent whose claim holds the file. */
	agent?: string;
}

export interface PairConflict {
	branch: string;
	files: string[];
	/**
	 * Set when every conflicted file is a coordination file (docs/design.md §3): the two
	 * branches' code merges, only their notes about it collide.
	 */
	coordinationOnly?: {
		/** Each side changed only its own agent's section: the integration flow merges it section by section. */
		sectionMergeable: boolean;
		/** Why (not) mergeable section by section. */
		reason: string;
	};
}

export interface Readiness {
	verdict: Verdict;
	reasons: string[];
	/**
	 * What is worth knowing but no merge risk, e.g. `agent not done` while the claim
	 * still says in progress: the agent's state, shown apart from the reasons.
	 */
	notes?: string[];
}
