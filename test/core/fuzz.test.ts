/**
 * Nothing in a coordination file may crash switchyard or stall it (DESIGN.md §3).
 * Every reader gets the fixture files mutated: bytes flipped, cut, duplicated, NUL and
 * CR inserted, JSON nested deep, lines made very long, keys duplicated. A run fails on
 * any throw, any malformed result, or any single parse slower than a second.
 * `SWITCHYARD_FUZZ_RUNS` sets the number of runs (`npm run test:fuzz` uses 50,000).
 */
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {makeAgentResolver} from '../../source/core/agents.js';
import {cpuMs} from '../cpu-time.js';
import {
	decodeCoordinationBytes,
	parseAiCoordination,
	parseCoordinationFile,
	parseCoordinationStatus,
	parseCurrentWork,
	parseGeneric,
	parseHandoff,
	parseSyncStatus,
} from '../../source/core/claims/index.js';
import {parseClaimDate} from '../../source/core/dates.js';
import type {ClaimParser, ParseContext, ParseResult} from '../../source/core/types.js';

const runs = Number(process.env.SWITCHYARD_FUZZ_RUNS ?? 1500);
const seed = 20_260_105;
const slowLimitMs = 1000;
/** Large run counts (test:fuzz) need more than the default test timeout. */
const timeoutMs = 60_000 + runs * 40;

const fixtureRoot = fileURLToPath(new URL('../../fixtures/coordination/', import.meta.url));
function listFiles(folder: string): string[] {
	return readdirSync(folder).flatMap(name => {
		const path = join(folder, name);
		return statSync(path).isDirectory() ? listFiles(path) : [path];
	});
}

const seeds = listFiles(fixtureRoot).map(path => new Uint8Array(readFileSync(path)));

const parsers: Array<[string, ClaimParser]> = [
	['AI_CURRENT_WORK.md', parseCurrentWork],
	['AI_SYNC_STATUS.json', parseSyncStatus],
	['.github/ai-coordination/X_COORDINATION.md', parseAiCoordination],
	['X-COORDINATION-STATUS.md', parseCoordinationStatus],
	['AI_HANDOFF.md', parseHandoff],
	['state/agents.json', parseGeneric],
	['logs/events.jsonl', parseGeneric],
	['AGENT_STATUS.md', parseGeneric],
];

const resolveAgent = makeAgentResolver({agents: {trae: {aliases: ['Trae AI']}}});

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

/** Runs one parser, failing on a throw, on slowness, or on a result of the wrong shape. */
function check(name: string, run: () => ParseResult, context: ParseContext): void {
	const {result, ms: elapsed} = cpuMs(run);
	if (elapsed > slowLimitMs) {
		throw new Error(`${name} took ${Math.round(elapsed)} ms`);
	}

	for (const claim of result.claims) {
		if (!claim.agent || claim.source.file !== context.file || !Array.isArray(claim.files) || !Number.isInteger(claim.source.line)) {
			throw new Error(`${name} returned a malformed claim: ${JSON.stringify(claim).slice(0, 300)}`);
		}

		for (const date of [claim.startedAt, claim.expectedCompletion, claim.lastCheckin]) {
			if (date !== undefined && Number.isNaN(Date.parse(date))) {
				throw new Error(`${name} returned an invalid date ${date}`);
			}
		}
	}

	for (const warning of result.warnings) {
		if (warning.file !== context.file || !Number.isInteger(warning.line) || warning.line < 0 || typeof warning.message !== 'string') {
			throw new Error(`${name} returned a malformed warning: ${JSON.stringify(warning).slice(0, 300)}`);
		}
	}
}

function parseEverywhere(bytes: Uint8Array): void {
	const decoded = decodeCoordinationBytes(bytes, {file: 'fuzz', ref: 'worktree'});
	// The readers also get text that decoding would have refused, such as binary.
	const text = decoded.text ?? new TextDecoder().decode(bytes);
	for (const [file, parser] of parsers) {
		const context = {file, ref: 'worktree', resolveAgent};
		check(file, () => parser(text, context), context);
		check(`parseCoordinationFile(${file})`, () => parseCoordinationFile(file, text, context), context);
	}
}

describe('fuzz', () => {
	test('mutated fixture files never make a reader throw or stall', () => {
		expect(seeds.length).toBeGreaterThan(10);
		fc.assert(
			fc.property(fc.nat({max: seeds.length - 1}), fc.array(mutation, {minLength: 1, maxLength: 4}), (index, changes) => {
				parseEverywhere(changes.reduce(applyMutation, seeds[index]!));
			}),
			{seed, numRuns: runs},
		);
	}, timeoutMs);

	const markdownish = fc.string({unit: fc.constantFrom('#', ' ', '\n', '\r', '-', '*', '_', '`', '|', ':', '(', ')', '[', ']', '>', '→', '✅', '🔴', 'a', 'Claude', 'Status', '2026-01-05', 'T10:00Z', '**Model**:', 'agent=', ';', '{', '}', '"', ','), maxLength: 400});

	test('generated markdown-like text never makes a reader throw', () => {
		fc.assert(
			fc.property(markdownish, text => {
				parseEverywhere(encoder.encode(text));
			}),
			{seed, numRuns: Math.max(100, Math.floor(runs / 3))},
		);
	}, timeoutMs);

	test('dates: any text gives one of the three answers, quickly', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string({maxLength: 200}), fc.string({unit: fc.constantFrom('2', '0', '-', ':', 'T', 'Z', '+', ' ', '.', 'J', 'S', 'T', '(', 'a', 'm', 'D', 'e', 'c', ','), maxLength: 60})), text => {
				const {result: date, ms} = cpuMs(() => parseClaimDate(text));
				expect(ms).toBeLessThan(slowLimitMs);
				expect(['date', 'unknown', 'invalid']).toContain(date.kind);
				if (date.kind === 'date') {
					expect(new Date(date.iso).toISOString()).toBe(date.iso);
				}
			}),
			{seed, numRuns: runs},
		);
	}, timeoutMs);
});
