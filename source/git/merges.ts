/**
 * Merges made by flows in their own worktree (DESIGN §6.1 step 3): `--no-ff`, a
 * message naming the branch and its agent, and on conflict the conflicted files.
 */
import {existsSync} from 'node:fs';
import {GitCommandError, type GitRunner} from './git-runner.js';

export type MergeResult = {clean: true; head: string} | {clean: false; conflictedFiles: string[]};

/** The commit checked out in the worktree `git` runs in. */
export async function worktreeHead(git: GitRunner): Promise<string> {
	return (await git.run(['rev-parse', 'HEAD'])).trim();
}

/** Whether a merge is stopped in the worktree (its MERGE_HEAD file exists). */
export async function mergeInProgress(git: GitRunner): Promise<boolean> {
	// A file test: it costs no process beyond finding the path, in a linked worktree too.
	const file = (await git.run(['rev-parse', '--path-format=absolute', '--git-path', 'MERGE_HEAD'])).trim();
	return existsSync(file);
}

/** `git merge --no-ff` of `commit` into the worktree's HEAD; a conflict is an answer, not an error. */
export async function mergeNoFf(git: GitRunner, commit: string, message: string): Promise<MergeResult> {
	const before = await worktreeHead(git);
	try {
		await git.run(['merge', '--no-ff', '--no-edit', '-m', message, '--end-of-options', commit], {writes: true});
	} catch (error) {
		if (!(error instanceof GitCommandError) || !(await mergeInProgress(git))) {
			throw error;
		}
	}

	// MERGE_HEAD is the answer whatever git printed: a stopped merge is a conflict.
	if (await mergeInProgress(git)) {
		return {clean: false, conflictedFiles: await conflictedFiles(git)};
	}

	const head = await worktreeHead(git);
	if (head === before) {
		throw new Error(`git merge of ${commit.slice(0, 12)} made no commit`);
	}

	return {clean: true, head};
}

/** Paths left unmerged in the worktree's index. */
export async function conflictedFiles(git: GitRunner): Promise<string[]> {
	const output = await git.run(['diff', '--name-only', '--diff-filter=U', '-z']);
	return [...new Set(output.split('\0').filter(Boolean))];
}

/** `git merge --abort`; nothing to abort is fine. */
export async function abortMerge(git: GitRunner): Promise<void> {
	if (await mergeInProgress(git)) {
		await git.run(['merge', '--abort'], {writes: true});
	}
}

/** Puts the worktree on `commit`, detached, discarding whatever it had (a flow's own worktree only). */
export async function checkoutDetached(git: GitRunner, commit: string): Promise<void> {
	// No --end-of-options: checkout takes it for a path before git 2.43. `commit` is a full id, never an option.
	if (!/^[0-9a-f]{40,64}$/.test(commit)) {
		throw new Error(`checkoutDetached needs a commit id, not "${commit}"`);
	}

	await git.run(['checkout', '--quiet', '--force', '--detach', commit], {writes: true});
}

/** `git push <remote> <ref>:<ref>`, never with force. */
export async function pushRef(git: GitRunner, remote: string, ref: string): Promise<void> {
	await git.run(['push', '--quiet', '--end-of-options', remote, `${ref}:${ref}`], {writes: true});
}
