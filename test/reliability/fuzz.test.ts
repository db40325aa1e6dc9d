/**
 * DESIGN §3: no coordination file crashes or stalls a reader. The reliability setting of
 * the fuzz test (test/core/fuzz.test.ts has the seeds, the mutations and the worker
 * with its watchdog): every reader gets mutated fixture files, the same files in other
 * encodings (BOM, UTF-16, Latin-1, mojibake, CRLF, encodings mixed in one file), and
 * files of megabytes (a 5 MB file, a 5 MB line, 5 MB of random bytes, nesting 100,000
 * deep). Each parse is bounded (a second of CPU time per reader, checked in the worker;
 * the watchdog ends a parse that never returns); warnings must name file and line.
 */
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import fc from 'fast-check';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {maxCoordinationFileBytes} from '../../source/core/text.js';
import {applyMutation, concat, mutation} from '../core/fuzz/mutations.js';
import {ParseWatchdog} from '../core/fuzz/watchdog.js';
import {figure, pick} from './setting.js';

const runs = pick({short: 2000, long: 30_000});
const bigFiles = pick({short: 3, long: 12});
const seed = 20_261_203;
const readers = 8;

const fixtureRoot = fileURLToPath(new URL('../../fixtures/coordination/', import.meta.url));
const listFiles = (folder: string): string[] => readdirSync(folder).flatMap(name => (statSync(join(folder, name)).isDirectory() ? listFiles(join(folder, name)) : [join(folder, name)]));
const seeds = listFiles(fixtureRoot).map(file => new Uint8Array(readFileSync(file)));

let watchdog: ParseWatchdog;
const tally = {inputs: 0, crashes: 0, slowestMs: 0, slowestBytes: 0, largest: 0};

beforeAll(async () => {
	watchdog = await ParseWatchdog.start({worker: 'test/core/fuzz/parse-worker.ts'});
});

afterAll(async () => {
	await watchdog?.close();
	figure(`fuzzed coordination files: inputs tried ${tally.inputs} through each of ${readers} readers (largest ${(tally.largest / 1e6).toFixed(1)} MB), crashes ${tally.crashes}, slowest parse ${Math.round(tally.slowestMs)} ms CPU for all readers (a ${tally.slowestBytes}-byte input)`);
});

async function parse(bytes: Uint8Array): Promise<void> {
	tally.inputs++;
	tally.largest = Math.max(tally.largest, bytes.length);
	try {
		const ms = await watchdog.parse('everywhere', bytes);
		if (ms > tally.slowestMs) {
			tally.slowestMs = ms;
			tally.slowestBytes = bytes.length;
		}
	} catch (error) {
		tally.crashes++;
		throw error;
	}
}

const encoder = new TextEncoder();
const latin1 = new TextDecoder('latin1');

type Encoding = 'bom' | 'utf16le' | 'utf16be' | 'latin1' | 'mojibake' | 'crlf' | 'cr' | 'mixed';

function encode(bytes: Uint8Array, encoding: Encoding, at: number): Uint8Array {
	const text = new TextDecoder().decode(bytes);
	switch (encoding) {
		case 'bom': {
			return concat(new Uint8Array([0xef, 0xbb, 0xbf]), bytes);
		}

		case 'utf16le':
		case 'utf16be': {
			const units = Buffer.from(text, 'utf16le');
			if (encoding === 'utf16be') {
				units.swap16();
			}

			return concat(new Uint8Array(encoding === 'utf16le' ? [0xff, 0xfe] : [0xfe, 0xff]), units);
		}

		case 'latin1': {
			return new Uint8Array(Buffer.from(text, 'latin1'));
		}

		case 'mojibake': {
			// UTF-8 read as Latin-1 and saved again as UTF-8, twice for good measure.
			return encoder.encode(latin1.decode(encoder.encode(latin1.decode(bytes))));
		}

		case 'crlf': {
			return encoder.encode(text.replaceAll('\n', '\r\n'));
		}

		case 'cr': {
			return encoder.encode(text.replaceAll('\n', '\r'));
		}

		case 'mixed': {
			const cut = bytes.length === 0 ? 0 : at % bytes.length;
			return concat(bytes.slice(0, cut), encode(bytes.slice(cut), 'utf16le', at));
		}
	}
}

const encoding = fc.constantFrom<Encoding>('bom', 'utf16le', 'utf16be', 'latin1', 'mojibake', 'crlf', 'cr', 'mixed');

describe('fuzzed coordination files, in the reliability setting', () => {
	test('mutated fixture files, in every encoding', async () => {
		await fc.assert(
			fc.asyncProperty(fc.nat({max: seeds.length - 1}), fc.array(mutation, {maxLength: 4}), fc.option(encoding, {freq: 2}), fc.nat(), async (index, changes, encodedAs, at) => {
				const mutated = changes.reduce(applyMutation, seeds[index]!);
				await parse(encodedAs === null ? mutated : encode(mutated, encodedAs, at));
			}),
			{seed, numRuns: runs, endOnFailure: true},
		);
	}, 900_000);

	test('files of the largest size read: a whole file, one line, random bytes; nesting 100,000 deep', async () => {
		const size = maxCoordinationFileBytes;
		const next = fc.sample(fc.nat({max: seeds.length - 1}), {seed, numRuns: bigFiles});
		for (const [round, index] of next.entries()) {
			const base = seeds[index]!;
			const repeated = new Uint8Array(size);
			for (let offset = 0; offset < size; offset += base.length || 1) {
				repeated.set(base.subarray(0, Math.min(base.length, size - offset)), offset);
			}

			const random = new Uint8Array(size);
			for (let offset = 0; offset < size; offset++) {
				random[offset] = (Math.imul(offset + round, 2_654_435_761) >>> 24) & 0xff;
			}

			await parse(repeated);
			await parse(encoder.encode('- **Agent**: claude ' + 'x'.repeat(size - 30) + '\n'));
			await parse(random);
			await parse(encoder.encode('['.repeat(100_000) + ']'.repeat(100_000)));
		}

		expect(tally.crashes).toBe(0);
	}, 900_000);
});
