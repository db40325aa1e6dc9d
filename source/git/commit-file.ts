/**
 * The git side of `switchyard claim --commit`: where the working tree's top is, what
 * the index already holds, and a commit of exactly one file. Argument arrays only,
 * with `--` before paths, so no name can be taken for an option (DESIGN.md §7.8).
 */
import {GitCommandError, GitRunner} from './git-runner.js';

/** Not a repository, or git missing: a usage or environment error (exit 2). */
export class NotARepositoryError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'NotARepositoryError';
	}
}

function git(cwd: string): GitRunner {
	return new GitRunner(cwd);
}

/** The top of the working tree that contains `cwd` (a linked worktree's own top). */
export async function findWorktreeTop(cwd: string): Promise<string> {
	try {
		return (await git(cwd).run(['rev-parse', '--show-toplevel'])).trim();
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		if (/not a git repository/i.test(message)) {
			throw new NotARepositoryError(`${cwd} is not inside a git repository; run the command from the repository (or a worktree of it)`);
		}

		throw new NotARepositoryError(`git could not find the repository at ${cwd}: ${firstLine(message)}`);
	}
}

/** The current branch's short name, or undefined when HEAD is detached. */
export async function currentBranch(top: string): Promise<string | undefined> {
	try {
		return (await git(top).run(['symbolic-ref', '--quiet', '--short', 'HEAD'])).trim() || undefined;
	} catch {
		return undefined;
	}
}

/** Paths with changes staged in the index (relative to the top, forward slashes). */
export async function stagedPaths(top: string): Promise<string[]> {
	const output = await git(top).run(['diff', '--cached', '--name-only', '-z', '--no-renames']);
	return output.split('\0').filter(Boolean);
}

export class CommitError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CommitError';
	}
}

/**
 * Commits exactly `file` (relative to `top`) with `message`: `git add` so that a new
 * file can be committed, then `git commit -- <file>`, which takes only that path even
 * if something else got staged meanwhile. Returns the new commit's id.
 */
export async function commitOneFile(top: string, file: string, message: string): Promise<string> {
	const runner = git(top);
	try {
		await runner.run(['add', '--', file], {writes: true});
		await runner.run(['commit', '--quiet', '-m', message, '--', file], {writes: true});
		return (await runner.run(['rev-parse', 'HEAD'])).trim();
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
