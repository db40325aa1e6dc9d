/**
 * Ending a merge or a revert that a person resolved by hand in a flow's own worktree
 * (DESIGN §6.1 step 3, "resolve by hand in the worktree and continue"): every file
 * that conflicted must be free of conflict markers and no path may be left unmerged;
 * then `git commit --no-edit` makes the commit git prepared (the merge's or the
 * revert's message). A file still unresolved is an answer, not an error.
 */
import {createReadStream, existsSync} from 'node:fs';
import path from 'node:path';
import {createInterface} from 'node:readline';
import type {GitRunner} from './git-runner.js';
import {conflictedFiles, worktreeHead} from './merges.js';

export type Resolution = {committed: true; head: string} | {committed: false; unresolved: string[]};

/**
 * Git's own markers at the start of a line (`=======` alone is left out: Markdown
 * writes it under a heading). Read line by line: a conflicted file may be large.
 */
export async function hasConflictMarkers(file: string): Promise<boolean> {
	const lines = createInterface({input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY});
	try {
		for await (const line of lines) {
			if (/^(<{7}|>{7}|\|{7})( |$)/.test(line)) {
				return true;
			}
		}

		return false;
	} finally {
		lines.close();
	}
}

/**
 * In the worktree `git` runs in: `files` are the paths that conflicted. Those now free
 * of markers and still unmerged are staged (`git add -A`, a deletion too); when any
 * keeps markers or stays unmerged, nothing is committed and they are named.
 */
export async function concludeResolution(git: GitRunner, files: readonly string[]): Promise<Resolution> {
	const marked: string[] = [];
	for (const file of files) {
		const full = path.join(git.cwd, file);
		if (existsSync(full) && (await hasConflictMarkers(full))) {
			marked.push(file);
		}
	}

	const unmerged = await conflictedFiles(git);
	const ready = unmerged.filter(file => !marked.includes(file));
	if (ready.length > 0) {
		// Names from the repository are paths, never pathspec magic.
		await git.run(['add', '-A', '--', ...ready], {writes: true, env: {GIT_LITERAL_PATHSPECS: '1'}});
	}

	const unresolved = [...new Set([...marked, ...(await conflictedFiles(git))])];
	if (unresolved.length > 0) {
		return {committed: false, unresolved};
	}

	await git.run(['commit', '--no-edit', '--quiet'], {writes: true});
	return {committed: true, head: await worktreeHead(git)};
}
