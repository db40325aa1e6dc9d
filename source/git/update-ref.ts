/**
 * Moving refs the way flows must (DESIGN §7.2): only by compare-and-swap, and a
 * branch that is checked out is moved in its worktree (`merge --ff-only`, or
 * `reset --keep` backwards) so that its files follow and local changes are kept —
 * never behind the worktree's back (§7.1).
 */
import {existsSync} from 'node:fs';
import {GitCommandError, GitRunner} from './git-runner.js';
import {commonDirOf, refLockFile} from './lock-files.js';
import {listWorktrees} from './worktrees.js';

export const zeroId = '0000000000000000000000000000000000000000';

/** A ref did not hold what the caller expected: someone moved it meanwhile. */
export class RefMovedError extends Error {
	constructor(
		readonly ref: string,
		readonly expected: string,
		readonly actual: string | undefined,
	) {
		super(`${shortRef(ref)} moved meanwhile (it is now ${actual ? actual.slice(0, 12) : 'gone'}, expected ${expected.slice(0, 12)})`);
		this.name = 'RefMovedError';
	}
}

/**
 * A ref's lock file is there: another git command is writing it, or one was killed
 * while it did (git leaves the lock behind; every later write fails until it goes).
 */
export class RefLockedError extends Error {
	constructor(
		readonly ref: string,
		readonly lockFile: string,
	) {
		super(`${shortRef(ref)} is locked: ${lockFile} exists (another git command is running, or one was killed); if none runs, delete that file and run again`);
		this.name = 'RefLockedError';
	}
}

/** The worktree's files are in the way of moving its checked-out branch. */
export class FilesInTheWayError extends Error {
	constructor(
		readonly folder: string,
		readonly files: string[],
	) {
		super(`local changes in ${folder} are in the way: ${files.join(', ')}; commit or stash them, then run again`);
		this.name = 'FilesInTheWayError';
	}
}

/** The commit a ref points at, or undefined when it does not exist. */
export async function readRef(git: GitRunner, ref: string): Promise<string | undefined> {
	const output = await git.tryRun(['rev-parse', '-q', '--verify', '--end-of-options', ref]);
	return output?.trim() || undefined;
}

/**
 * `git update-ref <ref> <new> <old>`: fails with RefMovedError when the ref does not
 * hold `old` (zeroId: must not exist), RefLockedError when its lock file is in the way.
 */
export async function updateRefCas(git: GitRunner, ref: string, newId: string, oldId: string): Promise<void> {
	await casOrExplain(git, ref, oldId, ['update-ref', '-m', 'switchyard', '--end-of-options', ref, newId, oldId]);
}

/** `git update-ref -d <ref> <old>`: deletes the ref only while it holds `old` (errors as updateRefCas). */
export async function deleteRefCas(git: GitRunner, ref: string, oldId: string): Promise<void> {
	await casOrExplain(git, ref, oldId, ['update-ref', '-d', '--end-of-options', ref, oldId]);
}

/** Runs a compare-and-swap and, when git refuses, says why: the ref's lock file, or the ref moved. */
async function casOrExplain(git: GitRunner, ref: string, oldId: string, args: string[]): Promise<void> {
	try {
		await git.run(args, {writes: true});
	} catch (error) {
		if (!(error instanceof GitCommandError)) {
			throw error;
		}

		const lockFile = refLockFile(await commonDirOf(git), ref);
		if (existsSync(lockFile)) {
			throw new RefLockedError(ref, lockFile);
		}

		throw new RefMovedError(ref, oldId, await readRef(git, ref));
	}
}

/** Where a flow keeps the value a ref had before it moved it. */
export function backupRefName(flowId: string, ref: string): string {
	return `refs/switchyard/backup/${flowId}/${ref}`;
}

/** Every backup ref of one flow, with its value. */
export async function listBackupRefs(git: GitRunner, flowId: string): Promise<Array<{backup: string; value: string}>> {
	const output = await git.run(['for-each-ref', '--format=%(objectname) %(refname)', '--end-of-options', `refs/switchyard/backup/${flowId}/`]);
	return output
		.split('\n')
		.filter(Boolean)
		.map(line => ({value: line.slice(0, line.indexOf(' ')), backup: line.slice(line.indexOf(' ') + 1)}));
}

/** Whether `ancestor` is an ancestor of (or equal to) `commit`. */
export async function isAncestor(git: GitRunner, ancestor: string, commit: string): Promise<boolean> {
	// The merge base of an ancestor and its descendant is the ancestor; an unknown commit is no ancestor.
	const base = await git.tryRun(['merge-base', '--end-of-options', ancestor, commit]);
	return base?.trim() === ancestor;
}

/** The folder where a branch ref is checked out, if any worktree has it. */
export async function checkedOutAt(git: GitRunner, ref: string): Promise<string | undefined> {
	return (await listWorktrees(git)).find(entry => entry.branch === ref)?.path;
}

/**
 * Moves `ref` from `oldId` to `newId` by compare-and-swap. Where the branch is checked
 * out, in that worktree: forwards with `merge --ff-only`, backwards with `reset --keep`;
 * git keeps local changes there or refuses (FilesInTheWayError names the files).
 * Already at `newId` is success, so the move can be repeated after a crash.
 * Returns the worktree folder used, if any.
 */
export async function moveRef(git: GitRunner, ref: string, newId: string, oldId: string): Promise<{folder?: string}> {
	const current = await readRef(git, ref);
	if (current === newId) {
		return {};
	}

	if (current !== (oldId === zeroId ? undefined : oldId)) {
		throw new RefMovedError(ref, oldId, current);
	}

	const folder = ref.startsWith('refs/heads/') ? await checkedOutAt(git, ref) : undefined;
	if (!folder) {
		await updateRefCas(git, ref, newId, oldId);
		return {};
	}

	const there = git.at(folder);
	const forwards = await isAncestor(git, oldId, newId);
	try {
		await there.run(forwards ? ['merge', '--ff-only', '--no-edit', '--end-of-options', newId] : ['reset', '--keep', '--end-of-options', newId], {writes: true});
	} catch (error) {
		if (error instanceof GitCommandError) {
			const files = filesInTheWay(error.stderr);
			if (files.length > 0) {
				throw new FilesInTheWayError(folder, files);
			}

			throw new Error(`git could not move ${shortRef(ref)} in ${folder}: ${error.message}`);
		}

		throw error;
	}

	return {folder};
}

/**
 * The files git names when local changes would be overwritten: the indented lines
 * after "…would be overwritten by merge:" (or "…by checkout:", "Entry 'x' not uptodate").
 */
export function filesInTheWay(stderr: string): string[] {
	const files: string[] = [];
	let listing = false;
	for (const line of stderr.split('\n')) {
		if (/would be (overwritten|removed)|untracked working tree files/.test(line)) {
			listing = true;
			continue;
		}

		if (listing && /^\s+\S/.test(line)) {
			files.push(line.trim());
			continue;
		}

		listing = false;
		const entry = /^error: Entry '(.+)' not uptodate/.exec(line);
		if (entry) {
			files.push(entry[1]!);
		}
	}

	return files;
}

/** `refs/heads/main` → `main`, for messages. */
export function shortRef(ref: string): string {
	return ref.replace(/^refs\/heads\//, '');
}
