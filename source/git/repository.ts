/**
 * Where the repository is and what state it is in. Refuses, with one clear line,
 * what switchyard cannot look at: not a repository, a bare one, one without commits.
 */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import type {RepoState} from '../core/types.js';
import {GitCommandError, type GitRunner} from './git-runner.js';

/** A problem with the environment or the repository: exit code 2 (docs/design.md §5). */
export class RepositoryError extends Error {
	readonly exitCode = 2;
	constructor(message: string) {
		super(message);
		this.name = 'RepositoryError';
	}
}

export interface RepoLocation {
	/** The top of the working tree. */
	root: string;
	/** This worktree's git dir (differs from commonDir in a linked worktree). */
	gitDir: string;
	/** The shared git dir: refs, objects, and switchyard's own state folder. */
	commonDir: string;
	shallow: boolean;
}

export async function locateRepository(git: GitRunner): Promise<RepoLocation> {
	let output: string;
	try {
		output = await git.run(['rev-parse', '--is-bare-repository', '--absolute-git-dir', '--git-common-dir', '--is-shallow-repository', '--show-toplevel']);
	} catch (error) {
		throw repositoryErrorFrom(error, git.cwd);
	}

	const [, gitDir = '', commonDir = '', shallow = '', root = ''] = output.split('\n');
	return {
		root,
		gitDir,
		commonDir: path.resolve(git.cwd, commonDir),
		shallow: shallow === 'true',
	};
}

function repositoryErrorFrom(error: unknown, cwd: string): Error {
	if (!(error instanceof GitCommandError)) {
		return error instanceof Error ? error : new Error(String(error));
	}

	if (/not a git repository/i.test(error.stderr)) {
		return new RepositoryError(`${cwd} is not inside a git repository: run switchyard in one, or point at one with -C <path>`);
	}

	if (/must be run in a work tree/i.test(error.stderr)) {
		return new RepositoryError(`${cwd} is a bare repository or a git folder: switchyard needs a working tree (use -C <path> to point at one)`);
	}

	if (/ENOENT|no such file|does not exist/i.test(error.stderr)) {
		return new RepositoryError(`${cwd} does not exist: check the -C path`);
	}

	return new RepositoryError(`git could not read ${cwd}: ${error.message}`);
}

/** What HEAD points at, read from the file so that it costs no process. */
export function readHead(location: RepoLocation): {branch: string | null; detached: boolean} {
	const head = safeRead(path.join(location.gitDir, 'HEAD')).trim();
	if (head.startsWith('ref: ')) {
		const ref = head.slice(5);
		return {branch: ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref, detached: false};
	}

	return {branch: null, detached: true};
}

/** An operation in progress, from the marker files git leaves in the git dir. */
export function operationInProgress(location: RepoLocation): RepoState | null {
	const has = (name: string) => existsSync(path.join(location.gitDir, name));
	if (has('rebase-merge') || has('rebase-apply')) {
		return 'rebasing';
	}

	if (has('MERGE_HEAD')) {
		return 'merging';
	}

	if (has('CHERRY_PICK_HEAD')) {
		return 'cherry-picking';
	}

	if (has('REVERT_HEAD')) {
		return 'reverting';
	}

	if (has('BISECT_LOG')) {
		return 'bisecting';
	}

	return null;
}

/** The repository state, and the working tree's changed and untracked files. */
export interface WorktreeStatus {
	state: RepoState;
	/**
	 * Paths (relative to the root) that differ from HEAD or are untracked, every
	 * untracked file listed on its own: how a coordination file that exists only in
	 * the working tree is found, with no process of its own.
	 */
	changedPaths: string[];
}

/** The repository state of docs/design.md §5: an operation first, then detached, then dirty or clean. */
export async function readWorktreeStatus(git: GitRunner, location: RepoLocation): Promise<WorktreeStatus> {
	// GIT_OPTIONAL_LOCKS=0 (set by the runner) keeps status from refreshing the index.
	const porcelain = await git.run(['status', '--porcelain', '-z', '--ignore-submodules', '--untracked-files=all']);
	const changedPaths = parsePorcelainPaths(porcelain);
	const operation = operationInProgress(location);
	const state: RepoState = operation ?? (readHead(location).detached ? 'detached' : changedPaths.length > 0 ? 'dirty' : 'clean');
	return {state, changedPaths};
}

/**
 * `status --porcelain -z` entries are `XY path`, NUL-terminated; a rename or copy
 * (X or Y is R or C) is followed by one more NUL-terminated field, its old path.
 */
export function parsePorcelainPaths(porcelain: string): string[] {
	const fields = porcelain.split('\0');
	const paths: string[] = [];
	for (let index = 0; index < fields.length; index++) {
		const entry = fields[index]!;
		if (entry.length < 4) {
			continue;
		}

		paths.push(entry.slice(3));
		if (/[RC]/.test(entry.slice(0, 2))) {
			index++;
		}
	}

	return paths;
}

/** The git version as [major, minor]; callers ask once and keep it. */
export async function gitVersion(git: GitRunner): Promise<[number, number]> {
	const match = /(\d+)\.(\d+)/.exec(await git.run(['version']));
	return match ? [Number(match[1]), Number(match[2])] : [0, 0];
}

export function atLeast(version: [number, number], major: number, minor: number): boolean {
	return version[0] > major || (version[0] === major && version[1] >= minor);
}

function safeRead(file: string): string {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

/**
 * The shared git dir of the repository around `start`, found from files alone (the
 * `.git` folder, or a worktree's `.git` file and its `commondir`): for cheap checks
 * at startup that must not cost a git process. Undefined when none is found.
 */
export function findCommonDir(start: string): string | undefined {
	for (let folder = path.resolve(start); ; folder = path.dirname(folder)) {
		const dotGit = path.join(folder, '.git');
		const pointer = safeRead(dotGit);
		if (pointer.startsWith('gitdir: ')) {
			const gitDir = path.resolve(folder, pointer.slice(8).trim());
			const common = safeRead(path.join(gitDir, 'commondir')).trim();
			return common ? path.resolve(gitDir, common) : gitDir;
		}

		if (existsSync(path.join(dotGit, 'HEAD'))) {
			return dotGit;
		}

		if (path.dirname(folder) === folder) {
			return undefined;
		}
	}
}
