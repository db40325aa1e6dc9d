/**
 * An agent's uncommitted work as a commit, for conflict prediction only (issue 17,
 * "include uncommitted"): what `git stash create` would record, made without touching
 * anything of the repository's. The worktree's index is copied to a temporary file
 * (`GIT_INDEX_FILE`), so git only re-reads the files whose stat changed and the agent's
 * own index is never written; `add -A`, `write-tree` and `commit-tree` put their objects
 * in the caller's scratch folder (`GIT_OBJECT_DIRECTORY`, the repository's objects as
 * alternates), never in the repository's object database; no ref is written.
 */
import {copyFileSync, mkdtempSync, rmSync} from 'node:fs';
import path from 'node:path';
import type {GitRunner} from './git-runner.js';
import {scratchParent} from './predict-merges.js';

export interface UncommittedCommit {
	/** The commit: the tip as parent, the worktree's files (tracked and untracked, ignored ones left out) as tree. */
	commit: string;
	/** Paths whose content differs from the tip's (added, changed or deleted). */
	files: string[];
}

// Fixed, so the same uncommitted files give the same commit id on every refresh and the
// merge answers kept by commit ids are found again.
const identity = {
	GIT_AUTHOR_NAME: 'switchyard', GIT_AUTHOR_EMAIL: 'switchyard@localhost', GIT_AUTHOR_DATE: '@0 +0000',
	GIT_COMMITTER_NAME: 'switchyard', GIT_COMMITTER_EMAIL: 'switchyard@localhost', GIT_COMMITTER_DATE: '@0 +0000',
};

/**
 * The worktree at `folder` (on `tip`) with its uncommitted work committed into the
 * scratch objects of `scratchEnv` (from `withScratchObjects`); null when nothing there
 * differs from the tip. Throws a `GitCommandError` when git cannot read the worktree.
 */
export async function commitUncommittedWork(git: GitRunner, folder: string, tip: string, scratchEnv: Record<string, string>): Promise<UncommittedCommit | null> {
	const at = git.at(folder);
	const indexFolder = mkdtempSync(path.join(scratchParent(), 'switchyard-index-'));
	const env = {...scratchEnv, GIT_INDEX_FILE: path.join(indexFolder, 'index')};
	try {
		await startIndex(at, folder, tip, env);
		await at.run(['add', '--all'], {env});
		const files = (await at.run(['diff-index', '--cached', '--name-only', '-z', '--no-renames', tip], {env})).split('\0').filter(Boolean);
		if (files.length === 0) {
			return null;
		}

		const tree = (await at.run(['write-tree'], {env})).trim();
		const commit = (await at.run(['commit-tree', tree, '-p', tip, '-m', 'switchyard: uncommitted work (for conflict prediction only)'], {env: {...env, ...identity}})).trim();
		return {commit, files};
	} finally {
		rmSync(indexFolder, {recursive: true, force: true});
	}
}

/**
 * A copy of the worktree's own index (its stat data spares re-reading unchanged files);
 * when it cannot be copied (none yet, or a split index whose shared part stays behind),
 * the tip's tree read into a fresh one.
 */
async function startIndex(git: GitRunner, folder: string, tip: string, env: Record<string, string>): Promise<void> {
	try {
		const own = path.resolve(folder, (await git.run(['rev-parse', '--git-path', 'index'])).trim());
		copyFileSync(own, env['GIT_INDEX_FILE']!);
		// A split index names a shared file next to the original: reading it proves the copy usable.
		await git.run(['ls-files', '--cached', '--', 'switchyard-probe-no-such-path'], {env});
	} catch {
		rmSync(env['GIT_INDEX_FILE']!, {force: true});
		await git.run(['read-tree', tip], {env});
	}
}
