/**
 * Worktrees of flows and verifications (DESIGN §7.1): they live under the state
 * folder, never in the user's checkout, and a temporary one is removed when done —
 * also after a crash, found and removed at the next start (`removeStaleWorktrees`).
 *
 * A temporary worktree is owned through a lock file next to it
 * (`<folder>.lock`, taken with the state store's locks, which name their process):
 * a worktree whose lock names a process that is gone is stale.
 */
import {randomBytes} from 'node:crypto';
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import type {HeldLock, StateStore} from '../store/state-store.js';
import type {GitRunner} from './git-runner.js';
import {commonDirOf} from './lock-files.js';
import {updateRefCas, zeroId} from './update-ref.js';

export interface WorktreeEntry {
	/** Absolute path of the worktree's folder. */
	path: string;
	/** The commit checked out there; null for a bare repository's entry. */
	head: string | null;
	/** Full ref name (`refs/heads/x`) of the branch checked out there; null when detached. */
	branch: string | null;
	bare: boolean;
	/** Git knows the folder is gone: `git worktree prune` would forget it. */
	prunable: boolean;
}

/**
 * A worktree of `commit` at `folder` (which must not exist, or be empty): detached, or
 * on a new branch when `branch` is given (created by compare-and-swap from nothing).
 *
 * Not `git worktree add`: it writes a placeholder HEAD (the null id) into
 * `<common dir>/worktrees/<name>/` before the real one, and an agent's `git fetch`,
 * `git gc` or `git rev-list --all` that reads the worktrees' HEADs in that moment fails
 * with `bad object worktrees/<name>/HEAD` (git 2.39; `--lock` and `--no-checkout` leave
 * the window open). So the administrative folder (`HEAD`, `commondir`, `gitdir`, the
 * index) is built aside in the state folder, the files are checked out through it, and
 * it is renamed into `worktrees/` last: other git processes see no worktree, then a
 * whole one (DESIGN §7.7). Killed half-way, what is left is the folder and the aside,
 * which no git process reads; the next call (or `removeWorktree`) removes them.
 */
export async function addWorktree(git: GitRunner, folder: string, commit: string, options: {branch?: string} = {}): Promise<void> {
	const id = (await git.run(['rev-parse', '--verify', '--end-of-options', `${commit}^{commit}`])).trim();
	const commonDir = await commonDirOf(git);
	const target = path.resolve(git.cwd, folder);
	if (existsSync(target) && readdirSync(target).length > 0) {
		throw new Error(`${target} already exists and is not empty: remove it, or let switchyard remove its worktree`);
	}

	const aside = asideOf(commonDir, target);
	const records = path.join(commonDir, 'worktrees');
	let record = recordName(target);
	for (let suffix = 1; existsSync(path.join(records, record)); suffix++) {
		record = `${recordName(target)}${suffix}`;
	}

	rmSync(aside, {recursive: true, force: true});
	try {
		mkdirSync(aside, {recursive: true});
		mkdirSync(target, {recursive: true});
		if (options.branch !== undefined) {
			await updateRefCas(git, `refs/heads/${options.branch}`, id, zeroId);
		}

		writeFileSync(path.join(aside, 'HEAD'), options.branch === undefined ? `${id}\n` : `ref: refs/heads/${options.branch}\n`);
		// Absolute, so that it stays right when the folder is renamed into worktrees/.
		writeFileSync(path.join(aside, 'commondir'), `${commonDir}\n`);
		writeFileSync(path.join(aside, 'gitdir'), `${path.join(target, '.git')}\n`);
		writeFileSync(path.join(target, '.git'), `gitdir: ${path.join(records, record)}\n`);
		await git.run([`--git-dir=${aside}`, `--work-tree=${target}`, 'reset', '--hard', '--quiet', '--no-recurse-submodules'], {writes: true});
		mkdirSync(records, {recursive: true});
		// Fails (ENOTEMPTY) rather than replace a record another process made meanwhile.
		renameSync(aside, path.join(records, record));
	} catch (error) {
		rmSync(aside, {recursive: true, force: true});
		rmSync(target, {recursive: true, force: true});
		throw error;
	}
}

const recordName = (folder: string) => path.basename(folder).replaceAll(/[^\w.-]/g, '-').replace(/^\.+/, '') || 'worktree';
/** Where `addWorktree` builds the administrative folder of the worktree at `folder`. */
const asideOf = (commonDir: string, folder: string) => path.join(commonDir, 'switchyard', 'worktrees-aside', recordName(folder));

/**
 * Removes the worktree at `folder`, changes and all, and git's record of it (also when
 * the folder was already deleted by hand, or half deleted by a killed git). When git
 * does not know it (any more), the folder is removed by hand. Already gone is fine. No `git worktree prune`: it would
 * also forget a user's worktree on a drive that is away.
 */
export async function removeWorktree(git: GitRunner, folder: string): Promise<void> {
	// Twice --force: also a worktree that was locked (`git worktree lock`).
	const removed = await git.tryRun(['worktree', 'remove', '--force', '--force', '--', folder], {writes: true});
	if (removed === null) {
		rmSync(folder, {recursive: true, force: true});
		// Half removed by a git that was killed (its `.git` file gone, so git refused): with
		// the folder gone, git forgets its record. Without a record it refuses again: fine.
		await git.tryRun(['worktree', 'remove', '--force', '--force', '--', folder], {writes: true});
	}

	// What an addWorktree killed before it renamed its record into place left aside.
	rmSync(asideOf(await commonDirOf(git), path.resolve(git.cwd, folder)), {recursive: true, force: true});
}

/** Every worktree of the repository, the main one first (`git worktree list --porcelain -z`). */
export async function listWorktrees(git: GitRunner): Promise<WorktreeEntry[]> {
	const output = await git.run(['worktree', 'list', '--porcelain', '-z']);
	return parseWorktreeList(output);
}

/** Records are NUL-terminated lines; an empty line (two NULs) ends a worktree. */
export function parseWorktreeList(output: string): WorktreeEntry[] {
	const entries: WorktreeEntry[] = [];
	let current: WorktreeEntry | undefined;
	for (const line of output.split('\0')) {
		if (line === '') {
			current = undefined;
			continue;
		}

		const space = line.indexOf(' ');
		const key = space === -1 ? line : line.slice(0, space);
		const value = space === -1 ? '' : line.slice(space + 1);
		if (key === 'worktree') {
			current = {path: value, head: null, branch: null, bare: false, prunable: false};
			entries.push(current);
		} else if (current && key === 'HEAD') {
			current.head = value;
		} else if (current && key === 'branch') {
			current.branch = value;
		} else if (current && key === 'bare') {
			current.bare = true;
		} else if (current && key === 'prunable') {
			current.prunable = true;
		}
	}

	return entries;
}

/**
 * What `git worktree list` would say has changed when this changes: the linked
 * worktrees' records under `<common dir>/worktrees` (their folders and HEADs), read
 * from the files without a git process, so that a refresh lists worktrees only when
 * one was added, removed or switched branch.
 */
export function linkedWorktreesStamp(commonDir: string): string {
	const records = path.join(commonDir, 'worktrees');
	let names: string[];
	try {
		names = readdirSync(records).sort();
	} catch {
		return '';
	}

	const read = (file: string) => {
		try {
			return readFileSync(file, 'utf8');
		} catch {
			return '';
		}
	};

	return names.map(name => `${name}\0${read(path.join(records, name, 'gitdir'))}\0${read(path.join(records, name, 'HEAD'))}`).join('\0');
}

/** What a worktree holds that is not committed: how many files, and the first of them by name. */
export interface WorktreeChanges {
	count: number;
	/** At most `keep` paths, in git's order. */
	files: string[];
}

/**
 * `git status --porcelain -z` in the worktree at `folder`, streamed: every changed or
 * untracked file is counted, the first `keep` are named. Run without optional locks
 * (the runner's reads), so looking never refreshes that worktree's index.
 */
export async function readWorktreeChanges(git: GitRunner, folder: string, keep = 50): Promise<WorktreeChanges> {
	const changes: WorktreeChanges = {count: 0, files: []};
	// A rename or copy (R or C in `XY`) is followed by one more record: its old path.
	let skipNext = false;
	await git.runLines(['-C', folder, 'status', '--porcelain', '-z', '--ignore-submodules', '--untracked-files=all'], record => {
		if (skipNext) {
			skipNext = false;
			return;
		}

		if (record.length < 4) {
			return;
		}

		changes.count++;
		if (changes.files.length < keep) {
			changes.files.push(record.slice(3));
		}

		skipNext = /[RC]/.test(record.slice(0, 2));
	}, {separator: '\0', maxRecordBytes: 4096});
	return changes;
}

/** A worktree folder reserved for this process, and the lock that says so. */
export interface OwnedFolder {
	/** Absolute path where the worktree goes (not created yet). */
	folder: string;
	/** Gives the folder up; call after the worktree was removed. */
	release(): void;
}

/**
 * Reserves a fresh folder under the state sub-folder `underFolder` (e.g.
 * `worktrees/verify`), owned by this process through `<folder>.lock`.
 */
export function reserveWorktreeFolder(store: StateStore, underFolder: string, label: string): OwnedFolder {
	const under = relativeToStore(store, underFolder);
	store.folder(under);
	const name = `${label.replaceAll(/[^\w.-]/g, '-')}-${process.pid}-${randomBytes(4).toString('hex')}`;
	const lock: HeldLock = store.acquireLock(path.join(under, `${name}.lock`), `worktree ${name}`);
	return {folder: store.path(under, name), release: () => lock.release()};
}

/**
 * Removes the worktrees under `underFolder` whose owner process is gone (a crash, a
 * kill), their lock files, and git's records of them; returns the folders removed.
 * Worktrees of live owners are left alone.
 */
export async function removeStaleWorktrees(git: GitRunner, store: StateStore, underFolder: string): Promise<string[]> {
	const under = relativeToStore(store, underFolder);
	const entries = store.list(under);
	const names = new Set(entries.map(entry => entry.replace(/\.lock$/, '')));
	const removed: string[] = [];
	for (const name of names) {
		if (store.lockHolder(path.join(under, `${name}.lock`))) {
			continue;
		}

		const folder = store.path(under, name);
		if (existsSync(folder)) {
			await removeWorktree(git, folder);
			removed.push(folder);
		}

		// Taking the lock over and releasing it removes a dead owner's lock file safely.
		if (entries.includes(`${name}.lock`)) {
			try {
				store.acquireLock(path.join(under, `${name}.lock`), 'removing a stale worktree').release();
			} catch {
				// Taken by a live process meanwhile: it is not ours to remove.
			}
		}
	}

	// Records of our folders that vanished without `worktree remove`, one by one:
	// `git worktree prune` would also forget a user's worktree on a drive that is away.
	const live = (folder: string) => store.lockHolder(`${path.relative(store.root, folder)}.lock`) !== undefined;
	for (const entry of (await missingUnder(git, store.path(under))).filter(folder => !live(folder))) {
		await git.run(['worktree', 'remove', '--force', '--force', '--', entry], {writes: true});
		removed.push(entry);
	}

	return removed;
}

async function missingUnder(git: GitRunner, folder: string): Promise<string[]> {
	try {
		return (await listWorktrees(git)).filter(entry => entry.prunable && isInside(entry.path, folder)).map(entry => entry.path);
	} catch {
		// git before 2.36 has no `worktree list -z`; `git gc` prunes such records in time.
		return [];
	}
}

function relativeToStore(store: StateStore, folder: string): string {
	return path.relative(store.root, path.resolve(store.root, folder));
}

function isInside(file: string, folder: string): boolean {
	return file === folder || file.startsWith(folder + path.sep);
}
