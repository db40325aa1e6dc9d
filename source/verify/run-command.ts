/**
 * Runs one verification command (DESIGN §6.1 step 4, §7.8). These are the only shell
 * commands switchyard runs, and they come from the user's command line or from a
 * config the user trusted (`trust.ts`).
 *
 * - `sh -c <command>` in its own process group, so that cancelling kills the whole
 *   tree (SIGTERM, then SIGKILL after a grace period): no child outlives it, and none
 *   keeps a worktree busy. Whatever the command left running in its group when it
 *   exits is ended the same way.
 * - No command outlives switchyard, even when switchyard is killed with SIGKILL and
 *   cannot clean up: before the command starts, a watcher joins its group and waits on
 *   a pipe that only switchyard holds open (the group's stdin, never written). When
 *   switchyard ends in any way, the pipe closes and the watcher kills the group.
 * - Output is streamed line by line with the elapsed time, and only a bounded tail is
 *   kept: a command printing megabytes costs no memory to speak of.
 */
import {spawn} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {StringDecoder} from 'node:string_decoder';
import {repositoryPointers} from '../git/git-runner.js';

export interface OutputLine {
	stream: 'stdout' | 'stderr';
	/** One line without its line break (a very long line comes in pieces). */
	text: string;
	/** Milliseconds since the command started. */
	elapsedMs: number;
}

export interface CommandResult {
	command: string;
	/** The shell's exit code; null when it was ended by a signal. */
	exitCode: number | null;
	/** The signal that ended the shell (`SIGTERM` after a cancel), else null. */
	signal: string | null;
	durationMs: number;
	/** The last lines of stdout and stderr interleaved, as they came. */
	tail: string[];
	/** Bytes of output in all, of which only the tail was kept. */
	outputBytes: number;
	/** Ended by the caller's abort signal. */
	cancelled: boolean;
	/** The shell could not find the command (exit 127). */
	notFound: boolean;
}

export interface RunCommandOptions {
	cwd: string;
	/** Added to the environment switchyard was started with. */
	env?: Record<string, string>;
	/** Aborting kills the command's whole process group. */
	signal?: AbortSignal;
	onLine?: (line: OutputLine) => void;
	/** Lines kept in `tail` (default 200). */
	tailLines?: number;
	/** Bytes kept in `tail` at most (default 64 KiB); a longer line is cut. */
	maxTailBytes?: number;
	/** Between SIGTERM and SIGKILL (default 2 s). */
	graceMs?: number;
}

/** A line longer than this is passed on in pieces, so that a line without end costs no memory. */
const maxLineChars = 64 * 1024;

export function passed(result: CommandResult): boolean {
	return result.exitCode === 0 && !result.cancelled;
}

export function runCommand(command: string, options: RunCommandOptions): Promise<CommandResult> {
	const started = Date.now();
	const tail = new Tail(options.tailLines ?? 200, options.maxTailBytes ?? 64 * 1024);
	const result = (exitCode: number | null, signal: string | null, outputBytes: number, cancelled: boolean): CommandResult => ({
		command,
		exitCode,
		signal,
		durationMs: Date.now() - started,
		tail: tail.lines(),
		outputBytes,
		cancelled,
		notFound: exitCode === 127,
	});

	if (options.signal?.aborted) {
		return Promise.resolve(result(null, null, 0, true));
	}

	return new Promise(resolve => {
		const child = spawn('sh', ['-c', guardedShell, 'switchyard-verify', command], {
			cwd: options.cwd,
			env: commandEnvironment(options.env),
			detached: true,
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		// The watcher's pipe: held open, never written; an error on it (the group gone) means nothing.
		child.stdin.on('error', () => undefined);
		let outputBytes = 0;
		let cancelled = false;
		let exit: {code: number | null; signal: string | null} | undefined;
		let closed = false;
		/** Set once nothing of the group is left (or we gave up waiting for it). */
		let groupGone = false;
		let ending = false;
		const timers: NodeJS.Timeout[] = [];
		let settled = false;
		const graceMs = options.graceMs ?? 2000;

		const emit = (stream: OutputLine['stream'], text: string) => {
			tail.add(text);
			options.onLine?.({stream, text, elapsedMs: Date.now() - started});
		};

		const readers = (['stdout', 'stderr'] as const).map(stream => {
			const splitter = new LineSplitter(text => emit(stream, text));
			child[stream].on('data', (chunk: Buffer) => {
				outputBytes += chunk.length;
				splitter.push(chunk);
			});
			return splitter;
		});

		const finish = () => {
			if (settled || exit === undefined || !closed || !groupGone) {
				return;
			}

			settled = true;
			// The watcher is gone with the group; its pipe is no longer needed.
			child.stdin.destroy();
			for (const timer of timers) {
				clearTimeout(timer);
			}

			options.signal?.removeEventListener('abort', onAbort);
			for (const splitter of readers) {
				splitter.end();
			}

			resolve(result(exit.code, exit.signal, outputBytes, cancelled));
		};

		/**
		 * Ends the group: SIGTERM now, SIGKILL after the grace period. The result waits
		 * until no process of the group is left (a signal takes effect a moment after it
		 * is sent), and at most one more grace period after SIGKILL (a zombie that nobody
		 * reaps, a process that left the group but holds the pipes).
		 */
		const endGroup = () => {
			if (ending) {
				return;
			}

			ending = true;
			if (!signalGroup(child.pid, 'SIGTERM')) {
				groupGone = true;
				finish();
				return;
			}

			const poll = () => {
				if (groupAlive(child.pid)) {
					timers.push(setTimeout(poll, 20));
				} else {
					groupGone = true;
					finish();
				}
			};

			poll();
			timers.push(setTimeout(() => {
				signalGroup(child.pid, 'SIGKILL');
				timers.push(setTimeout(() => {
					child.stdout.destroy();
					child.stderr.destroy();
					closed = true;
					groupGone = true;
					finish();
				}, graceMs));
			}, graceMs));
		};

		function onAbort() {
			cancelled = true;
			endGroup();
		}

		options.signal?.addEventListener('abort', onAbort, {once: true});
		child.on('error', error => {
			// `sh` itself could not be started (the folder is gone, no `sh` on PATH).
			exit ??= {code: null, signal: null};
			closed = true;
			groupGone = true;
			emit('stderr', `switchyard: could not start the command in ${options.cwd}: ${error.message}`);
			finish();
		});
		child.on('exit', (code, signal) => {
			exit = {code, signal};
			// What the command left behind in its group (a server started with &) ends with it.
			endGroup();
		});
		child.on('close', () => {
			exit ??= {code: child.exitCode, signal: child.signalCode};
			closed = true;
			endGroup();
			finish();
		});
	});
}

/**
 * Starts the watcher (reads fd 3, a copy of the pipe from switchyard, until it closes,
 * then kills the whole group), then becomes `sh -c <command>` with stdin from
 * /dev/null: the group's leader is the command's own shell, so its exit code and the
 * signal that ended it are the command's. Once the command has exited, the watcher is
 * ended with the rest of the group (endGroup).
 */
const guardedShell = 'exec 3<&0; (read -r line <&3; kill -s KILL 0) & exec sh -c "$1" 3<&- </dev/null';

/** Sends `signal` to the process group led by `pid` (0: only asks); false when none is left. */
function signalGroup(pid: number | undefined, signal: NodeJS.Signals | 0): boolean {
	if (pid === undefined) {
		return false;
	}

	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		return false;
	}
}

/**
 * Whether a process of the group led by `pid` still runs. A zombie does not count: it
 * has ended, and the init of a container may take a second or more to reap it. Linux
 * tells through /proc; elsewhere any member, zombie or not, counts.
 */
function groupAlive(pid: number | undefined): boolean {
	if (pid === undefined || !signalGroup(pid, 0)) {
		return false;
	}

	let entries: string[];
	try {
		entries = readdirSync('/proc');
	} catch {
		return true;
	}

	for (const entry of entries) {
		if (!/^\d+$/.test(entry)) {
			continue;
		}

		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			// After the command name in parentheses: state, parent pid, process group.
			const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(group) === pid && state !== 'Z' && state !== 'X') {
				return true;
			}
		} catch {
			// Gone meanwhile.
		}
	}

	return false;
}

/**
 * The user's environment, without what would point git inside the command at another
 * repository (a hook's GIT_DIR): the command runs in its own worktree.
 */
function commandEnvironment(extra: Record<string, string> | undefined): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value !== undefined && !repositoryPointers.has(key)) {
			env[key] = value;
		}
	}

	return {...env, ...extra};
}

/** Splits a byte stream into lines (UTF-8 safe across chunks), cutting very long ones. */
class LineSplitter {
	readonly #decoder = new StringDecoder('utf8');
	#partial = '';

	constructor(readonly onLine: (text: string) => void) {}

	push(chunk: Buffer): void {
		const text = this.#partial + this.#decoder.write(chunk);
		let start = 0;
		for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
			start = this.#cut(text, start, newline);
			this.onLine(trimReturn(text.slice(start, newline)));
			start = newline + 1;
		}

		start = this.#cut(text, start, text.length);
		this.#partial = text.slice(start);
	}

	/** Passes on pieces of `maxLineChars` while more than that is left before `end`. */
	#cut(text: string, start: number, end: number): number {
		for (; end - start > maxLineChars; start += maxLineChars) {
			this.onLine(text.slice(start, start + maxLineChars));
		}

		return start;
	}

	end(): void {
		const rest = this.#partial + this.#decoder.end();
		this.#partial = '';
		if (rest !== '') {
			this.onLine(trimReturn(rest));
		}
	}
}

function trimReturn(line: string): string {
	return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** The last lines, at most `maxLines` of them and `maxBytes` in all. */
class Tail {
	readonly #lines: string[] = [];
	#bytes = 0;

	constructor(
		readonly maxLines: number,
		readonly maxBytes: number,
	) {}

	add(line: string): void {
		const kept = Buffer.byteLength(line) > this.maxBytes ? cutToBytes(line, this.maxBytes) : line;
		this.#lines.push(kept);
		this.#bytes += Buffer.byteLength(kept);
		while (this.#lines.length > this.maxLines || this.#bytes > this.maxBytes) {
			this.#bytes -= Buffer.byteLength(this.#lines.shift()!);
		}
	}

	lines(): string[] {
		return [...this.#lines];
	}
}

function cutToBytes(text: string, maxBytes: number): string {
	const bytes = Buffer.from(text).subarray(0, maxBytes);
	// Drop a character cut in half.
	return bytes.toString('utf8').replace(/\uFFFD$/, '');
}
