/**
 * Huge diffs (issue 10): a branch whose patch is hundreds of megabytes is read as a
 * stream. Its file list stays complete, hygiene reads a bounded number of added lines,
 * the row says how much it read, and memory does not grow with the patch.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Ajv} from 'ajv';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {writeRepeatedBlob} from '../../fixtures/huge-blobs.js';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {addedLineLimits} from '../../source/core/hygiene.js';
import type {StatusDocument} from '../../source/core/snapshot.js';
import {GitRunner} from '../../source/git/git-runner.js';
import {PatchParser, readBranchDiffs, readChangedFiles, streamBranchPatches} from '../../source/git/read-diffs.js';
import {runCli} from '../cli/run-cli.js';
import {minutes, repoWithBase} from './test-repos.js';

const schemaPath = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'schema', 'status-v1.schema.json');
const megabyte = 1024 * 1024;
/** One generated test vector. */
const vectorLine = '{"in": "0x00112233445566778899aabbccddeeff", "out": "0x0f1e2d"},\n';
/** Twelve files of about 25 MB: 300 MB of patch, and more lines than a branch's limit. */
const hugeFiles = 12;
const linesPerHugeFile = 400_000;
/** One file of 50 MB. */
const linesPerBigFile = 800_000;

/** The 300 MB branch, alone in its repository so the status tests do not read it too. */
let hugeRepo: RepoBuilder;
let hugeBase: string;
let hugeTip: string;
/** A 50 MB file and a binary `*.md`, read through status. */
let repo: RepoBuilder;
let mergeBase: string;
let bigTip: string;
let binaryTip: string;

beforeAll(async () => {
	hugeRepo = await repoWithBase();
	hugeBase = await hugeRepo.revParse('main');
	const vectors = await writeRepeatedBlob(hugeRepo.root, vectorLine, linesPerHugeFile * vectorLine.length);
	// Files the generated-file rule does not recognise: read up to the limits.
	hugeTip = await hugeRepo.commit({
		branch: 'codex/vectors',
		from: 'main',
		message: 'add test cases',
		files: {'src/app.ts': 'export const a = 1;\nconsole.log(a);\n', ...Object.fromEntries(hugeFileNames().map(file => [file, {blob: vectors}]))},
		at: minutes(10),
	});

	repo = await repoWithBase();
	mergeBase = await repo.revParse('main');
	const big = await writeRepeatedBlob(repo.root, vectorLine, linesPerBigFile * vectorLine.length);
	bigTip = await repo.commit({branch: 'codex/big', from: 'main', message: 'add fixtures', files: {'src/fixtures.json': {blob: big}}, at: minutes(11)});
	const binary = Buffer.alloc(2 * megabyte, 'x');
	binary[10] = 0;
	binaryTip = await repo.commit({branch: 'codex/binary-md', from: 'main', message: 'add notes', files: {'docs/notes.md': binary, 'src/ok.ts': 'export const ok = 1;\n'}, at: minutes(12)});
}, 120_000);

afterAll(async () => {
	await hugeRepo?.cleanup();
	await repo?.cleanup();
});

/** In the order git lists them: cases-01 … cases-12. */
function hugeFileNames(): string[] {
	return Array.from({length: hugeFiles}, (_, index) => `src/data/cases-${String(index + 1).padStart(2, '0')}.json`);
}


describe('reading a 300 MB patch', () => {
	it('keeps a bounded amount at once, reads added lines within the limits and lists every file', async () => {
		const git = new GitRunner(hugeRepo.root);
		const parser = new PatchParser();
		let patchLines = 0;
		const rssBefore = process.memoryUsage().rss;
		const maxRssBefore = process.resourceUsage().maxRSS * 1024;
		let sampled = rssBefore;
		const sampler = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 5);
		try {
			await streamBranchPatches(git, [{tip: hugeTip, mergeBase: hugeBase}], line => {
				patchLines++;
				parser.feed(line);
			});
		} finally {
			clearInterval(sampler);
		}

		// maxRSS is the process's peak so far: it tells only when it rose during the read.
		const maxRssAfter = process.resourceUsage().maxRSS * 1024;
		const peak = Math.max(sampled, maxRssAfter > maxRssBefore ? maxRssAfter : 0);
		const diff = parser.end().get(hugeTip)!;
		const added = 2 + hugeFiles * linesPerHugeFile;
		expect(patchLines).toBeGreaterThan(added);
		expect(diff.files).toEqual(['src/app.ts', ...hugeFileNames()]);
		// src/app.ts, nine whole limits of 2,000, then the branch limit ends file ten; eleven and twelve are not read.
		expect(diff.scope).toEqual({linesRead: addedLineLimits.perBranch, linesSkipped: added - addedLineLimits.perBranch, filesSkipped: 2});
		expect(diff.lineIssues).toEqual([{kind: 'console-log', detail: 'src/app.ts:2'}]);
		// What waited to be scanned at once: one batch, however long the patch.
		expect(parser.held.maxLines).toBeLessThanOrEqual(512);
		expect(parser.held.maxChars).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);
		expect(peak - rssBefore).toBeLessThan(150 * megabyte);
	});
});

describe('binary and generated files', () => {
	it('lists a binary *.md as a binary and reads none of it', async () => {
		const diff = (await readBranchDiffs(new GitRunner(repo.root), [{tip: binaryTip, mergeBase}])).get(binaryTip)!;
		expect(diff.files).toEqual(['docs/notes.md', 'src/ok.ts']);
		expect(diff.binaries).toEqual([{file: 'docs/notes.md', blob: expect.stringMatching(/^[0-9a-f]{40}$/)}]);
		expect(diff.scope).toEqual({linesRead: 1, linesSkipped: 0, filesSkipped: 0});
	});

	it('skips a binary file that attributes make git diff as text, and the huge line it makes', async () => {
		await repo.writeWorktreeFile('.gitattributes', '*.md diff\n');
		try {
			const diff = (await readBranchDiffs(new GitRunner(repo.root), [{tip: binaryTip, mergeBase}])).get(binaryTip)!;
			expect(diff.binaries).toEqual([]);
			expect(diff.scope).toEqual({linesRead: 1, linesSkipped: 1, filesSkipped: 1});
		} finally {
			await repo.writeWorktreeFile('.gitattributes', '');
		}
	});
});

describe('the row says how much hygiene read', () => {
	it('status --json carries hygieneScope (valid against the schema), status prints one line about it', () => {
		const json = runCli(['status', '--json', '-C', repo.root]);
		expect(json.stderr).toBe('');
		const document = JSON.parse(json.stdout) as StatusDocument;
		const validate = new Ajv({allErrors: true, strict: false}).compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
		expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
		const row = document.branches.find(branch => branch.name === 'codex/big')!;
		const total = linesPerBigFile;
		expect(row.hygieneScope).toEqual({linesRead: 2_000, linesSkipped: total - 2_000, filesSkipped: 0});
		expect(document.branches.find(branch => branch.name === 'codex/binary-md')!.hygieneScope).toBeUndefined();

		const text = runCli(['status', '-C', repo.root]);
		expect(text.stdout).toContain(`hygiene looked at 2,000 of ${total.toLocaleString('en-US')} added lines`);
	});
});

describe('base changes', () => {
	it('readChangedFiles streams the name-only diff of each pair', async () => {
		const changed = await readChangedFiles(new GitRunner(repo.root), [{from: mergeBase, to: bigTip}, {from: bigTip, to: binaryTip}]);
		expect(changed.get(mergeBase)).toEqual(['src/fixtures.json']);
		expect(changed.get(bigTip)).toEqual(['docs/notes.md', 'src/fixtures.json', 'src/ok.ts']);
	});
});
