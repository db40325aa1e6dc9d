/**
 * Nothing in a coordination file may crash switchyard or stall it (docs/design.md §3).
 * Every reader gets the fixture files mutated: bytes flipped, cut, duplicated, NUL and
 * CR inserted, JSON nested deep, lines made very long, keys duplicated. A run fails on
 * any throw, any malformed result, or any single parse slower than a second of CPU
 * time. Each parse runs in a worker thread under a watchdog (fuzz/watchdog.ts): a
 * reader that never returns fails the test at the deadline, and the input that did it
 * is saved under test/core/fuzz-failures/, whose files are parsed again as seeds.
 * `SWITCHYARD_FUZZ_RUNS` sets the number of runs (`npm run test:fuzz` uses 50,000).
 */
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import path, {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import fc from 'fast-check';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {mutation, applyMutation} from './fuzz/mutations.js';
import {failureFolder, fuzzRuns, ParseWatchdog} from './fuzz/watchdog.js';

const runs = fuzzRuns(process.env.SWITCHYARD_FUZZ_RUNS, 1500);
const seed = 20_260_105;
/** Large run counts (test:fuzz) need more than the default test timeout. */
const timeoutMs = 60_000 + runs * 40;

const fixtureRoot = fileURLToPath(new URL('../../fixtures/coordination/', import.meta.url));
function listFiles(folder: string): string[] {
	return readdirSync(folder).flatMap(name => {
		const path = join(folder, name);
		return statSync(path).isDirectory() ? listFiles(path) : [path];
	});
}

/** Inputs that once failed, saved by the watchdog: `<kind>-<hash>.bin`. */
const savedFailures = existsSync(failureFolder) ? listFiles(failureFolder).filter(file => file.endsWith('.bin')) : [];
const seeds = [...listFiles(fixtureRoot), ...savedFailures.filter(file => path.basename(file).startsWith('everywhere-'))].map(file => new Uint8Array(readFileSync(file)));

let watchdog: ParseWatchdog;
beforeAll(async () => {
	watchdog = await ParseWatchdog.start({worker: 'test/core/fuzz/parse-worker.ts'});
});

afterAll(async () => {
	await watchdog?.close();
});

const parseEverywhere = async (bytes: Uint8Array) => watchdog.parse('everywhere', bytes);

const encoder = new TextEncoder();

describe('fuzz', () => {
	test('every seed and every saved failure parses as it is', async () => {
		expect(seeds.length).toBeGreaterThan(10);
		for (const bytes of seeds) {
			await parseEverywhere(bytes);
		}

		for (const file of savedFailures) {
			await watchdog.parse(path.basename(file).split('-')[0]!, new Uint8Array(readFileSync(file)));
		}
	}, timeoutMs);

	// endOnFailure: no shrinking, which would wait out the deadline again for each smaller input.
	test('mutated fixture files never make a reader throw or stall', async () => {
		await fc.assert(
			fc.asyncProperty(fc.nat({max: seeds.length - 1}), fc.array(mutation, {minLength: 1, maxLength: 4}), async (index, changes) => {
				await parseEverywhere(changes.reduce(applyMutation, seeds[index]!));
			}),
			{seed, numRuns: runs, endOnFailure: true},
		);
	}, timeoutMs);

	const markdownish = fc.string({unit: fc.constantFrom('#', ' ', '\n', '\r', '-', '*', '_', '`', '|', ':', '(', ')', '[', ']', '>', '→', '✅', '🔴', 'a', 'Claude', 'Status', '2026-01-05', 'T10:00Z', '**Model**:', 'agent=', ';', '{', '}', '"', ','), maxLength: 400});

	test('generated markdown-like text never makes a reader throw', async () => {
		await fc.assert(
			fc.asyncProperty(markdownish, async text => {
				await parseEverywhere(encoder.encode(text));
			}),
			{seed, numRuns: Math.max(100, Math.floor(runs / 3)), endOnFailure: true},
		);
	}, timeoutMs);

	test('dates: any text gives one of the three answers, quickly', async () => {
		await fc.assert(
			fc.asyncProperty(fc.oneof(fc.string({maxLength: 200}), fc.string({unit: fc.constantFrom('2', '0', '-', ':', 'T', 'Z', '+', ' ', '.', 'J', 'S', 'T', '(', 'a', 'm', 'D', 'e', 'c', ','), maxLength: 60})), async text => {
				await watchdog.parse('date', encoder.encode(text));
			}),
			{seed, numRuns: runs, endOnFailure: true},
		);
	}, timeoutMs);
});
