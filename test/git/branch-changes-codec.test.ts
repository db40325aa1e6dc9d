/**
 * The compact form of a branch's diff facts in the kept answers: it gives back exactly
 * what it was given, is much smaller than the facts as objects, and an entry it cannot
 * read is `undefined` (the branch is diffed again), never a wrong answer.
 */
import {describe, expect, it} from 'vitest';
import {addedBlocks, BlockList} from '../../source/core/duplication.js';
import type {BranchChanges} from '../../source/snapshot/collector.js';
import {branchChangesCodec} from '../../source/snapshot/branch-changes-codec.js';
import {jsonLength} from '../../source/snapshot/kept-answers.js';

function vectorLines(file: string, lines: number) {
	return Array.from({length: lines}, (_, index) => ({file, line: index + 1, text: `{"in": "0x${(index * 7919).toString(16).padStart(32, '0')}", "out": "0x${index.toString(16).padStart(8, '0')}"},`}));
}

function changes(): BranchChanges {
	const files = Array.from({length: 300}, (_, index) => `tests/cases/task-001/case-${String(index).padStart(4, '0')}.json`);
	// Runs broken by short windows (braces) and by files; one block in a file that is not in `files`.
	const lines = [...files.slice(2).flatMap(file => vectorLines(file, 20)), ...vectorLines(files[0]!, 40), ...['{', '}', '', '{'].map((text, index) => ({file: files[0]!, line: 41 + index, text})), ...vectorLines(files[1]!, 30), ...vectorLines('elsewhere.ts', 6)];
	return {
		files,
		binaries: [{file: 'x.bin', blob: 'a'.repeat(40)}],
		lineIssues: [{kind: 'console-log', detail: 'src/a.ts:3'}],
		scope: {linesRead: 80, linesSkipped: 2, filesSkipped: 1},
		blocks: addedBlocks(lines),
		coordinationBlobs: {'AI_CURRENT_WORK.md': 'b'.repeat(40)},
	};
}

/** The facts with their blocks as plain objects: a BlockList's arrays are private, and `toEqual` would not look at them. */
function plain(changes: BranchChanges | undefined) {
	return changes && {...changes, blocks: changes.blocks.toArray()};
}

describe('branchChangesCodec', () => {
	it('gives back what it was given, through JSON', () => {
		const original = changes();
		expect(original.blocks.length).toBeGreaterThan(5000);
		const stored = JSON.parse(JSON.stringify(branchChangesCodec.encode(original))) as unknown;
		expect(plain(branchChangesCodec.decode(stored))).toEqual(plain(original));
		const bare: BranchChanges = {files: ['a'], binaries: [], lineIssues: [], blocks: new BlockList()};
		expect(plain(branchChangesCodec.decode(JSON.parse(JSON.stringify(branchChangesCodec.encode(bare)))))).toEqual(plain(bare));
	});

	it('is a fraction of the facts written as objects', () => {
		const original = changes();
		expect(JSON.stringify(branchChangesCodec.encode(original)).length).toBeLessThan(JSON.stringify(plain(original)).length / 2);
	});

	it('reads nothing it cannot vouch for', () => {
		const stored = branchChangesCodec.encode(changes()) as {runs: number[]; hashes: string; changed: number};
		const broken: unknown[] = [
			null,
			{files: []},
			{...stored, runs: [...stored.runs, 0, 1]},
			{...stored, runs: [9999, 1, 1, ...stored.runs]},
			{...stored, hashes: stored.hashes.slice(0, 40)},
			{...stored, hashes: Buffer.concat([Buffer.from(stored.hashes, 'base64'), Buffer.alloc(8)]).toString('base64')},
			{...stored, changed: 10_000},
			// A hash that no digest makes: not whole, or past 53 bits.
			...[0.5, 2 ** 60, Number.NaN].map(bad => {
				const hashes = Buffer.from(stored.hashes, 'base64');
				hashes.writeDoubleLE(bad, 8);
				return {...stored, hashes: hashes.toString('base64')};
			}),
		];
		for (const entry of broken) {
			expect(branchChangesCodec.decode(entry)).toBeUndefined();
		}
	});
});

describe('jsonLength, the kept answers\' budget', () => {
	it('is the length JSON.stringify gives, without making the text', () => {
		const values: unknown[] = [
			branchChangesCodec.encode(changes()),
			{number: -30, big: 1e21, fraction: 1.5, none: null, yes: true, no: false, skipped: undefined, nested: {list: [undefined, 'x']}},
			['é', '😀', 'plain', '', 0, 123_456_789],
			[],
			{},
		];
		for (const value of values) {
			expect(jsonLength(value)).toBe(JSON.stringify(value).length);
		}
	});

	it('counts a string as if nothing in it needed an escape', () => {
		for (const text of ['quote " and \\ backslash', 'tab\tnewline\n']) {
			expect(jsonLength(text)).toBe(text.length + 2);
			expect(jsonLength(text)).toBeLessThan(JSON.stringify(text).length);
		}
	});
});
