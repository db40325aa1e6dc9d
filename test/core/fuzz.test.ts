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

type Mutation =
	| {kind: 'flip'; at: number; value: number}
	| {kind: 'truncate'; at: number}
	| {kind: 'duplicate'; at: number; length: number; times: number}
	| {kind: 'insert'; at: number; bytes: readonly number[]}
	| {kind: 'nest'; depth: number; object: boolean}
	| {kind: 'long-line'; at: number; unit: string; times: number}
	| {kind: 'duplicate-key'; key: string; times: number};

const position = fc.nat({max: 1_000_000});
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({kind: fc.constant('flip' as const), at: position, value: fc.nat({max: 255})}),
	fc.record({kind: fc.constant('truncate' as const), at: position}),
	fc.record({kind: fc.constant('duplicate' as const), at: position, length: fc.integer({min: 1, max: 400}), times: fc.integer({min: 1, max: 60})}),
	fc.record({
		kind: fc.constant('insert' as const),
		at: position,
		bytes: fc.oneof(
			fc.constantFrom([0], [13], [13, 13], [10, 10, 10], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xc3], [0xf0, 0x9f, 0xa4, 0x96]),
			fc.array(fc.nat({max: 255}), {maxLength: 12}),
		),
	}),
	fc.record({kind: fc.constant('nest' as const), depth: fc.integer({min: 1, max: 5000}), object: fc.boolean()}),
	fc.record({
		kind: fc.constant('long-line' as const),
		at: position,
		unit: fc.constantFrom('x', ' ', '*', '(', ')', '[', ']', '|', '#', '-', ':', '**a**:', '2026-01-01 ', '[a](', '`', '\t', 'é', '🤖', '- [ ] ', '=;'),
		times: fc.integer({min: 1, max: 100_000}),
	}),
	fc.record({kind: fc.constant('duplicate-key' as const), key: fc.constantFrom('agent', 'lastAuthor', 'status', 'files', 'as_of', '__proto__', 'constructor'), times: fc.integer({min: 1, max: 50})}),
);

const encoder = new TextEncoder();

function applyMutation(bytes: Uint8Array, change: Mutation): Uint8Array {
	const at = (value: number) => (bytes.length === 0 ? 0 : value % (bytes.length + 1));
	switch (change.kind) {
		case 'flip': {
			if (bytes.length === 0) {
				return bytes;
			}

			const copy = bytes.slice();
			copy[change.at % bytes.length] = change.value;
			return copy;
		}

		case 'truncate': {
			return bytes.slice(0, at(change.at));
		}

		case 'duplicate': {
			const start = at(change.at);
			const piece = bytes.slice(start, start + change.length);
			const repeated = new Uint8Array(piece.length * change.times);
			for (let index = 0; index < change.times; index++) {
				repeated.set(piece, index * piece.length);
			}

			return concat(bytes.slice(0, start), repeated, bytes.slice(start));
		}

		case 'insert': {
			const start = at(change.at);
			return concat(bytes.slice(0, start), new Uint8Array(change.bytes), bytes.slice(start));
		}

		case 'nest': {
			const open = change.object ? '{"agent":"codex","x":' : '[';
			const close = change.object ? '}' : ']';
			return concat(encoder.encode(open.repeat(change.depth)), bytes, encoder.encode(close.repeat(change.depth)));
		}

		case 'long-line': {
			const start = at(change.at);
			return concat(bytes.slice(0, start), encoder.encode(change.unit.repeat(Math.ceil(change.times / change.unit.length))), bytes.slice(start));
		}

		case 'duplicate-key': {
			const brace = bytes.indexOf(0x7b);
			if (brace < 0) {
				return bytes;
			}

			const keys = encoder.encode(`"${change.key}": "Claude Code", `.repeat(change.times));
			return concat(bytes.slice(0, brace + 1), keys, bytes.slice(brace + 1));
		}
	}
}

function concat(...parts: Uint8Array[]): Uint8Array {
	const result = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		result.set(part, offset);
		offset += part.length;
	}

	return result;
}

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
