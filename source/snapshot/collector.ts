/**
 * The one refresh path (docs/design.md §8): `status`, the dashboard and `watch` all get
 * their StatusDocument from a collector. Everything is batched (a fixed number of
 * git processes whatever the number of branches, docs/design.md §9) and cached by commit
 * id, so a second collect after one branch moved only asks git about that branch:
 * its new commits, its diff, its coordination files and its merge candidates.
 */
import {branchAgentKeys, makeAgentResolver, ownerOfBranch, type BranchOwner} from '../core/agents.js';
import {buildAgentRows, claimView, isHeld, type MergedClaim} from '../core/agent-rows.js';
import {coordinationPathTest, mergeAgentClaims, rootCoordinationFiles} from '../core/claims/index.js';
import {mergeCoordinationConflict} from '../core/claims/section-merge.js';
import {buildAgentBuilt, mergedBranchName, type AgentBuilt} from '../core/agent-built.js';
import {branchState} from '../core/branch-state.js';
import {placeClaims} from '../core/claim-placement.js';
import {CommitGraph, type AheadBehind, type FirstParentHistory, type LineCommit} from '../core/commit-graph.js';
import {findConflictCandidates} from '../core/conflict-candidates.js';
import {checkDomain} from '../core/domain.js';
import type {ChecklistState} from '../core/checklist.js';
import {BlockList, findDuplicates} from '../core/duplication.js';
import {checkHygiene, type HygieneScope} from '../core/hygiene.js';
import {judgeReadiness} from '../core/readiness.js';
import {isRevertSubject, revertedMerges, type FirstParentCommit, type RevertedMerge} from '../core/reverted-merges.js';
import type {AgentClaimView, AgentRow, BranchRow, BranchWorktree, StatusDocument} from '../core/snapshot.js';
import type {AgentResolver, HygieneIssue, PairConflict, SwitchyardConfig} from '../core/types.js';
import type {GitRunner} from '../git/git-runner.js';
import {MergeCache, predictMerges, withScratchObjects, type MergeQuestion} from '../git/predict-merges.js';
import {commitUncommittedWork, type UncommittedCommit} from '../git/uncommitted-work.js';
import {readCoordinationVersions} from '../git/coordination-conflicts.js';
import {listTreePaths, readObjectSizes} from '../git/read-blobs.js';
import {readCommits, readMessages} from '../git/read-commits.js';
import {readMergeLines, type MergeLines} from '../git/read-merge-stats.js';
import {readLedger} from '../store/revert-ledger.js';
import {readBranchDiffs, readChangedFiles, type BranchDiff} from '../git/read-diffs.js';
import {readRefs, type RefSnapshot} from '../git/read-refs.js';
import {readBranchReflog} from '../git/read-reflog.js';
import {atLeast, gitVersion, readHead, readWorktreeStatus, type RepoLocation, type WorktreeStatus} from '../git/repository.js';
import {branchesWithChecklist, checklistStateAt, readChecklist} from '../store/checklist-answers.js';
import {StateStore} from '../store/state-store.js';
import {detectBase, type BaseBranch} from './base-branch.js';
import {branchChangesCodec} from './branch-changes-codec.js';
import {KeptAnswers} from './kept-answers.js';
import {LinkedWorktrees} from './linked-worktrees.js';
import {newParseCache, readClaims, type ClaimSourceFile} from './read-claims.js';

/** What changed since the last collect; a first collect reads everything. */
export interface ChangeHint {
	refs?: boolean;
	worktree?: boolean;
}

/** What is kept of a branch's diff: its files, its binaries, and what its added lines showed. */
export interface BranchChanges {
	files: string[];
	binaries: Array<{file: string; blob: string}>;
	lineIssues: HygieneIssue[];
	/** How many added lines were read; absent in changes kept before it was counted. */
	scope?: HygieneScope;
	/** Hashes of the blocks of added lines outside coordination files, for the duplication check. */
	blocks: BlockList;
	/**
	 * The blob of each changed coordination file at the tip (absent when deleted there), so
	 * that a new tip whose copy is one already parsed is not read again; absent in changes
	 * kept before it was recorded.
	 */
	coordinationBlobs?: Record<string, string>;
}

/** What a branch changed, by name: known before its added lines are read. */
type ChangedFiles = Pick<BranchChanges, 'files' | 'coordinationBlobs'>;

interface ConflictFacts {
	mergesCleanly: boolean | null;
	withBase: string[];
	withBranches: PairConflict[];
}

interface BranchFact {
	branch: BranchRefs;
	/** The judged tip: local when there is one, else the remote-tracking one. */
	sha: string;
	aheadBehind: AheadBehind;
	mergeBase: string | undefined;
	owner: BranchOwner;
}

interface BranchRefs {
	name: string;
	localSha: string | undefined;
	remoteSha: string | undefined;
}

/**
 * The cheapest first picture (the dashboard's first rows): branch names, their agents,
 * and the claims on base and in the working tree. Ahead/behind, files and conflicts
 * are not known yet, and claims that live only on agent branches come with the first
 * collect.
 */
export interface FirstLook {
	generatedAt: string;
	base: {name: string; sha: string};
	branches: Array<{name: string; agent: string | null}>;
	/** Each agent's claim as judged now, by agent key. */
	claims: Map<string, AgentClaimView>;
	/** Agent → the branch its claim shows on (core/claim-placement, with what refs tell: no files yet). */
	placed: Map<string, string>;
}

/** Counts for tests and the bench: what the last collect asked git. */
export interface CollectStats {
	mergesAsked: number;
	candidatePairs: number;
	candidatesWithBase: number;
	/** Overlapping pairs left unchecked by the pair cap (core/conflict-candidates.ts); 0 unless it was reached. */
	pairsSkipped: number;
}


/** How far back base's first-parent line is searched for reverted merges. */
const revertWindow = 2000;

export class SnapshotCollector {
	readonly stats: CollectStats = {mergesAsked: 0, candidatePairs: 0, candidatesWithBase: 0, pairsSkipped: 0};
	/**
	 * Conflict prediction takes a branch checked out in a linked worktree as its tip plus
	 * the uncommitted work there (`status --include-uncommitted`, the dashboard's `u`);
	 * rows then say whether theirs was included (`uncommittedIncluded`).
	 */
	includeUncommitted = false;
	readonly #graph = new CommitGraph();
	readonly #diffs = new Map<string, BranchChanges>();
	/** Branches whose changed files are known and whose added lines are being read (`#loadDiffs`). */
	readonly #pendingNames = new Map<string, ChangedFiles>();
	/** How many added files the diffs being read add in all (`#loadDiffs`): merges leave Node a core while it reads many. */
	#addedFiles = 0;
	readonly #baseChanges = new Map<string, Set<string>>();
	readonly #merges = new MergeCache();
	readonly #parsed = newParseCache();
	readonly #basePaths = new Map<string, string[]>();
	readonly #blobSizes = new Map<string, number>();
	/** Full messages of revert commits on base's first-parent line, by commit id (they never change). */
	readonly #revertMessages = new Map<string, string>();
	readonly #coordinationVerdictCache = new Map<string, {sectionMergeable: boolean; reason: string}>();
	#baseMarks: {sha: string; marks: Uint8Array; count: number; lineCounts: Int32Array} | undefined;
	#resolver: {key: string; resolve: AgentResolver} | undefined;
	#baseHistory: {sha: string; history: FirstParentHistory} | undefined;
	/** Base's first-parent line and the lines of its merges, for "what each agent built", by base commit. */
	#baseLine: {sha: string; line: LineCommit[]; lines: Map<string, MergeLines>} | undefined;
	/** Ahead/behind by tip, against `#aheadBehindBase`: walking 4,000 commits for each of 400 branches costs 100 ms. */
	readonly #aheadBehind = new Map<string, AheadBehind>();
	#aheadBehindBase: string | undefined;
	#refs: RefSnapshot | undefined;
	#worktree: WorktreeStatus | undefined;
	readonly #linked: LinkedWorktrees;
	#version: [number, number] | undefined;
	#worktreeFiles: string[] = [...rootCoordinationFiles];
	/** The answers of earlier runs, in the state folder: a second `status` asks git almost nothing. */
	readonly #kept: KeptAnswers<BranchChanges>;

	constructor(
		readonly git: GitRunner,
		readonly location: RepoLocation,
		readonly config: SwitchyardConfig,
		/** Where saved checklists are read from and answers kept (DESIGN §4): looking never writes the repository. */
		readonly state: StateStore = new StateStore(location.commonDir),
		kept?: KeptAnswers<BranchChanges>,
	) {
		this.#kept = kept ?? new KeptAnswers(state, undefined, branchChangesCodec);
		this.#linked = new LinkedWorktrees(git, location.commonDir);
	}

	/**
	 * With `conflicts: false` merge-tree is skipped (mergesCleanly stays null): the
	 * dashboard's first frame comes from what is cheap, and conflicts fill in after.
	 * With `keep: false` what was learned stays unsaved until `keepAnswers()`: the live
	 * session publishes first and saves after, off the path of a refresh.
	 */
	async collect(now: number, hint: ChangeHint = {refs: true, worktree: true}, options: {conflicts?: boolean; keep?: boolean} = {}): Promise<StatusDocument> {
		const notices: string[] = [];
		const [version, refs, worktree, linked] = await Promise.all([
			this.#version ?? gitVersion(this.git),
			hint.refs || !this.#refs ? readRefs(this.git) : this.#refs,
			hint.worktree || !this.#worktree ? readWorktreeStatus(this.git, this.location) : this.#worktree,
			this.#linked.read(),
		]);
		this.#version = version;
		this.#refs = refs;
		this.#worktree = worktree;
		const base = detectBase(refs, this.config.base, this.config.remote, readHead(this.location).branch);
		const branchRefs = this.#branchRefs(refs, base);
		// Base's paths need base only: listed while the history is read.
		const basePaths = this.#loadBasePaths(base.sha);
		basePaths.catch(() => {});
		await this.#extendGraph([base.sha, ...branchRefs.flatMap(branch => [branch.localSha, branch.remoteSha].filter((sha): sha is string => Boolean(sha)))]);
		if (this.location.shallow) {
			notices.push('this is a shallow clone: ahead/behind and merge bases may be wrong; run `git fetch --unshallow` for full history');
		}

		const baseMarks = this.#baseAncestry(base.sha);
		if (this.#aheadBehindBase !== base.sha) {
			this.#aheadBehind.clear();
			this.#aheadBehindBase = base.sha;
		}

		const facts = branchRefs.map((branch): BranchFact => {
			const sha = branch.localSha ?? branch.remoteSha!;
			// A tip and a base that did not move keep their counts: a refresh walks the moved branch only.
			let aheadBehind = this.#aheadBehind.get(sha);
			if (!aheadBehind) {
				aheadBehind = this.#graph.aheadBehind(sha, baseMarks.marks, baseMarks.count, baseMarks.lineCounts);
				this.#aheadBehind.set(sha, aheadBehind);
			}

			return {branch, sha, aheadBehind, mergeBase: aheadBehind.mergeBases[0], owner: ownerOfBranch(branch.name, this.config)};
		});
		const tips = new Set(facts.map(fact => fact.sha));
		for (const sha of this.#aheadBehind.keys()) {
			if (!tips.has(sha)) {
				this.#aheadBehind.delete(sha);
			}
		}
		const unmerged = facts.filter(fact => fact.aheadBehind.ahead > 0 && fact.mergeBase);

		// Asked several times for each of tens of thousands of changed files (names, blocks, claims).
		const isCoordination = coordinationPathTest(this.config.coordinationFiles);
		const diffs = this.#loadDiffs(unmerged.map(fact => ({tip: fact.sha, mergeBase: fact.mergeBase!})), isCoordination);
		// Awaited below; this keeps a failure meanwhile from being "unhandled".
		diffs.done.catch(() => {});
		await Promise.all([
			diffs.names,
			this.#loadBaseChanges(base.sha, [...new Set(unmerged.map(fact => fact.mergeBase!))]),
			basePaths,
		]);

		const resolveAgent = this.#resolverFor(branchAgentKeys(branchRefs.map(branch => branch.name), this.config));
		const sources = this.#claimSources(base, unmerged.map(fact => ({name: fact.branch.name, sha: fact.sha, owner: fact.owner.kind})), isCoordination);
		const claimsRead = await readClaims(this.git, this.location.root, sources, resolveAgent, this.#parsed);
		const merged = mergeAgentClaims(claimsRead.claims, base.name) as Map<string, MergedClaim>;
		const views = new Map<string, AgentClaimView>();
		for (const [agent, entry] of merged) {
			views.set(agent, claimView(entry, now, this.config.staleness));
		}

		// Duplication is judged between agents' unmerged branches only: shared and other
		// branches are no one's copy. It needs the diffs only: judged as soon as they are
		// read, while merge-tree may still run.
		const duplicatesJudged = diffs.done.then(() => findDuplicates(unmerged.filter(fact => fact.owner.kind === 'agent').map(fact => ({name: fact.branch.name, blocks: this.#diffs.get(fact.sha)?.blocks ?? new BlockList()}))));
		duplicatesJudged.catch(() => {});
		const predicted = options.conflicts === false
			? {conflicts: new Map<string, ConflictFacts>(), included: null}
			: await this.#predictWithUncommitted(unmerged, linked, async (uncommitted, alternates) => this.#predictConflicts(base.sha, unmerged.map(fact => ({
				name: fact.branch.name,
				sha: fact.sha,
				mergeBase: fact.mergeBase!,
				agent: fact.owner.kind === 'agent' ? fact.owner.agent! : null,
				...(uncommitted.has(fact.branch.name) ? {uncommitted: uncommitted.get(fact.branch.name)!} : {}),
			})), isCoordination, notices, resolveAgent, alternates, diffs.read === 1), notices);
		const {conflicts, included} = predicted;
		// Hygiene's reading of added files went on beside the claims and the merges.
		await diffs.done;
		const held = heldFiles(views);
		const duplicates = await duplicatesJudged;
		const withChecklist = branchesWithChecklist(this.state);
		const placed = this.#placeClaims(facts, views);
		const reverted = await this.#revertedMerges(base.sha);
		const rows = facts.map(fact => {
			const checklist = withChecklist.has(fact.branch.name) ? checklistStateAt(readChecklist(this.state, fact.branch.name), fact.sha) : null;
			const row = this.#branchRow(base.sha, fact, views, placed, conflicts.get(fact.branch.name), held, isCoordination, duplicates.get(fact.branch.name) ?? [], checklist, reverted);
			const checkedOut = fact.branch.localSha ? linked.get(fact.branch.name) : undefined;
			const withUncommitted = included ? {...row, uncommittedIncluded: included.has(fact.branch.name)} : row;
			return checkedOut ? {...withUncommitted, worktree: checkedOut} : withUncommitted;
		});

		if (options.keep !== false) {
			await this.keepAnswers();
		}

		notices.push(...this.#kept.takeWarnings());
		const head = readHead(this.location);
		return {
			schemaVersion: 1,
			generatedAt: new Date(now).toISOString(),
			repo: {root: this.location.root, state: worktree.state, head: head.branch},
			base: {name: base.name, sha: base.sha},
			branches: rows.sort((a, b) => a.name.localeCompare(b.name)),
			agents: await this.#withBuilt(buildAgentRows(rows, views, now, this.config.staleness, placed), base.sha, rows, now, options.conflicts !== false),
			warnings: claimsRead.warnings,
			notices,
		};
	}

	/**
	 * The first look: refs and coordination files only (for-each-ref, ls-tree of base,
	 * one cat-file), no graph walk, no diffs, no merge-tree. What it reads (base's
	 * coordination paths, parsed claims) stays cached for the collect that follows.
	 */
	async firstLook(now: number): Promise<FirstLook> {
		const refs = await readRefs(this.git, {times: true});
		const base = detectBase(refs, this.config.base, this.config.remote);
		await this.#loadBasePaths(base.sha);
		const isCoordination = coordinationPathTest(this.config.coordinationFiles);
		const claimsRead = await readClaims(this.git, this.location.root, this.#claimSources(base, [], isCoordination), makeAgentResolver(this.config), this.#parsed);
		const claims = new Map<string, AgentClaimView>();
		for (const [agent, entry] of mergeAgentClaims(claimsRead.claims, base.name) as Map<string, MergedClaim>) {
			claims.set(agent, claimView(entry, now, this.config.staleness));
		}

		const branchRefs = this.#branchRefs(refs, base);
		const branches = branchRefs.map(branch => {
			const owner = ownerOfBranch(branch.name, this.config);
			return {name: branch.name, agent: owner.kind === 'agent' ? owner.agent! : owner.kind === 'shared' ? 'shared' : null};
		});
		// Files and merged-ness are not read yet: the claim's named branch, else its module in a name, else the most recent tip.
		const placed = placeClaims(
			branchRefs.map((branch, index) => {
				const sha = branch.localSha ?? branch.remoteSha!;
				return {name: branch.name, agent: branches[index]!.agent, files: [], lastCommitAt: new Date((refs.times?.get(sha) ?? 0) * 1000).toISOString(), merged: false};
			}),
			claims,
		);
		return {generatedAt: new Date(now).toISOString(), base: {name: base.name, sha: base.sha}, branches: branches.sort((a, b) => a.name.localeCompare(b.name)), claims, placed};
	}

	/** One branch's row: its facts from git judged by the pure rules of core/. */
	#branchRow(
		baseSha: string,
		fact: BranchFact,
		views: ReadonlyMap<string, AgentClaimView>,
		placed: ReadonlyMap<string, string>,
		conflict: ConflictFacts | undefined,
		claimedFiles: ReadonlyMap<string, string>,
		isCoordination: (file: string) => boolean,
		duplicates: HygieneIssue[],
		checklist: ChecklistState | null,
		reverted: readonly RevertedMerge[] = [],
	): BranchRow {
		const diff = fact.mergeBase ? this.#diffs.get(fact.sha) : undefined;
		const files = diff?.files ?? [];
		const agent = fact.owner.kind === 'agent' ? fact.owner.agent! : fact.owner.kind === 'shared' ? 'shared' : null;
		const state = branchState({
			sha: fact.sha,
			ahead: fact.aheadBehind.ahead,
			baseHistory: () => this.#firstParentHistory(baseSha),
			reflog: fact.aheadBehind.ahead === 0 && fact.branch.localSha === fact.sha ? readBranchReflog(this.location.commonDir, fact.branch.name) : undefined,
		});
		// Nothing ahead of base (merged or new): no hygiene, no domain, nothing to merge.
		const merged = fact.aheadBehind.ahead === 0;
		const commits = fact.aheadBehind.aheadCommits.map(sha => this.#graph.get(sha)!).sort((a, b) => b.time - a.time);
		const hygiene = merged
			? []
			: checkHygiene({
					commits: commits.map(commit => ({sha: commit.sha, subject: commit.subject})),
					files,
					lineIssues: [...(diff?.lineIssues ?? []), ...duplicates],
					binaries: (diff?.binaries ?? []).map(binary => ({file: binary.file, size: this.#blobSizes.get(binary.blob) ?? null})),
				});
		const domain = merged || !agent || agent === 'shared'
			? []
			: checkDomain({
					agent,
					files: files.filter(file => !isCoordination(file)),
					declaredPaths: this.config.agents[agent]?.paths,
					sharedPaths: this.config.sharedPaths,
					claimedByOthers: claimedFiles,
				});
		// The claim counts for this branch only where core's placement put it.
		const claim = agent && placed.get(agent) === fact.branch.name ? views.get(agent) : undefined;
		const row: BranchRow = {
			name: fact.branch.name,
			agent,
			sha: fact.sha,
			local: fact.branch.localSha !== undefined,
			remote: fact.branch.remoteSha ? `${this.config.remote}/${fact.branch.name}` : null,
			ahead: fact.aheadBehind.ahead,
			behind: fact.aheadBehind.behind,
			lastCommitAt: new Date((this.#graph.get(fact.sha)?.time ?? 0) * 1000).toISOString(),
			state,
			merged: state === 'merged',
			files,
			commits: commits.map(commit => ({sha: commit.sha, subject: commit.subject, at: new Date(commit.time * 1000).toISOString()})),
			mergesCleanly: merged ? true : (conflict?.mergesCleanly ?? null),
			conflictsWithBase: conflict?.withBase ?? [],
			conflictsWith: conflict?.withBranches ?? [],
			hygiene,
			domain,
			touchesCoordination: files.some(isCoordination),
			...(checklist ? {checklist} : {}),
			readiness: {verdict: 'ready', reasons: []},
		};
		if (!merged && diff?.scope && (diff.scope.linesSkipped > 0 || diff.scope.filesSkipped > 0)) {
			row.hygieneScope = {...diff.scope};
		}

		if (fact.branch.localSha && fact.branch.remoteSha && fact.branch.localSha !== fact.branch.remoteSha) {
			row.remoteDiff = this.#remoteDiff(fact.branch.localSha, fact.branch.remoteSha);
		}

		const revert = reverted.find(entry => this.#holds(fact.sha, fact.branch.name, entry));
		if (revert) {
			row.revertedOnBase = {merge: revert.merge, revert: revert.revert, source: revert.source};
		}

		const baseChanged = fact.mergeBase ? this.#baseChanges.get(`${baseSha} ${fact.mergeBase}`) : undefined;
		const forkedAt = fact.mergeBase ? this.#graph.get(fact.mergeBase)?.time : undefined;
		const baseAt = this.#graph.get(baseSha)?.time;
		row.readiness = judgeReadiness({
			...row,
			claimStatus: claim ? claim.status : null,
			baseTouched: baseChanged ? files.filter(file => baseChanged.has(file) && !isCoordination(file)) : [],
			behindDays: forkedAt !== undefined && baseAt !== undefined ? Math.max(0, baseAt - forkedAt) / 86_400 : 0,
			behindLimits: this.config.behind,
		});
		return row;
	}

	/**
	 * Names become agents with evidence, and branch prefixes are evidence (docs/design.md §2):
	 * the resolver is kept while the set of prefixes stays the same, so parsed files stay cached.
	 */
	#resolverFor(branchAgents: string[]): AgentResolver {
		const key = branchAgents.join('\n');
		if (this.#resolver?.key !== key) {
			this.#resolver = {key, resolve: makeAgentResolver(this.config, branchAgents)};
		}

		return this.#resolver.resolve;
	}

	/**
	 * What each agent built (core/agent-built): from the graph already in memory, and
	 * one `git log` for the lines of base's merges, read once per base commit and only
	 * when a merge of an agent's branch is there to count. Left out of the quick first
	 * collect (`conflicts: false`), like the conflicts it also reports.
	 */
	async #withBuilt(agents: AgentRow[], baseSha: string, rows: BranchRow[], now: number, wanted: boolean): Promise<AgentRow[]> {
		if (!wanted) {
			return agents;
		}

		const agentOf = (branch: string): string | null => {
			const owner = ownerOfBranch(branch, this.config);
			return owner.kind === 'agent' ? owner.agent! : null;
		};

		if (this.#baseLine?.sha !== baseSha) {
			const line = this.#graph.firstParentLine(baseSha);
			const anyAgentMerge = line.some(commit => {
				const branch = commit.mergedTip ? mergedBranchName(commit.subject, this.config.remote) : null;
				return branch !== null && agentOf(branch) !== null;
			});
			this.#baseLine = {sha: baseSha, line, lines: anyAgentMerge ? await readMergeLines(this.git, baseSha) : new Map()};
		}

		const built = buildAgentBuilt({
			line: this.#baseLine.line,
			lines: this.#baseLine.lines,
			agentOf,
			now,
			open: rows.filter(row => row.state === 'unmerged'),
			remote: this.config.remote,
		});
		return agents.map(agent => {
			const figures: AgentBuilt | undefined = built.get(agent.agent);
			return figures ? {...agent, built: figures} : agent;
		});
	}

	/** Which branch each agent's claim belongs to, by the rule of core/claim-placement. */
	#placeClaims(facts: readonly BranchFact[], views: ReadonlyMap<string, AgentClaimView>): Map<string, string> {
		const branches = facts.map(fact => ({
			name: fact.branch.name,
			agent: fact.owner.kind === 'agent' ? fact.owner.agent! : null,
			files: (fact.mergeBase && fact.aheadBehind.ahead > 0 ? this.#changedFiles(fact.sha)?.files : undefined) ?? [],
			lastCommitAt: new Date((this.#graph.get(fact.sha)?.time ?? 0) * 1000).toISOString(),
			merged: fact.aheadBehind.ahead === 0,
		}));
		return placeClaims(branches, views);
	}

	#changedFiles(sha: string): ChangedFiles | undefined {
		return this.#diffs.get(sha) ?? this.#pendingNames.get(sha);
	}

	/** Base's first-parent line and merged tips, walked once per base commit. */
	#firstParentHistory(baseSha: string): FirstParentHistory {
		if (this.#baseHistory?.sha !== baseSha) {
			this.#baseHistory = {sha: baseSha, history: this.#graph.firstParentHistory(baseSha)};
		}

		return this.#baseHistory.history;
	}

	/**
	 * Saves what the collects since the last save learned, for the next run. Only
	 * switchyard's own state folder is written: looking never writes to the repository.
	 * A failure is a notice of the next collect.
	 */
	async keepAnswers(): Promise<void> {
		await this.#kept.save();
	}

	/**
	 * The merges that stand reverted on base (core/reverted-merges): base's first-parent
	 * line from the graph (the newest `revertWindow` commits), the messages of its
	 * reverts (read once each), and the revert ledger. Reads only.
	 */
	async #revertedMerges(baseSha: string): Promise<RevertedMerge[]> {
		const line: FirstParentCommit[] = [];
		for (let sha: string | undefined = baseSha; sha && line.length < revertWindow; ) {
			const commit = this.#graph.get(sha);
			if (!commit) {
				break;
			}

			line.push({sha, parents: commit.parents, subject: commit.subject});
			sha = commit.parents[0];
		}

		const unread = line.filter(commit => isRevertSubject(commit.subject) && !this.#revertMessages.has(commit.sha)).map(commit => commit.sha);
		for (const [sha, message] of await readMessages(this.git, unread)) {
			this.#revertMessages.set(sha, message);
		}

		for (const commit of line) {
			const message = this.#revertMessages.get(commit.sha);
			if (message !== undefined) {
				commit.message = message;
			}
		}

		return revertedMerges(line, readLedger(this.state));
	}

	/** Whether the branch holds the reverted merge's commits: its tip is the merged tip or descends from it. */
	#holds(tip: string, name: string, reverted: RevertedMerge): boolean {
		if (tip === reverted.mergedTip) {
			return true;
		}

		if (reverted.branch !== name) {
			return false;
		}

		const marks = this.#graph.ancestorsOf(tip);
		return this.#graph.aheadBehind(reverted.mergedTip, marks, CommitGraph.count(marks)).ahead === 0;
	}

	/** The working-tree coordination files the last collect read (what a watcher should watch). */
	get worktreeCoordinationFiles(): string[] {
		return this.#worktreeFiles;
	}

	#branchRefs(refs: RefSnapshot, base: BaseBranch): BranchRefs[] {
		const remote = refs.remotes.get(this.config.remote) ?? new Map<string, string>();
		const names = new Set([...refs.local.keys(), ...remote.keys()]);
		names.delete(base.name);
		return [...names].map(name => ({name, localSha: refs.local.get(name), remoteSha: remote.get(name)}));
	}

	/** Walks only commits the graph does not have yet: everything behind a known tip is known. */
	async #extendGraph(tips: string[]): Promise<void> {
		const unknown = [...new Set(tips)].filter(sha => !this.#graph.has(sha));
		if (unknown.length === 0) {
			return;
		}

		const known = [...new Set(tips)].filter(sha => this.#graph.has(sha));
		this.#graph.add(await readCommits(this.git, unknown, known));
		this.#baseMarks = undefined;
	}

	#baseAncestry(sha: string) {
		if (this.#baseMarks?.sha !== sha) {
			const marks = this.#graph.ancestorsOf(sha);
			this.#baseMarks = {sha, marks, count: CommitGraph.count(marks), lineCounts: this.#graph.lineAncestorCounts(sha)};
		}

		return this.#baseMarks;
	}

	/**
	 * Each branch's diff facts, kept or read. `names` settles once every branch's changed
	 * files are known (what merge predictions and claims need), `done` once the added
	 * lines are read too; `done` carries any failure.
	 */
	#loadDiffs(pairs: Array<{tip: string; mergeBase: string}>, isCoordination: (file: string) => boolean): {names: Promise<void>; done: Promise<void>; read: number} {
		const missing: Array<{tip: string; mergeBase: string}> = [];
		this.#addedFiles = 0;
		for (const pair of dedupeBy(pairs.filter(pair => !this.#diffs.has(pair.tip)), pair => pair.tip)) {
			const kept = this.#kept.diff(pair.tip, pair.mergeBase);
			if (kept) {
				this.#diffs.set(pair.tip, kept);
			} else {
				missing.push(pair);
			}
		}

		let namesKnown!: () => void;
		const names = new Promise<void>(resolve => {
			namesKnown = resolve;
		});
		const done = this.#readDiffs(missing, isCoordination, pairs, namesKnown);
		// Settles `names` when nothing was read or reading failed first; the failure is `done`'s.
		done.then(namesKnown, namesKnown);
		return {names, done, read: missing.length};
	}

	async #readDiffs(missing: Array<{tip: string; mergeBase: string}>, isCoordination: (file: string) => boolean, pairs: Array<{tip: string; mergeBase: string}>, namesKnown: () => void): Promise<void> {
		let diffs: Map<string, BranchDiff>;
		// Found once per branch, when its names are in (readBranchDiffs names every branch before it ends).
		const blobsOf = new Map<string, Record<string, string> | undefined>();
		try {
			diffs = await readBranchDiffs(this.git, missing, {onNames: (named, addedFiles) => {
				this.#addedFiles = addedFiles;
				for (const [tip, diff] of named) {
					blobsOf.set(tip, coordinationBlobs(diff, isCoordination));
					this.#pendingNames.set(tip, {files: diff.files, coordinationBlobs: blobsOf.get(tip)});
				}

				namesKnown();
			}});
		} finally {
			for (const pair of missing) {
				this.#pendingNames.delete(pair.tip);
			}
		}

		const mergeBaseOf = new Map(missing.map(pair => [pair.tip, pair.mergeBase]));
		for (const [tip, diff] of diffs) {
			// Added lines were scanned as they streamed; only the findings are kept.
			const changes: BranchChanges = {
				files: diff.files,
				binaries: diff.binaries,
				lineIssues: diff.lineIssues,
				scope: diff.scope,
				// Coordination files are edited by every agent in the same shape: not duplicated code.
				blocks: diff.blocks.without(isCoordination),
				coordinationBlobs: blobsOf.get(tip),
			};
			this.#diffs.set(tip, changes);
			this.#kept.setDiff(tip, mergeBaseOf.get(tip)!, changes);
		}

		// Binary files are rare; their sizes cost one more process only when some appeared.
		const binaries = pairs.flatMap(pair => (this.#diffs.get(pair.tip)?.binaries ?? []).map(binary => binary.blob));
		const unsized = [...new Set(binaries)].filter(blob => /^[0-9a-f]{40,64}$/.test(blob) && !this.#blobSizes.has(blob));
		for (const [blob, size] of await readObjectSizes(this.git, unsized)) {
			this.#blobSizes.set(blob, size);
		}
	}

	async #loadBaseChanges(baseSha: string, mergeBases: string[]): Promise<void> {
		const missing: string[] = [];
		for (const mergeBase of mergeBases.filter(mergeBase => !this.#baseChanges.has(`${baseSha} ${mergeBase}`))) {
			const kept = this.#kept.baseChanges(baseSha, mergeBase);
			if (kept) {
				this.#baseChanges.set(`${baseSha} ${mergeBase}`, new Set(kept));
			} else {
				missing.push(mergeBase);
			}
		}

		const changed = await readChangedFiles(this.git, missing.map(mergeBase => ({from: mergeBase, to: baseSha})));
		for (const mergeBase of missing) {
			const files = changed.get(mergeBase) ?? [];
			this.#baseChanges.set(`${baseSha} ${mergeBase}`, new Set(files));
			this.#kept.setBaseChanges(baseSha, mergeBase, files);
		}
	}

	async #loadBasePaths(baseSha: string): Promise<void> {
		if (!this.#basePaths.has(baseSha)) {
			const all = await listTreePaths(this.git, baseSha);
			this.#basePaths.clear();
			this.#basePaths.set(baseSha, all.filter(coordinationPathTest(this.config.coordinationFiles)));
		}
	}

	/** Base first, so that when a branch carries base's exact copy, base is named as its source. */
	#claimSources(base: BaseBranch, branches: Array<{name: string; sha: string; owner: string}>, isCoordination: (file: string) => boolean): ClaimSourceFile[] {
		const basePaths = this.#basePaths.get(base.sha) ?? [];
		const sources: ClaimSourceFile[] = basePaths.map(file => ({path: file, ref: base.name, commit: base.sha}));
		for (const branch of branches) {
			if (branch.owner !== 'agent' && branch.owner !== 'shared') {
				continue;
			}

			const changes = this.#changedFiles(branch.sha);
			for (const file of changes?.files ?? []) {
				if (isCoordination(file)) {
					const blob = changes!.coordinationBlobs === undefined ? {} : {blob: changes!.coordinationBlobs[file] ?? null};
					sources.push({path: file, ref: branch.name, commit: branch.sha, ...blob});
				}
			}
		}

		// Base's files, the root names, and any changed or untracked file that matches:
		// a coordination file may exist only in the working tree, not yet committed.
		const worktreeChanged = (this.#worktree?.changedPaths ?? []).filter(isCoordination);
		// A configured plain path is read even when .gitignore hides it from status.
		const configuredPaths = this.config.coordinationFiles.filter(pattern => !/[*?[]/.test(pattern)).map(pattern => pattern.replace(/^\.\//, ''));
		const worktreePaths = new Set([...basePaths, ...rootCoordinationFiles, ...configuredPaths, ...worktreeChanged]);
		this.#worktreeFiles = [...worktreePaths];
		for (const file of worktreePaths) {
			sources.push({path: file, ref: 'worktree'});
		}

		return sources;
	}

	/**
	 * Runs `predict` with the uncommitted work of each unmerged branch checked out in a
	 * linked worktree as a commit, when `includeUncommitted` is on: the commits live in a
	 * scratch folder for as long as the prediction runs (merge-tree borrows it as an
	 * alternate). `included` names the branches whose work was included; null when off.
	 */
	async #predictWithUncommitted(
		unmerged: readonly BranchFact[],
		linked: ReadonlyMap<string, BranchWorktree>,
		predict: (uncommitted: ReadonlyMap<string, UncommittedCommit>, alternates: string[]) => Promise<Map<string, ConflictFacts>>,
		notices: string[],
	): Promise<{conflicts: Map<string, ConflictFacts>; included: Set<string> | null}> {
		if (!this.includeUncommitted) {
			return {conflicts: await predict(new Map(), []), included: null};
		}

		const dirty = unmerged.filter(fact => fact.branch.localSha === fact.sha && (linked.get(fact.branch.name)?.dirtyFiles ?? 0) > 0);

		return withScratchObjects(this.location.commonDir, async env => {
			const uncommitted = new Map<string, UncommittedCommit>();
			await Promise.all(dirty.map(async fact => {
				const worktree = linked.get(fact.branch.name)!;
				try {
					const work = await commitUncommittedWork(this.git, worktree.path, fact.sha, env);
					if (work) {
						uncommitted.set(fact.branch.name, work);
					}
				} catch (error) {
					notices.push(`the uncommitted work of ${fact.branch.name} in ${worktree.path} was left out of conflict prediction: ${(error as Error).message}`);
				}
			}));
			const conflicts = await predict(uncommitted, uncommitted.size > 0 ? [env['GIT_OBJECT_DIRECTORY']!] : []);
			return {conflicts, included: new Set(uncommitted.keys())};
		});
	}

	async #predictConflicts(
		baseSha: string,
		branches: Array<{name: string; sha: string; mergeBase: string; agent: string | null; uncommitted?: UncommittedCommit}>,
		isCoordination: (file: string) => boolean,
		notices: string[],
		resolveAgent: AgentResolver,
		alternates: string[],
		/**
		 * One branch moved (its diff the only one read): its merges go to one merge-tree,
		 * so a refresh after one commit stays within docs/design.md §9's five processes.
		 */
		oneBranchMoved: boolean,
	): Promise<Map<string, ConflictFacts>> {
		const result = new Map<string, ConflictFacts>();
		if (!atLeast(this.#version ?? [0, 0], 2, 38)) {
			notices.push(`conflict prediction needs git 2.38 or later (this is git ${(this.#version ?? [0, 0]).join('.')})`);
			return result;
		}

		const inputs = branches.map(branch => ({
			name: branch.name,
			// With its uncommitted work: that commit, and the files it changes on top of the tip's.
			sha: branch.uncommitted?.commit ?? branch.sha,
			files: branch.uncommitted
				? [...new Set([...this.#changedFiles(branch.sha)?.files ?? [], ...branch.uncommitted.files])]
				: this.#changedFiles(branch.sha)?.files ?? [],
			baseChanged: this.#baseChanges.get(`${baseSha} ${branch.mergeBase}`) ?? new Set<string>(),
		}));
		const candidates = findConflictCandidates(inputs, {coordinationForPairs: isCoordination});
		const allPairs = [...candidates.pairs, ...candidates.coordinationPairs];
		if (candidates.pairsSkipped > 0) {
			notices.push(`${candidates.pairsSkipped} overlapping branch pairs were not checked for conflicts (limit reached)`);
		}

		// A merge costs about what both sides changed since their merge base: a guess that spreads the work.
		const questions: MergeQuestion[] = [
			...candidates.withBase.map(branch => ({ours: baseSha, theirs: branch.sha, weight: branch.baseChanged.size + branch.files.length})),
			...allPairs.map(([a, b]) => ({ours: a.sha, theirs: b.sha, weight: Math.abs(a.baseChanged.size - b.baseChanged.size) + a.files.length + b.files.length})),
		];
		const unknown: MergeQuestion[] = [];
		for (const question of questions) {
			if (!this.#merges.get(question)) {
				const kept = this.#kept.merge(MergeCache.key(question));
				if (kept) {
					this.#merges.set(question, kept);
				} else {
					unknown.push(question);
				}
			}
		}

		const {answers, asked} = await predictMerges(this.git, this.location.commonDir, questions, this.#merges, {alternates, ...(oneBranchMoved ? {processes: 1} : {addedFiles: this.#addedFiles})});
		for (const question of unknown) {
			this.#kept.setMerge(MergeCache.key(question), this.#merges.get(question)!);
		}

		this.stats.mergesAsked = asked;
		this.stats.candidatePairs = allPairs.length;
		this.stats.candidatesWithBase = candidates.withBase.length;
		this.stats.pairsSkipped = candidates.pairsSkipped;

		// By branch name, not commit: two branches at one commit each have their own list, so
		// a third branch conflicting with both is listed once in each, not twice in both.
		const entry = (name: string) => {
			let value = result.get(name);
			if (!value) {
				// Not a candidate with base: base did not touch its files, so it merges cleanly.
				value = {mergesCleanly: true, withBase: [], withBranches: []};
				result.set(name, value);
			}

			return value;
		};

		for (const branch of inputs) {
			entry(branch.name);
		}

		for (const [index, branch] of candidates.withBase.entries()) {
			const answer = answers[index]!;
			entry(branch.name).mergesCleanly = answer.clean;
			entry(branch.name).withBase = answer.conflictedFiles;
		}

		const conflicted = allPairs.flatMap(([a, b], index) => {
			const answer = answers[candidates.withBase.length + index]!;
			return answer.clean ? [] : [{a, b, files: answer.conflictedFiles}];
		});
		// Uncommitted work's commits live in a scratch folder the blob reader does not borrow:
		// a conflict there is reported as it is, without the section-by-section verdict.
		const withUncommitted = new Set(branches.filter(branch => branch.uncommitted).map(branch => branch.name));
		const coordinationOnly = await this.#coordinationVerdicts(conflicted.filter(pair => pair.files.every(isCoordination) && !withUncommitted.has(pair.a.name) && !withUncommitted.has(pair.b.name)), branches, resolveAgent);
		for (const {a, b, files} of conflicted) {
			const verdict = coordinationOnly.get(MergeCache.key({ours: a.sha, theirs: b.sha}));
			const extra = verdict ? {coordinationOnly: verdict} : {};
			entry(a.name).withBranches.push({branch: b.name, files, ...extra});
			entry(b.name).withBranches.push({branch: a.name, files, ...extra});
		}

		return result;
	}

	/**
	 * For pairs that conflict only in coordination files: whether each side changed only its
	 * own agent's section (docs/design.md §6.1 step 3), from the three versions of each file.
	 * Kept by the pair of commit ids, like the merge answers.
	 */
	async #coordinationVerdicts(
		pairs: Array<{a: {name: string; sha: string}; b: {name: string; sha: string}; files: string[]}>,
		branches: ReadonlyArray<{name: string; agent: string | null}>,
		resolveAgent: AgentResolver,
	): Promise<Map<string, {sectionMergeable: boolean; reason: string}>> {
		const verdicts = new Map<string, {sectionMergeable: boolean; reason: string}>();
		const missing = pairs.filter(pair => {
			const key = MergeCache.key({ours: pair.a.sha, theirs: pair.b.sha});
			const known = this.#coordinationVerdictCache.get(key);
			if (known) {
				verdicts.set(key, known);
			}

			return !known;
		});
		if (missing.length === 0) {
			return verdicts;
		}

		const agentOf = new Map(branches.map(branch => [branch.name, branch.agent]));
		const versions = await readCoordinationVersions(this.git, missing.map(pair => ({ours: pair.a.sha, theirs: pair.b.sha, files: pair.files})));
		for (const [index, pair] of missing.entries()) {
			const {sectionMergeable, reason} = mergeCoordinationConflict(versions[index]!, {label: pair.a.name, agent: agentOf.get(pair.a.name) ?? null}, {label: pair.b.name, agent: agentOf.get(pair.b.name) ?? null}, resolveAgent);
			const verdict = {sectionMergeable, reason};
			const key = MergeCache.key({ours: pair.a.sha, theirs: pair.b.sha});
			this.#coordinationVerdictCache.set(key, verdict);
			verdicts.set(key, verdict);
		}

		return verdicts;
	}

	#remoteDiff(localSha: string, remoteSha: string): {localAhead: number; remoteAhead: number} {
		const remoteMarks = this.#graph.ancestorsOf(remoteSha);
		const local = this.#graph.aheadBehind(localSha, remoteMarks, CommitGraph.count(remoteMarks));
		return {localAhead: local.ahead, remoteAhead: local.behind};
	}
}

/** Files that agents hold by an active or idle claim: file → agent. */
function heldFiles(views: ReadonlyMap<string, AgentClaimView>): Map<string, string> {
	const held = new Map<string, string>();
	for (const [agent, view] of views) {
		if (isHeld(view)) {
			for (const file of view.files) {
				held.set(file, agent);
			}
		}
	}

	return held;
}

/** The tip's blob of each changed coordination file, from the raw diff; deleted ones are left out. */
function coordinationBlobs(diff: {files: string[]; newBlobs?: string[]}, isCoordination: (file: string) => boolean): Record<string, string> | undefined {
	if (!diff.newBlobs) {
		return undefined;
	}

	const blobs: Record<string, string> = {};
	for (let index = 0; index < diff.files.length; index++) {
		const file = diff.files[index]!;
		const blob = diff.newBlobs[index];
		if (blob && isCoordination(file) && !/^0+$/.test(blob)) {
			blobs[file] = blob;
		}
	}

	return blobs;
}

function dedupeBy<T>(items: T[], key: (item: T) => string): T[] {
	const seen = new Map<string, T>();
	for (const item of items) {
		seen.set(key(item), item);
	}

	return [...seen.values()];
}
