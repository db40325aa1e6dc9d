/**
 * Names first, then content within the limits (issue 10): a branch's diff is read
 * without git ever making the patch of an added file. What hygiene finds is what the
 * whole patch gave, and a branch whose budget is spent is asked nothing more.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {addedLineLimits} from '../../source/core/hygiene.js';
import {GitCommandLog} from '../../source/git/command-log.js';
import {GitRunner} from '../../source/git/git-runner.js';
import {PatchParser, readBranchDiffs, streamBranchPatches, type BranchDiff} from '../../source/git/read-diffs.js';
import {edit, minutes, repoWithBase} from './test-repos.js';

let repo: RepoBuilder;
let base: string;
let ordinary: string;
let generated: string;
let vectors: string;
const vectorFiles = 40;
const linesPerVectorFile = 1_500;

beforeAll(async () => {
	repo = await repoWithBase();
	base = await repo.revParse('main');
	const binary = Buffer.from('PNG\0\0\x01binary\n');
	const lateNul = Buffer.concat([Buffer.from('ok line\n'.repeat(1_200)), Buffer.from('a NUL \0 here\nmore\n')]);
	ordinary = await repo.commit({
		branch: 'codex/ordinary',
		from: 'main',
		message: 'ordinary work',
		files: {
			// Modified: a console.log and a secret on their lines.
			'src/a.ts': edit('a', 7, 'console.log("debug");').replace('a line 30\n', 'const password = "hunter22-long";\n'),
			'src/b.ts': null,
			// Added: a conflict marker, CRLF lines, no newline at the end.
			'src/new.ts': 'export const x = 1;\r\n<<<<<<< HEAD\r\nconsole.debug(x);',
			'assets/logo.png': binary,
			// NUL after git's first 8,000 bytes: diffed as text, read up to the NUL.
			'data/late-nul.txt': lateNul,
			'docs/empty.md': '',
			'z/keys.ts': 'const token = "ghp_' + 'a'.repeat(36) + '";\n',
		},
		at: minutes(10),
	});
	generated = await repo.commit({
		branch: 'codex/lockfile',
		from: 'main',
		message: 'deps',
		files: {'package-lock.json': '{\n  "lockfileVersion": 3\n}\n', 'src/index.ts': 'console.log(1);\n'},
		at: minutes(11),
	});
	const lines = Array.from({length: linesPerVectorFile}, (_, index) => `{"case": ${index}}`).join('\n') + '\n';
	vectors = await repo.commit({
		branch: 'codex/vectors',
		from: 'main',
		message: 'test vectors',
		files: {'src/a.ts': edit('a', 3, 'console.log("edited");'), ...Object.fromEntries(Array.from({length: vectorFiles}, (_, index) => [`tests/cases/case-${String(index).padStart(3, '0')}.json`, `${index}\n${lines}`]))},
		at: minutes(12),
	});
}, 60_000);

afterAll(async () => {
	await repo?.cleanup();
});

/** The whole patch, read as before: the reference for what hygiene must find. */
async function fromWholePatch(tip: string): Promise<BranchDiff> {
	const parser = new PatchParser();
	await streamBranchPatches(new GitRunner(repo.root), [{tip, mergeBase: base}], line => parser.feed(line));
	return parser.end().get(tip)!;
}

describe('an ordinary branch', () => {
	it('gives the files, binaries, findings (file:line) and counts the whole patch gave', async () => {
		const diff = (await readBranchDiffs(new GitRunner(repo.root), [{tip: ordinary, mergeBase: base}])).get(ordinary)!;
		// The raw diff also names each file's new blob (the whole patch has no such list).
		const {newBlobs, ...rest} = diff;
		expect(rest).toEqual(await fromWholePatch(ordinary));
		expect(newBlobs).toHaveLength(diff.files.length);
		expect(diff.lineIssues.map(issue => issue.detail)).toEqual([
			'src/a.ts:7',
			'src/a.ts:30 (hardcoded credential)',
			'src/new.ts:2',
			'src/new.ts:3',
			'z/keys.ts:1 (GitHub token)',
		]);
		expect(diff.binaries.map(binary => binary.file)).toEqual(['assets/logo.png']);
		// 1,200 lines of data/late-nul.txt read, then the NUL line and the one after it skipped.
		expect(diff.scope).toEqual({linesRead: 2 + 3 + 1_200 + 1, linesSkipped: 2, filesSkipped: 0});
	});

	it('does not read an added generated file: it counts as a file not read, its lines unknown', async () => {
		const diff = (await readBranchDiffs(new GitRunner(repo.root), [{tip: generated, mergeBase: base}])).get(generated)!;
		const whole = await fromWholePatch(generated);
		expect(diff.files).toEqual(whole.files);
		expect(diff.lineIssues).toEqual(whole.lineIssues);
		expect(whole.scope).toEqual({linesRead: 1, linesSkipped: 3, filesSkipped: 1});
		expect(diff.scope).toEqual({linesRead: 1, linesSkipped: 0, filesSkipped: 1});
	});
});

describe('a branch past its budget', () => {
	it('reads modified files first, then added files in path order, and asks git for no blob after the budget', async () => {
		const log = new GitCommandLog();
		const diff = (await readBranchDiffs(new GitRunner(repo.root, log), [{tip: vectors, mergeBase: base}])).get(vectors)!;
		expect(diff.files).toHaveLength(1 + vectorFiles);
		expect(diff.lineIssues).toEqual([{kind: 'console-log', detail: 'src/a.ts:3'}]);
		// src/a.ts's line, then 1,501 lines a file: the budget ends in the fourteenth file.
		const perFile = linesPerVectorFile + 1;
		const whole = Math.floor((addedLineLimits.perBranch - 1) / perFile);
		expect(diff.scope).toEqual({linesRead: addedLineLimits.perBranch, linesSkipped: perFile - ((addedLineLimits.perBranch - 1) % perFile), filesSkipped: vectorFiles - whole - 1});

		// No patch of an added file: the only patch is of the modified files.
		const patches = log.records.filter(record => record.args.includes('-p'));
		expect(patches.map(record => record.args.includes('--diff-filter=MT'))).toEqual([true]);
		// The blobs asked for: the budget's files and a few ahead, not the forty.
		const catFile = log.records.find(record => record.args.includes('cat-file'))!;
		// Its input: an `info` for each of the forty blobs, then `contents` and `flush` lines;
		// asking for every blob would take forty `contents` lines alone.
		expect(catFile.inputLines! - vectorFiles - 2).toBeLessThan(vectorFiles);
	});

	it('runs four git processes whatever the number of branches', async () => {
		const log = new GitCommandLog();
		const pairs = [ordinary, generated, vectors].map(tip => ({tip, mergeBase: base}));
		const diffs = await readBranchDiffs(new GitRunner(repo.root, log), pairs);
		expect([...diffs.keys()]).toEqual([ordinary, generated, vectors]);
		expect(log.records.map(record => record.args.find(arg => !arg.startsWith('-') && !arg.includes('=')))).toEqual(expect.arrayContaining(['diff-tree', 'diff-tree', 'check-attr', 'cat-file']));
		expect(log.records).toHaveLength(4);
	});
});
