/**
 * The one door to git. Every command is an argument array (never a shell string),
 * runs with `GIT_OPTIONAL_LOCKS=0` unless it writes (so looking never takes the
 * index lock from under an agent's own git), and is recorded in the command log.
 *
 * Every command is spawned directly with `child_process.spawn`: its exit code is
 * the verdict, so a silent non-zero exit (`merge-base --is-ancestor`, `rev-parse -q
 * --verify`) is a failure, not an empty success (simple-git, used before, took it for
 * one). Batch commands are fed on stdin (`merge-tree --stdin`, `cat-file --batch`).
 * Commands whose output can be huge (a patch of every branch) go through `runLines`,
 * which hands stdout over one record at a time and never holds it whole.
 */
import {spawn} from 'node:child_process';
import {writeSync} from 'node:fs';
import type {Writable} from 'node:stream';
import {GitCommandLog} from './command-log.js';
import {RecordSplitter} from './record-splitter.js';

export class GitCommandError extends Error {
	constructor(
		readonly args: string[],
		readonly stderr: string,
		readonly exitCode: number | null,
	) {
		super(firstLine(stderr) || `git ${args[0] ?? ''} failed`);
		this.name = 'GitCommandError';
	}
}

export interface RunOptions {
	/** Extra environment, e.g. a scratch object directory for merge-tree. */
	env?: Record<string, string>;
	/** Text written to the child's stdin; forces a direct spawn. */
	input?: string;
	/** Set for commands that change the repository: they may take locks. */
	writes?: boolean;
	/** What ends a question written to stdin, for the log's count of them: a newline (default) or NUL (`-z --stdin`). */
	inputSeparator?: '\n' | '\0';
}

export interface LineOptions extends RunOptions {
	/** What ends a record: a newline (default) or NUL, for `-z` output. */
	separator?: '\n' | '\0';
	/** A longer record is cut to this many bytes; the rest is dropped as it streams, never held. */
	maxRecordBytes?: number;
}

/** The stdin of a batch command that is asked while it answers. */
export interface BatchInput {
	write(text: string): void;
	end(): void;
}

export class GitRunner {
	readonly cwd: string;
	readonly log: GitCommandLog;
	readonly #baseEnv: Record<string, string>;

	constructor(cwd: string, log = new GitCommandLog()) {
		this.cwd = cwd;
		this.log = log;
		this.#baseEnv = cleanEnvironment();
	}

	/**
	 * The same door, in another folder of the repository (a flow's worktree, a checked-out
	 * base): same environment, same command log, so the `L` screen shows its commands too.
	 */
	at(folder: string): GitRunner {
		return folder === this.cwd ? this : new GitRunner(folder, this.log);
	}

	/** Runs git and returns stdout; throws GitCommandError with git's own words on failure. */
	async run(args: string[], options: RunOptions = {}): Promise<string> {
		// Spawned directly, never through a wrapper that takes a silent non-zero exit
		// (`merge-base --is-ancestor`, `rev-parse -q --verify`) for success.
		return (await this.#spawnCollected(args, options.input, options)).toString('utf8');
	}

	/** Runs git with `input` on stdin and returns stdout as bytes (for `cat-file --batch`). */
	async runBytes(args: string[], input: string, options: RunOptions = {}): Promise<Buffer> {
		return this.#spawnCollected(args, input, options);
	}

	/**
	 * Runs git and calls `onRecord` with each line of stdout (or each NUL-ended record)
	 * as it arrives, in order; resolves when git has exited. Only the record being read
	 * is held, so output of any size costs a bounded amount of memory. A throw from
	 * `onRecord` stops git and rejects with that error.
	 */
	async runLines(args: string[], onRecord: (record: string) => void, options: LineOptions = {}): Promise<void> {
		await this.runRecords(args, (bytes, start, end) => onRecord(bytes.toString('utf8', start, end)), options);
	}

	/** `runLines` with each record as bytes (`RecordSplitter.pushBytes`), for a parser that decodes only what it needs. */
	async runRecords(args: string[], onRecord: (bytes: Buffer, start: number, end: number) => void, options: LineOptions = {}): Promise<void> {
		const splitter = new RecordSplitter(options.separator === '\0' ? 0 : 10, options.maxRecordBytes);
		await this.#logged(args, options.input, options, async () => {
			await spawnGit(this.cwd, args, this.#env(options), options.input ?? '', chunk => splitter.pushBytes(chunk, onRecord));
			splitter.endBytes(onRecord);
		});
	}

	/**
	 * Runs git with stdout written to the open file `fd` as it arrives (a diff for the
	 * pager): nothing of it is held here, whatever its size.
	 */
	async runToFile(args: string[], fd: number, options: RunOptions = {}): Promise<void> {
		await this.#logged(args, options.input, options, async () => {
			await spawnGit(this.cwd, args, this.#env(options), options.input ?? '', chunk => {
				writeSync(fd, chunk);
			});
		});
	}

	/**
	 * Runs a batch command that is asked while it answers (`cat-file --batch-command`):
	 * `ask` gets a writer for git's stdin and keeps it to write more requests as
	 * replies come (it must call `end` when it has asked everything); `onChunk` gets
	 * stdout as it arrives. Nothing of the output is held here.
	 */
	async runAsking(args: string[], ask: (stdin: BatchInput) => void, onChunk: (chunk: Buffer) => void, options: RunOptions = {}): Promise<void> {
		let lines = 0;
		await this.#logged(args, () => lines, options, async () => {
			await spawnGit(this.cwd, args, this.#env(options), stdin => {
				ask({
					write(text: string) {
						lines += countSeparators(text, options.inputSeparator);
						stdin.write(text);
					},
					end() {
						stdin.end();
					},
				});
			}, onChunk);
		});
	}

	async #spawnCollected(args: string[], input: string | undefined, options: RunOptions): Promise<Buffer> {
		return this.#logged(args, input, options, async () => {
			const chunks: Buffer[] = [];
			await spawnGit(this.cwd, args, this.#env(options), input ?? '', chunk => chunks.push(chunk));
			return Buffer.concat(chunks);
		});
	}

	/** Reads run without optional locks; writes may take them. */
	#env(options: RunOptions): Record<string, string> {
		return {...this.#baseEnv, ...(options.writes ? {} : {GIT_OPTIONAL_LOCKS: '0'}), ...options.env};
	}

	/** Every command, whichever way it ran, leaves one record in the command log. */
	async #logged<T>(args: string[], input: string | (() => number) | undefined, options: RunOptions, body: () => Promise<T>): Promise<T> {
		const started = Date.now();
		let exitCode: number | null = 0;
		try {
			return await body();
		} catch (error) {
			exitCode = error instanceof GitCommandError ? error.exitCode : null;
			throw error;
		} finally {
			this.log.add({args, startedAt: started, durationMs: Date.now() - started, exitCode, ...(options.writes ? {writes: true} : {}), ...(typeof input === 'function' ? {inputLines: input()} : countLines(input, options.inputSeparator))});
		}
	}

	/** Like run, but returns null instead of throwing when git exits non-zero. */
	async tryRun(args: string[], options: RunOptions = {}): Promise<string | null> {
		try {
			return await this.run(args, options);
		} catch (error) {
			if (error instanceof GitCommandError) {
				return null;
			}

			throw error;
		}
	}
}

/** Variables that point git at another repository than the one we were asked about (a hook's GIT_DIR). */
export const repositoryPointers: ReadonlySet<string> = new Set(['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES']);
/** Editors and pagers: switchyard never opens one (`commit -m`, output to a pipe). */
const neverNeeded = new Set(['EDITOR', 'VISUAL', 'GIT_EDITOR', 'GIT_SEQUENCE_EDITOR', 'PAGER', 'GIT_PAGER']);

/** The user's environment minus what would send git elsewhere or open an editor. */
function cleanEnvironment(): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value !== undefined && !repositoryPointers.has(key) && !neverNeeded.has(key)) {
			env[key] = value;
		}
	}

	// Stable, untranslated output: switchyard parses it.
	env['LC_ALL'] = 'C';
	env['GIT_TERMINAL_PROMPT'] = '0';
	return env;
}

/** stderr kept for the error message; a child that writes more is cut here. */
const maxStderrBytes = 64 * 1024;

/**
 * Spawns git, writes `input` to its stdin and hands each stdout chunk to `onStdout`;
 * resolves when git exits 0, rejects with GitCommandError (git's stderr) otherwise,
 * or with what `onStdout` threw (git is then stopped).
 */
function spawnGit(cwd: string, args: string[], env: Record<string, string>, input: string | ((stdin: Writable) => void), onStdout: (chunk: Buffer) => void): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn('git', args, {cwd, env, stdio: ['pipe', 'pipe', 'pipe']});
		const stderr: Buffer[] = [];
		let stderrBytes = 0;
		let failed: unknown;
		child.stdout.on('data', (chunk: Buffer) => {
			if (failed !== undefined) {
				return;
			}

			try {
				onStdout(chunk);
			} catch (error) {
				failed = error;
				child.kill();
			}
		});
		child.stderr.on('data', (chunk: Buffer) => {
			if (stderrBytes < maxStderrBytes) {
				stderr.push(chunk);
				stderrBytes += chunk.length;
			}
		});
		// git missing, or the folder gone: the same error type as any other failure.
		child.on('error', error => reject(new GitCommandError(args, error.message, null)));
		// A child that exits early closes its stdin; that is reported through 'close'.
		child.stdin.on('error', () => {});
		child.on('close', code => {
			if (failed !== undefined) {
				reject(failed);
			} else if (code === 0) {
				resolve();
			} else {
				reject(new GitCommandError(args, Buffer.concat(stderr).toString('utf8'), code));
			}
		});
		if (typeof input === 'string') {
			child.stdin.end(input);
		} else {
			input(child.stdin);
		}
	});
}

function countLines(input: string | undefined, separator = '\n'): {inputLines?: number} {
	return input === undefined ? {} : {inputLines: input.split(separator).filter(Boolean).length};
}

function countSeparators(text: string, separator = '\n'): number {
	let count = 0;
	for (let index = text.indexOf(separator); index !== -1; index = text.indexOf(separator, index + 1)) {
		count++;
	}

	return count;
}

function firstLine(text: string): string {
	return text.split('\n').map(line => line.trim()).find(Boolean) ?? '';
}
