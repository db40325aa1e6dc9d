/**
 * The repo-local state folder, `<git common dir>/switchyard/` (docs: DESIGN §4). One
 * module owns it: checklist answers, verification results, caches, flow journals and
 * locks all go through here.
 *
 * - Documents are small JSON files carrying a version. They are written atomically
 *   (temporary file in the same folder, fsync, rename, fsync of the folder), so a
 *   reader never sees half a file and a crash leaves the old or the new one.
 * - A corrupt file, or one of an unknown version, is treated as absent, with a
 *   warning: state is a convenience, never something to trust blindly.
 * - Locks are files created exclusively that name their process; a lock whose
 *   process is gone is taken over, and the caller is told so.
 * - Journals are JSON lines appended with fsync; a torn last line (a crash in the
 *   middle of an append) is ignored on reading.
 *
 * Being shared by every worktree of the repository, the folder is never inside a
 * working tree and never committed.
 */
import {randomBytes} from 'node:crypto';
import {closeSync, constants, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface StateWarning {
	file: string;
	message: string;
}

/** What a lock file says about its holder. */
export interface LockHolder {
	pid: number;
	host: string;
	/** What the holder is doing, e.g. `integrate claude/x codex/y`. */
	purpose: string;
	since: string;
}

export class LockHeldError extends Error {
	constructor(
		readonly lock: string,
		readonly holder: LockHolder,
	) {
		super(`${holder.purpose || 'another switchyard'} is running (process ${holder.pid} on ${holder.host}, since ${holder.since}); wait for it to finish, or end it`);
		this.name = 'LockHeldError';
	}
}

export interface HeldLock {
	/** Removes the lock file if it is still ours. Safe to call twice. */
	release(): void;
	/** Set when the lock was taken over from a process that is gone. */
	tookOverFrom?: LockHolder;
}

interface Envelope {
	version: number;
	data: unknown;
}

export class StateStore {
	/** Absolute path of the state folder. */
	readonly root: string;
	/** Problems met while reading: shown by the caller (status notices, the dashboard). */
	readonly warnings: StateWarning[] = [];

	constructor(commonDir: string) {
		this.root = path.join(commonDir, 'switchyard');
	}

	/** The absolute path of a name inside the folder; names never leave it. */
	path(...parts: string[]): string {
		const resolved = path.resolve(this.root, ...parts);
		if (resolved !== this.root && !resolved.startsWith(this.root + path.sep)) {
			throw new Error(`state path ${parts.join('/')} leaves the state folder`);
		}

		return resolved;
	}

	/** Creates a sub-folder (and the state folder) when missing; returns its path. */
	folder(...parts: string[]): string {
		const folder = this.path(...parts);
		mkdirSync(folder, {recursive: true});
		return folder;
	}

	/**
	 * The document's data, or undefined when it is absent, corrupt, or of another
	 * version (those two with a warning). `check` may reject data of the right version
	 * but the wrong shape (return false): also treated as absent.
	 */
	read<T>(name: string, version: number, check?: (data: unknown) => data is T): T | undefined {
		const file = this.path(name);
		let text: string;
		try {
			text = readFileSync(file, 'utf8');
		} catch (error) {
			if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) {
				return undefined;
			}

			this.#warn(file, `could not be read (${errorMessage(error)}); it is ignored`);
			return undefined;
		}

		let envelope: Envelope;
		try {
			envelope = JSON.parse(text) as Envelope;
		} catch {
			this.#warn(file, 'is not valid JSON (a crash or a hand edit?); it is ignored and will be rewritten');
			return undefined;
		}

		if (typeof envelope !== 'object' || envelope === null || envelope.version !== version || !('data' in envelope)) {
			this.#warn(file, `has an unknown version (${String((envelope as Partial<Envelope> | null)?.version)}, expected ${version}); it is ignored and will be rewritten`);
			return undefined;
		}

		if (check && !check(envelope.data)) {
			this.#warn(file, 'does not have the expected shape; it is ignored and will be rewritten');
			return undefined;
		}

		return envelope.data as T;
	}

	/**
	 * Writes the document atomically; returns its size in bytes. `durable: false` is for
	 * what can be lost (a cache, read back only when it parses): no fsync, so a 5 MB
	 * document costs its write, not a wait for the disk.
	 */
	write(name: string, version: number, data: unknown, options: {durable?: boolean} = {}): number {
		return writeAtomic(this.path(name), JSON.stringify({version, data} satisfies Envelope), options);
	}

	/** Removes a document or folder; absent is fine. */
	remove(name: string): void {
		rmSync(this.path(name), {recursive: true, force: true});
	}

	/** Names of the entries of a sub-folder; none when it is absent. */
	list(...parts: string[]): string[] {
		try {
			return readdirSync(this.path(...parts));
		} catch {
			return [];
		}
	}

	/** Appends one JSON line and makes it durable before returning. */
	append(name: string, record: unknown): void {
		const file = this.path(name);
		mkdirSync(path.dirname(file), {recursive: true});
		const fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND, 0o644);
		try {
			writeSync(fd, JSON.stringify(record) + '\n');
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
	}

	/**
	 * The records of a journal, in order. A last line without its newline was torn
	 * by a crash and is left out; a broken line elsewhere is a warning and skipped.
	 */
	readLines<T = unknown>(name: string): T[] {
		const file = this.path(name);
		let text: string;
		try {
			text = readFileSync(file, 'utf8');
		} catch {
			return [];
		}

		const lines = text.split('\n');
		// The part after the last newline is empty, or a torn append.
		lines.pop();
		const records: T[] = [];
		for (const [index, line] of lines.entries()) {
			try {
				records.push(JSON.parse(line) as T);
			} catch {
				this.#warn(file, `line ${index + 1} is not valid JSON; it is skipped`);
			}
		}

		return records;
	}

	/**
	 * Takes the named lock, or throws LockHeldError naming the live holder. A lock left
	 * by a process that is gone (on this host) is taken over; `tookOverFrom` says so.
	 */
	acquireLock(name: string, purpose: string): HeldLock {
		const file = this.path(name);
		mkdirSync(path.dirname(file), {recursive: true});
		const me: LockHolder = {pid: process.pid, host: os.hostname(), purpose, since: new Date().toISOString()};
		let tookOverFrom: LockHolder | undefined;
		for (let attempt = 0; attempt < 5; attempt++) {
			try {
				const fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
				try {
					writeSync(fd, JSON.stringify(me));
					fsyncSync(fd);
				} finally {
					closeSync(fd);
				}

				return lockHandle(file, me, tookOverFrom);
			} catch (error) {
				if (!isCode(error, 'EEXIST')) {
					throw error;
				}
			}

			const holder = readHolder(file);
			if (holder && isAlive(holder)) {
				throw new LockHeldError(name, holder);
			}

			// Gone (or unreadable: a crash between create and write). Remove it only if it
			// is still the same file, so that two processes taking over cannot both win.
			tookOverFrom = holder ?? {pid: 0, host: os.hostname(), purpose: 'an unreadable lock', since: ''};
			removeIfSame(file, holder);
		}

		throw new Error(`could not take the lock ${file}; remove it by hand if no switchyard is running`);
	}

	/**
	 * Runs `action` under a short lock, waiting for another process's lock up to
	 * `waitMs`: for writers of shared documents (caches, checklist answers).
	 */
	async withLock<T>(name: string, action: () => T | Promise<T>, waitMs = 5000): Promise<T> {
		const deadline = Date.now() + waitMs;
		for (;;) {
			let lock: HeldLock;
			try {
				lock = this.acquireLock(name, 'writing switchyard state');
			} catch (error) {
				if (error instanceof LockHeldError && Date.now() < deadline) {
					await new Promise(resolve => setTimeout(resolve, 20));
					continue;
				}

				throw error;
			}

			try {
				return await action();
			} finally {
				lock.release();
			}
		}
	}

	/** Who holds a lock now, if anyone alive does. */
	lockHolder(name: string): LockHolder | undefined {
		const holder = readHolder(this.path(name));
		return holder && isAlive(holder) ? holder : undefined;
	}

	#warn(file: string, message: string): void {
		this.warnings.push({file, message: `${path.relative(this.root, file) || file} ${message}`});
	}
}

/** Temporary file in the same folder, fsync, rename over, fsync the folder (without `durable: false`); returns the bytes written. */
export function writeAtomic(file: string, text: string | Buffer, {durable = true}: {durable?: boolean} = {}): number {
	const folder = path.dirname(file);
	mkdirSync(folder, {recursive: true});
	const temporary = path.join(folder, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
	const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
	let written: number;
	try {
		// A string is encoded as it is written: no copy of a 5 MB document as a Buffer first.
		written = typeof text === 'string' ? writeSync(fd, text) : writeSync(fd, text, 0, text.length);
		if (durable) {
			fsyncSync(fd);
		}
	} finally {
		closeSync(fd);
	}

	try {
		renameSync(temporary, file);
	} catch (error) {
		rmSync(temporary, {force: true});
		throw error;
	}

	if (durable) {
		syncFolder(folder);
	}

	return written;
}

function syncFolder(folder: string): void {
	try {
		const fd = openSync(folder, constants.O_RDONLY);
		try {
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
	} catch {
		// Some filesystems refuse fsync on a folder; the rename is still atomic.
	}
}

function lockHandle(file: string, me: LockHolder, tookOverFrom: LockHolder | undefined): HeldLock {
	let released = false;
	return {
		...(tookOverFrom ? {tookOverFrom} : {}),
		release() {
			if (released) {
				return;
			}

			released = true;
			const holder = readHolder(file);
			if (holder && holder.pid === me.pid && holder.since === me.since && holder.host === me.host) {
				rmSync(file, {force: true});
			}
		},
	};
}

function readHolder(file: string): LockHolder | undefined {
	try {
		const holder = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
		return typeof holder.pid === 'number' ? holder : undefined;
	} catch {
		return undefined;
	}
}

/** A holder on another host cannot be checked: it is assumed alive. */
export function isAlive(holder: LockHolder): boolean {
	if (holder.host !== os.hostname()) {
		return true;
	}

	try {
		process.kill(holder.pid, 0);
		return true;
	} catch (error) {
		return isCode(error, 'EPERM');
	}
}

function removeIfSame(file: string, holder: LockHolder | undefined): void {
	const now = readHolder(file);
	const same = holder === undefined ? now === undefined : now !== undefined && now.pid === holder.pid && now.since === holder.since;
	if (!same) {
		return;
	}

	if (holder === undefined) {
		// An unreadable lock may be one being written right now: only a stale one goes.
		try {
			if (Date.now() - statSync(file).mtimeMs < 2000) {
				return;
			}
		} catch {
			return;
		}
	}

	try {
		unlinkSync(file);
	} catch {
		// Someone else removed it first: the next attempt decides.
	}
}

function isCode(error: unknown, code: string): boolean {
	return typeof error === 'object' && error !== null && (error as {code?: unknown}).code === code;
}

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
