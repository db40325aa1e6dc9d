/**
 * Performing effects through `git/` (and the verifier, through the context). Each
 * performer can be run again after a crash in the middle of it: it checks what is
 * already done, or carries the expected old value (compare-and-swap).
 */
import {existsSync} from 'node:fs';
import type {GitRunner} from '../../git/git-runner.js';
import {abortMerge, checkoutDetached, mergeInProgress, mergeNoFf, pushRef, worktreeHead, conflictedFiles} from '../../git/merges.js';
import {abortRevert, revertCommit, revertInProgress, revertOf} from '../../git/reverts.js';
import {backupRefName, deleteRefCas, FilesInTheWayError, moveRef, readRef, RefMovedError, updateRefCas, zeroId} from '../../git/update-ref.js';
import {addWorktree, listWorktrees, removeWorktree} from '../../git/worktrees.js';
import type {StateStore} from '../../store/state-store.js';
import {makeAgentResolver, type AgentSettings} from '../../core/agents.js';
import {concludeResolution} from '../../git/conclude-resolution.js';
import {mergeCoordinationBySection} from '../../git/coordination-conflicts.js';
import {FlowError} from './errors.js';
import type {Effect, Outcome} from './types.js';

/** What a verification gave, as the engine journals it. */
export interface VerifyAnswer {
	passed: boolean;
	tree: string;
	/** One line per command: name, exit code, time, and whether it came from the cache. */
	summary: string[];
	/** The last lines of output of the command that failed. */
	tail?: string[];
	/** The person stopped the run: it says nothing about the tree. */
	cancelled?: boolean;
}

/** What the runner tells an observer (the dashboard) around each effect. */
export interface FlowProgress {
	/** `start`: about to be performed; `done`: performed, and the machine has taken the outcome. */
	phase: 'start' | 'done';
	step: number;
	effect: Effect;
	outcome?: Outcome;
	/** The machine's state: as it asked for the effect (`start`), or after the outcome (`done`). */
	state: unknown;
}

export interface FlowContext {
	/** Runs at the repository's top folder; every git command of the flow goes through its log. */
	git: GitRunner;
	store: StateStore;
	/** Answers an `ask` effect, or throws (no terminal and no `--yes`). */
	answer(question: string): Promise<boolean>;
	/** A `hold`: resolves when the person closes the flow (absent: at once). */
	hold?(folder: string, question: string): Promise<void>;
	/** The config's agents and aliases: which agent a coordination file's section heading names. */
	agents?: AgentSettings;
	/** Answers an `ask` effect with choices: one of them; or throws (no one to ask: `--yes` does not choose). */
	choose?(question: string, choices: readonly string[]): Promise<string>;
	/** Runs the verification commands in `folder`, where `commit` is checked out. */
	verify(request: {folder: string; commit: string; commands: string[]}): Promise<VerifyAnswer>;
	/** Progress for the user, one line at a time. */
	say(line: string): void;
	/** Where SWITCHYARD_FAILPOINT is read; process.env by default. */
	env?: NodeJS.ProcessEnv;
	/** Called before and after each effect, for a live view of the flow; it must not throw. */
	observe?(progress: FlowProgress): void;
}

export async function perform(effect: Effect, flowId: string, context: FlowContext): Promise<Outcome> {
	const {git} = context;
	const there = (folder: string) => git.at(folder);
	switch (effect.type) {
		case 'add-worktree': {
			const entry = (await listWorktrees(git)).find(worktree => worktree.path === effect.folder);
			const branchRef = effect.branch ? `refs/heads/${effect.branch}` : undefined;
			if (entry && entry.head === effect.commit && (branchRef === undefined || entry.branch === branchRef)) {
				return {ok: true};
			}

			// Half made by an interrupted run: start it again from nothing.
			if (entry || existsSync(effect.folder)) {
				await removeWorktree(git, effect.folder);
			}

			if (branchRef) {
				const stale = await readRef(git, branchRef);
				if (stale) {
					await deleteRefCas(git, branchRef, stale);
				}
			}

			await addWorktree(git, effect.folder, effect.commit, effect.branch === undefined ? {} : {branch: effect.branch});
			return {ok: true};
		}

		case 'merge': {
			const worktree = there(effect.folder);
			let result: Awaited<ReturnType<typeof mergeNoFf>>;
			if (await mergeInProgress(worktree)) {
				result = {clean: false, conflictedFiles: await conflictedFiles(worktree)};
			} else {
				const head = await worktreeHead(worktree);
				if (head !== effect.expectHead) {
					// Done before the crash: HEAD is the merge of `commit` onto the expected head.
					const parents = (await worktree.run(['rev-list', '--parents', '-n', '1', 'HEAD'])).trim().split(' ').slice(1);
					if (parents[0] === effect.expectHead && parents[1] === effect.commit) {
						return {ok: true, head};
					}

					return {ok: false, message: `the worktree ${effect.folder} is at ${head.slice(0, 12)}, not where the flow left it`};
				}

				result = await mergeNoFf(worktree, effect.commit, effect.message);
			}

			if (result.clean) {
				return {ok: true, head: result.head};
			}

			if (effect.bySection && result.conflictedFiles.length === 0) {
				// Redone after the section merge staged every file but before its commit.
				const done = await concludeResolution(worktree, []);
				return done.committed ? {ok: true, head: done.head} : {ok: false, files: done.unresolved, message: 'conflict'};
			}

			if (effect.bySection) {
				const sides = effect.bySection;
				const resolved = await mergeCoordinationBySection(worktree, {
					theirs: effect.commit,
					files: result.conflictedFiles,
					ours: {agent: null, agents: sides.ours, label: 'the integration branch'},
					theirsSide: {agent: sides.theirs, label: 'the merged branch'},
					resolve: makeAgentResolver(context.agents, [...sides.ours, ...(sides.theirs ? [sides.theirs] : [])]),
				});
				if (resolved.merged) {
					return {ok: true, head: resolved.head, sectionMerged: resolved.files};
				}
			}

			return {ok: false, files: result.conflictedFiles, message: 'conflict'};
		}

		case 'revert': {
			const worktree = there(effect.folder);
			if (await revertInProgress(worktree)) {
				return {ok: false, files: await conflictedFiles(worktree), message: 'conflict'};
			}

			const head = await worktreeHead(worktree);
			if (head !== effect.expectHead) {
				// Done before the crash: HEAD reverts `commit` on the expected head.
				const done = await revertOf(worktree, head);
				if (done?.parent === effect.expectHead && done.reverts === effect.commit) {
					return {ok: true, head};
				}

				// The flow's own worktree, left elsewhere by a verification: put it back.
				await checkoutDetached(worktree, effect.expectHead);
			}

			const result = await revertCommit(worktree, effect.commit, effect.mainline);
			return result.clean ? {ok: true, head: result.head} : {ok: false, files: result.conflictedFiles, message: 'conflict'};
		}

		case 'abort-revert': {
			await abortRevert(there(effect.folder));
			return {ok: true};
		}

		case 'abort-merge': {
			await abortMerge(there(effect.folder));
			return {ok: true};
		}

		case 'verify': {
			const worktree = there(effect.folder);
			if ((await worktreeHead(worktree)) !== effect.commit) {
				await checkoutDetached(worktree, effect.commit);
			}

			const answer = await context.verify({folder: effect.folder, commit: effect.commit, commands: effect.commands});
			return {ok: answer.passed, tree: answer.tree, summary: answer.summary, ...(answer.tail?.length ? {tail: answer.tail} : {}), ...(answer.cancelled ? {cancelled: true} : {})};
		}

		case 'backup-ref': {
			const backup = backupRefName(flowId, effect.ref);
			const existing = await readRef(git, backup);
			if (existing !== effect.value) {
				await updateRefCas(git, backup, effect.value, existing ?? zeroId);
			}

			return {ok: true};
		}

		case 'update-ref': {
			try {
				await moveRef(git, effect.ref, effect.new, effect.old);
				return {ok: true};
			} catch (error) {
				if (error instanceof RefMovedError) {
					return {ok: false, moved: true, message: error.message};
				}

				if (error instanceof FilesInTheWayError) {
					return {ok: false, files: error.files, message: error.message};
				}

				throw error;
			}
		}

		case 'push': {
			await pushRef(git, effect.remote, effect.ref);
			return {ok: true};
		}

		case 'remove-worktree': {
			if (existsSync(effect.folder) || (await listWorktrees(git)).some(worktree => worktree.path === effect.folder)) {
				await removeWorktree(git, effect.folder);
			}

			return {ok: true};
		}

		case 'delete-branch': {
			const ref = `refs/heads/${effect.branch}`;
			const value = await readRef(git, ref);
			if (value) {
				await deleteRefCas(git, ref, value);
			}

			return {ok: true};
		}

		case 'conclude': {
			return conclude(effect, there(effect.folder));
		}

		case 'hold': {
			const worktree = there(effect.folder);
			if (context.hold && (await worktreeHead(worktree)) !== effect.commit) {
				// A bisection probe may have left it elsewhere: the person inspects the whole red integration.
				await checkoutDetached(worktree, effect.commit);
			}

			await context.hold?.(effect.folder, effect.question);
			return {ok: true};
		}

		case 'ask': {
			if (effect.choices) {
				if (!context.choose) {
					throw new FlowError(`the flow needs a choice (${effect.choices.join(', ')}) and there is no one to ask: run it in a terminal`);
				}

				const choice = await context.choose(effect.question, effect.choices);
				if (!effect.choices.includes(choice)) {
					throw new FlowError(`"${choice}" is none of ${effect.choices.join(', ')}`);
				}

				return {ok: true, choice};
			}

			return {ok: true, answer: await context.answer(effect.question)};
		}
	}
}

/** `conclude`: done before a crash (HEAD already the merge or revert of `commit` on `expectHead`), else checked and committed. */
async function conclude(effect: Extract<Effect, {type: 'conclude'}>, worktree: GitRunner): Promise<Outcome> {
	const inProgress = effect.operation === 'merge' ? await mergeInProgress(worktree) : await revertInProgress(worktree);
	if (!inProgress) {
		const head = await worktreeHead(worktree);
		if (effect.operation === 'merge') {
			const parents = (await worktree.run(['rev-list', '--parents', '-n', '1', 'HEAD'])).trim().split(' ').slice(1);
			if (parents[0] === effect.expectHead && parents[1] === effect.commit) {
				return {ok: true, head};
			}
		} else {
			const done = await revertOf(worktree, head);
			if (done?.parent === effect.expectHead && done.reverts === effect.commit) {
				return {ok: true, head};
			}
		}

		return {ok: false, files: [], message: `no ${effect.operation} is stopped in ${effect.folder} (was it aborted by hand?)`};
	}

	const result = await concludeResolution(worktree, effect.files);
	return result.committed ? {ok: true, head: result.head} : {ok: false, files: result.unresolved, message: 'unresolved'};
}
