/**
 * Runs fuzz inputs in a worker thread under a deadline, so that a reader stuck in an
 * endless loop fails its test instead of hanging `npm test`. The time check inside
 * the worker (CPU time) judges slowness; the deadline here only stops a parse that
 * never returns, so it is generous. The input of any failure is saved as a file (by
 * default under test/core/fuzz-failures/, which the fuzz test reads back as seeds), and
 * the failure message names that file.
 */
import {createHash} from 'node:crypto';
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {Worker} from 'node:worker_threads';
import {transpileForChild} from '../../commands/transpile-for-child.js';

export const failureFolder = path.resolve(import.meta.dirname, '../fuzz-failures');

/** Reads `SWITCHYARD_FUZZ_RUNS`: a whole number of runs, or one line saying what is wrong. */
export function fuzzRuns(value: string | undefined, fallback: number): number {
	if (value === undefined || value === '') {
		return fallback;
	}

	if (!/^\d+$/.test(value.trim())) {
		const error = new Error(`SWITCHYARD_FUZZ_RUNS=${JSON.stringify(value)} is not a whole number of runs; set it to e.g. 50000, or unset it for the default ${fallback}`);
		error.stack = error.message;
		throw error;
	}

	return Number(value.trim());
}

export interface WatchdogOptions {
	/** A worker module (TypeScript, under test/) that calls `serve()`. */
	worker: string;
	/** How long one parse may run before the worker is ended. */
	deadlineMs?: number;
	/** Where failing inputs are saved. */
	failures?: string;
}

export class ParseWatchdog {
	#worker: Worker | undefined;
	#entry = '';
	#folder = '';
	#next = 0;
	readonly #deadlineMs: number;
	readonly #failures: string;

	private constructor(readonly options: WatchdogOptions) {
		this.#deadlineMs = options.deadlineMs ?? 30_000;
		this.#failures = options.failures ?? failureFolder;
	}

	static async start(options: WatchdogOptions): Promise<ParseWatchdog> {
		const watchdog = new ParseWatchdog(options);
		const {folder, entry} = await transpileForChild(options.worker);
		watchdog.#folder = folder;
		watchdog.#entry = entry;
		return watchdog;
	}

	/**
	 * Resolves, with the parse's CPU time in ms, once the worker has parsed `bytes`;
	 * rejects, naming the saved input, on a failure or at the deadline.
	 */
	async parse(kind: string, bytes: Uint8Array): Promise<number> {
		const worker = (this.#worker ??= new Worker(this.#entry));
		const id = this.#next++;
		const outcome = await new Promise<{error: string | null; ms?: number} | 'deadline' | {crashed: string}>(resolve => {
			const timer = setTimeout(() => {
				finish('deadline');
			}, this.#deadlineMs);
			const onMessage = (message: {id: number; error: string | null; ms?: number}) => {
				if (message.id === id) {
					finish(message);
				}
			};

			const onError = (error: Error) => {
				finish({crashed: error.message});
			};

			function finish(result: {error: string | null; ms?: number} | 'deadline' | {crashed: string}) {
				clearTimeout(timer);
				worker.off('message', onMessage);
				worker.off('error', onError);
				resolve(result);
			}

			worker.on('message', onMessage);
			worker.on('error', onError);
			worker.postMessage({id, kind, bytes});
		});
		if (outcome !== 'deadline' && !('crashed' in outcome) && outcome.error === null) {
			return outcome.ms ?? 0;
		}

		if (outcome === 'deadline' || 'crashed' in outcome) {
			// A stuck or dead worker answers nothing more: end it; the next parse starts a fresh one.
			this.#worker = undefined;
			await worker.terminate();
		}

		const saved = this.#save(kind, bytes);
		const what = outcome === 'deadline'
			? `did not return within ${this.#deadlineMs} ms (an endless loop?)`
			: 'crashed' in outcome ? `crashed the worker: ${outcome.crashed}` : `failed: ${outcome.error}`;
		throw new Error(`fuzz ${kind} parse of a ${bytes.length}-byte input ${what}; the input is saved as ${saved}`);
	}

	async close(): Promise<void> {
		await this.#worker?.terminate();
		this.#worker = undefined;
		rmSync(this.#folder, {recursive: true, force: true});
	}

	#save(kind: string, bytes: Uint8Array): string {
		mkdirSync(this.#failures, {recursive: true});
		const file = path.join(this.#failures, `${kind}-${createHash('sha1').update(bytes).digest('hex').slice(0, 12)}.bin`);
		writeFileSync(file, bytes);
		return file;
	}
}
