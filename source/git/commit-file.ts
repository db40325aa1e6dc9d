/**
 * The git side of `switchyard claim --commit`: the current branch, what the index
 * already holds, and a commit of exactly one file, all through the runner of the
 * repository as repo/open-repository.ts opened it (so every call is in its log).
 * Argument arrays only, with `--` before paths, so no name can be taken for an option
 * (docs/design.md §7.8).
 */
import {GitCommandError, type GitRunner} from './git-runner.js';

/** The current branch's short name, or undefined when HEAD is detached. */
export async function currentBranch(git: GitRunner): Promise<string | undefined> {
	try {
		return (await git.run(['symbolic-ref', '--quiet', '--short', 'HEAD'])).trim() || undefined;
	} catch {
		return undefined;
	}
}

/** Paths with changes staged in the index (relative to the top, forward slashes). */
export async function stagedPaths(git: GitRunner): Promise<string[]> {
	const output = await git.run(['diff', '--cached', '--name-only', '-z', '--no-renames']);
	return output.split('\0').filter(Boolean);
}

export class CommitError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CommitError';
	}
}

/**
 * Commits exactly `file` (relative to the top of the working tree, where `git` runs) with `message`: `git add` so that a new
 * file can be committed, then `git commit -- <file>`, which takes only that path even
 * if something else got staged meanwhile. Returns the new commit's id.
 */
export async function commitOneFile(git: GitRunner, file: string, message: string): Promise<string> {
	try {
		await git.run(['add', '--', file], {writes: true});
		await git.run(['commit', '--quiet', '-m', message, '--', file], {writes: true});
		return (await git.run(['rev-parse', 'HEAD'])).trim();
	} catch (error) {
		throw new CommitError(firstLine(error instanceof GitCommandError ? error.stderr : error instanceof Error ? error.message : String(error)));
	}
}

/** git's own reason: its `fatal:` or `error:` line when there is one (identity problems start with a banner). */
function firstLine(text: string): string {
	const lines = text
		.split('\n')
		.map(line => line.trim())
		.filter(Boolean);
	return lines.find(line => /^(?:fatal|error):/i.test(line)) ?? lines[0] ?? 'git failed';
}
