/** The fuzz watchdog stops a reader that never returns, and keeps the input that did it. */
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {fuzzRuns, ParseWatchdog} from './fuzz/watchdog.js';

let folder: string | undefined;
let watchdog: ParseWatchdog | undefined;

afterEach(async () => {
	await watchdog?.close();
	if (folder) {
		await rm(folder, {recursive: true, force: true});
	}
});

describe('ParseWatchdog', () => {
	test('an endless loop fails at the deadline, names the input and saves it; the next parse runs in a fresh worker', async () => {
		folder = await mkdtemp(path.join(tmpdir(), 'switchyard-fuzz-watchdog-'));
		watchdog = await ParseWatchdog.start({worker: 'test/core/fuzz/looping-worker.ts', deadlineMs: 1500, failures: folder});
		await watchdog.parse('everywhere', new TextEncoder().encode('fine'));
		const input = new TextEncoder().encode('## Codex Status\nLOOP here\n');
		const failure = await watchdog.parse('everywhere', input).then(() => null, (error: unknown) => error as Error);
		expect(failure?.message).toMatch(/^fuzz everywhere parse of a 26-byte input did not return within 1500 ms \(an endless loop\?\); the input is saved as /);
		const saved = await readdir(folder);
		expect(saved).toHaveLength(1);
		expect(failure?.message).toContain(path.join(folder, saved[0]!));
		expect(new Uint8Array(await readFile(path.join(folder, saved[0]!)))).toEqual(input);
		// The stuck worker was ended; a new one answers.
		await watchdog.parse('everywhere', new TextEncoder().encode('fine again'));
	});

	test('a reader that throws fails with its message, and its input is saved too', async () => {
		folder = await mkdtemp(path.join(tmpdir(), 'switchyard-fuzz-watchdog-'));
		watchdog = await ParseWatchdog.start({worker: 'test/core/fuzz/looping-worker.ts', failures: folder});
		await expect(watchdog.parse('nonsense', new Uint8Array([1, 2]))).rejects.toThrow(/failed: no fuzz handler "nonsense"; the input is saved as .*nonsense-[0-9a-f]{12}\.bin$/);
		expect(await readdir(folder)).toHaveLength(1);
	});
});

describe('SWITCHYARD_FUZZ_RUNS', () => {
	test('a whole number is the run count; unset is the default', () => {
		expect(fuzzRuns(undefined, 1500)).toBe(1500);
		expect(fuzzRuns('', 1500)).toBe(1500);
		expect(fuzzRuns('50000', 1500)).toBe(50_000);
		expect(fuzzRuns('0', 1500)).toBe(0);
	});

	test.each(['abc', '-5', '1e3', '2.5', ' '])('%j is refused with one line', value => {
		const error = (() => {
			try {
				fuzzRuns(value, 1500);
				return null;
			} catch (caught) {
				return caught as Error;
			}
		})();
		expect(error?.message).toBe(`SWITCHYARD_FUZZ_RUNS=${JSON.stringify(value)} is not a whole number of runs; set it to e.g. 50000, or unset it for the default 1500`);
		expect(error?.stack).toBe(error?.message);
	});
});
