/**
 * The one door to git. Every command is an argument array (never a shell string),
 * runs with `GIT_OPTIONAL_LOCKS=0` unless it writes (so looking never takes the
 * index lock from under an agent's own git), and is recorded in the command log.
 *
 * Plain commands go through simple-git. Batch commands that are fed on stdin
 * (`merge-tree --stdin`, `cat-file --batch`) are spawned directly, because
 * simple-git cannot write to a child's stdin.
 */
import {spawn} from 'node:child_process';
import {simpleGit, type SimpleGit} from 'simple-git';
import {GitCommandLog} from './command-log.js';

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
}

export class GitRunner {
	readonly cwd: string;
	readonly log: GitCommandLog;
	readonly #reader: SimpleGit;
	readonly #writer: SimpleGit;
	readonly #baseEnv: Record<string, string>;

	constructor(cwd: string, log = new GitCommandLog()) {
		this.cwd = cwd;
		this.log = log;
		this.#baseEnv = cleanEnvironment();
		// Two instances because simple-git's environment belongs to the instance, and
		// commands run concurrently. The snapshot runs its few batched commands in parallel.
		const options = {
			baseDir: cwd,
			maxConcurrentProcesses: 8,
			trimmed: false,
			// simple-git strips or refuses environment variables that change how git runs
			// (GIT_CONFIG_GLOBAL, GIT_SSH, …) in case an attacker supplied them. Here they are
			// the user's own settings, as in their shell, and every argument is a fixed array
			// (paths after `--`), so they are honoured.
			allowEnvironment: Object.keys(this.#baseEnv).concat('GIT_OPTIONAL_LOCKS'),
			unsafe: {
				allowUnsafeConfigPaths: true,
				allowUnsafeConfigEnvCount: true,
				allowUnsafeExec: true,
				allowUnsafeSshCommand: true,
				allowUnsafeAskPass: true,
				allowUnsafeGitProxy: true,
				allowUnsafeTemplateDir: true,
				allowUnsafeDiffExternal: true,
			},
		};
		this.#reader = simpleGit(options).env({...this.#baseEnv, GIT_OPTIONAL_LOCKS: '0'});
		this.#writer = simpleGit(options).env(this.#baseEnv);
	}

	/** Runs git and returns stdout; throws GitCommandError with git's own words on failure. */
	async run(args: string[], options: RunOptions = {}): Promise<string> {
		const env = {...this.#baseEnv, ...(options.writes ? {} : {GIT_OPTIONAL_LOCKS: '0'}), ...options.env};
		const started = Date.now();
		let exitCode: number | null = 0;
		try {
			if (options.input !== undefined || options.env !== undefined) {
				const result = await spawnGit(this.cwd, args, env, options.input ?? '');
				exitCode = result.exitCode;
				return result.stdout.toString('utf8');
			}

			return await (options.writes ? this.#writer : this.#reader).raw(args);
		} catch (error) {
			if (error instanceof GitCommandError) {
				exitCode = error.exitCode;
				throw error;
			}

			exitCode = null;
			const message = error instanceof Error ? error.message : String(error);
			throw new GitCommandError(args, message, null);
		} finally {
			this.log.add({args, startedAt: started, durationMs: Date.now() - started, exitCode, ...countLines(options.input)});
		}
	}

	/** Runs git with `input` on stdin and returns stdout as bytes (for `cat-file --batch`). */
	async runBytes(args: string[], input: string, options: RunOptions = {}): Promise<Buffer> {
		const env = {...this.#baseEnv, ...(options.writes ? {} : {GIT_OPTIONAL_LOCKS: '0'}), ...options.env};
		const started = Date.now();
		let exitCode: number | null = null;
		try {
			const result = await spawnGit(this.cwd, args, env, input);
			exitCode = result.exitCode;
			return result.stdout;
		} catch (error) {
			exitCode = error instanceof GitCommandError ? error.exitCode : null;
			throw error;
		} finally {
			this.log.add({args, startedAt: started, durationMs: Date.now() - started, exitCode, ...countLines(input)});
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

interface SpawnResult {
	stdout: Buffer;
	exitCode: number;
}

/** Spawns git with stdin; rejects with GitCommandError when it exits non-zero. */
function spawnGit(cwd: string, args: string[], env: Record<string, string>, input: string): Promise<SpawnResult> {
	return new Promise((resolve, reject) => {
		const child = spawn('git', args, {cwd, env, stdio: ['pipe', 'pipe', 'pipe']});
		const stdout: Buffer[] = [];
		const stderr: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
		child.on('error', reject);
		// A child that exits early closes its stdin; that is reported through 'close'.
		child.stdin.on('error', () => {});
		child.on('close', code => {
			if (code === 0) {
				resolve({stdout: Buffer.concat(stdout), exitCode: 0});
			} else {
				reject(new GitCommandError(args, Buffer.concat(stderr).toString('utf8'), code));
			}
		});
		child.stdin.end(input);
	});
}

function countLines(input: string | undefined): {inputLines?: number} {
	return input === undefined ? {} : {inputLines: input.split('\n').filter(Boolean).length};
}

function firstLine(text: string): string {
	return text.split('\n').map(line => line.trim()).find(Boolean) ?? '';
}
