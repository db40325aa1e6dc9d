/**
 * Reverts made by flows in their own worktree (DESIGN §6.3 step 3): `git revert
 * --no-edit`, with `-m 1` for a merge (keep the first parent's side, undo what the
 * merge brought); on conflict the conflicted files. A conflict is an answer, not an
 * error.
 */
import {existsSync} from 'node:fs';
import {revertedCommitIn} from '../core/merge-messages.js';
import {GitCommandError, type GitRunner} from './git-runner.js';
import {conflictedFiles, worktreeHead} from './merges.js';

export type RevertResult = {clean: true; head: string} | {clean: false; conflictedFiles: string[]};

/** Whether a revert is stopped in the worktree (its REVERT_HEAD file exists). */
export async function revertInProgress(git: GitRunner): Promise<boolean> {
	const file = (await git.run(['rev-parse', '--path-format=absolute', '--git-path', 'REVERT_HEAD'])).trim();
	return existsSync(file);
}

/** `git revert --no-edit [-m 1] <commit>` on the worktree's HEAD. */
export async function revertCommit(git: GitRunner, commit: string, mainline?: 1): Promise<RevertResult> {
	const before = await worktreeHead(git);
	try {
		await git.run(['revert', '--no-edit', ...(mainline ? ['-m', String(mainline)] : []), '--end-of-options', commit], {writes: true});
	} catch (error) {
		if (!(error instanceof GitCommandError) || !(await revertInProgress(git))) {
			throw error;
		}
	}

	if (await revertInProgress(git)) {
		return {clean: false, conflictedFiles: await conflictedFiles(git)};
	}

	const head = await worktreeHead(git);
	if (head === before) {
		throw new Error(`git revert of ${commit.slice(0, 12)} made no commit`);
	}

	return {clean: true, head};
}

/** `git revert --abort`; nothing to abort is fine. */
export async function abortRevert(git: GitRunner): Promise<void> {
	if (await revertInProgress(git)) {
		await git.run(['revert', '--abort'], {writes: true});
	}
}

/** For a commit that is a revert: its first parent and the commit it reverts. */
export async function revertOf(git: GitRunner, commit: string): Promise<{parent: string; reverts: string} | undefined> {
	const [parents = '', ...message] = (await git.run(['log', '-1', '--format=%P%n%B', '--end-of-options', commit])).split('\n');
	const reverts = revertedCommitIn(message.join('\n'));
	const parent = parents.split(' ')[0];
	return reverts && parent ? {parent, reverts} : undefined;
}
