/**
 * Reads and rewrites a coordination file safely while agents and people edit it too:
 * a lock file keeps two switchyard processes from interleaving, the new text goes to
 * a temporary file in the same folder and is renamed over the old one (so a reader
 * never sees half a file), and the write is refused when the file changed on disk
 * since it was read (a hand edit is never overwritten).
 */
import {randomBytes} from 'node:crypto';
import {constants} from 'node:fs';
import {link, open, readFile, rename, stat, unlink} from 'node:fs/promises';
import path from 'node:path';

export type CoordinationFileProblem = 'changed' | 'locked' | 'encoding';

export class CoordinationFileError extends Error {
	constructor(
		readonly problem: CoordinationFileProblem,
		message: string,
	) {
		super(message);
		this.name = 'CoordinationFileError';
	}
}

export interface LockOptions {
	/** A lock older than this was left by a process that died: it is removed. */
	staleLockMs?: number;
	/** How long to wait for another process's lock before giving up. */
	waitMs?: number;
}

const defaultLockOptions = {staleLockMs: 30_000, waitMs: 10_000};

/** The file's bytes, or null when it does not exist. */
export async function readBytes(file: string): Promise<Buffer | null> {
	try {
		return await readFile(file);
	} catch (error) {
		if (isCode(error, 'ENOENT')) {
			return null;
		}

		throw error;
	}
}

/**
 * Decodes strictly: a file that is not UTF-8 would come back with replacement
 * characters, and writing it would change bytes outside the edited section.
 */
export function decodeText(bytes: Buffer, file: string): string {
	try {
		return new TextDecoder('utf-8', {fatal: true, ignoreBOM: true}).decode(bytes);
	} catch {
		throw new CoordinationFileError('encoding', `${path.basename(file)} is not valid UTF-8; fix its encoding by hand, then run the command again`);
	}
}

/**
 * Replaces the file with `text` atomically, but only if it still holds `expected`
 * (null: the file must still be absent). The comparison happens right before the
 * rename; git and editors that write in place in the microseconds between the two
 * cannot be excluded without their cooperation.
 */
export async function writeIfUnchanged(file: string, expected: Buffer | null, text: string): Promise<void> {
	const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
	const mode = expected === null ? 0o644 : (await stat(file).catch(() => undefined))?.mode ?? 0o644;
	const handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode & 0o7777);
	try {
		await handle.writeFile(text, 'utf8');
		await handle.sync();
	} finally {
		await handle.close();
	}

	try {
		const current = await readBytes(file);
		if (!sameBytes(current, expected)) {
			throw changedError(file);
		}

		if (expected === null) {
			// link() fails when the name exists, so a file created meanwhile is never replaced.
			await link(temporary, file).catch((error: unknown) => {
				throw isCode(error, 'EEXIST') ? changedError(file) : error;
			});
		} else {
			await rename(temporary, file);
		}
	} finally {
		await unlink(temporary).catch(() => {});
	}
}

/** Runs `work` while holding `<file>.lock`, created with O_EXCL so only one process holds it. */
export async function withFileLock<T>(file: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
	const {staleLockMs, waitMs} = {...defaultLockOptions, ...options};
	const lockFile = `${file}.lock`;
	const token = `${process.pid} ${randomBytes(8).toString('hex')}\n`;
	const deadline = Date.now() + waitMs;
	for (;;) {
		try {
			const handle = await open(lockFile, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
			await handle.writeFile(token);
			await handle.close();
			break;
		} catch (error) {
			if (!isCode(error, 'EEXIST')) {
				throw error;
			}
		}

		const age = await stat(lockFile).then(
			stats => Date.now() - stats.mtimeMs,
			() => 0,
		);
		if (age > staleLockMs) {
			await unlink(lockFile).catch(() => {});
			continue;
		}

		if (Date.now() > deadline) {
			throw new CoordinationFileError(
				'locked',
				`${path.basename(file)} is being updated by another switchyard command (${lockFile} exists); try again, or delete the lock file if no command is running`,
			);
		}

		await sleep(20 + Math.random() * 60);
	}

	try {
		return await work();
	} finally {
		// Remove only our own lock: if ours was taken as stale, the new one is another's.
		const holder = await readFile(lockFile, 'utf8').catch(() => undefined);
		if (holder === token) {
			await unlink(lockFile).catch(() => {});
		}
	}
}

/**
 * Locks the file, reads it (null when absent), lets `transform` decide, and writes
 * the text `newTextOf` finds in its outcome (none: leave the file alone) if the file
 * did not change meanwhile. Returns what `transform` returned.
 */
export async function updateCoordinationFile<T>(
	file: string,
	transform: (text: string | null) => T | Promise<T>,
	newTextOf: (outcome: T) => string | undefined,
	options: LockOptions = {},
): Promise<T> {
	return withFileLock(
		file,
		async () => {
			const before = await readBytes(file);
			const outcome = await transform(before === null ? null : decodeText(before, file));
			const text = newTextOf(outcome);
			if (text !== undefined) {
				await writeIfUnchanged(file, before, text);
			}

			return outcome;
		},
		options,
	);
}

function changedError(file: string): CoordinationFileError {
	return new CoordinationFileError('changed', `${path.basename(file)} changed on disk while switchyard was updating it; nothing was written, run the command again`);
}

function sameBytes(left: Buffer | null, right: Buffer | null): boolean {
	return left === null || right === null ? left === right : left.equals(right);
}

function isCode(error: unknown, code: string): boolean {
	return typeof error === 'object' && error !== null && (error as {code?: unknown}).code === code;
}

function sleep(ms: number): Promise<void> {
	return new Promise(resolve => setTimeout(resolve, ms));
}
