/**
 * Issue 10's shape at a tenth of figure 6 (fixtures/huge-diffs.ts): 25 `codex/` branches,
 * 4 adding 500–2,400 files of test vectors. The kept answers' byte cap is scaled the same
 * way (a tenth of its 24 MB), so what holds here holds for figure 6: the diff facts of
 * every branch fit in it, and a warm `status` diffs and reads nothing again. A cold one
 * asks its merges while hygiene reads.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildHugeDiffRepo, defaultHugeDiffOptions, type HugeDiffRepo} from '../../fixtures/huge-diffs.js';
import {GitRunner} from '../../source/git/git-runner.js';
import {readBranchDiffs} from '../../source/git/read-diffs.js';
import {keptAnswersFile, limits} from '../../source/snapshot/kept-answers.js';
import {collect} from './test-repos.js';

const scale = 10;
let repo: HugeDiffRepo;
const saved = {...limits};
beforeAll(async () => {
	repo = await buildHugeDiffRepo({
		branches: defaultHugeDiffOptions.branches / scale,
		hugeBranches: defaultHugeDiffOptions.hugeBranches / scale,
		// Patch sizes as reported (14–28 MB a branch): a branch's 20,000-line budget is spent
		// after some tens of its files. The history is short: depth is figure 6's business.
		baseCommits: 60,
	});
	limits.bytes = saved.bytes / scale;
}, 60_000);
afterAll(async () => {
	Object.assign(limits, saved);
	await repo?.cleanup();
});

describe('merges and kept answers on huge diffs', () => {
	it('are asked beside the reading of added blobs, and hold every branch within the cap, so a warm status diffs no branch and reads no blob again', async () => {
		const cold = await collect(repo.root);
		expect(cold.log.count('diff-tree')).toBeGreaterThan(0);
		// Merge predictions need the names only: they are asked while hygiene reads the added blobs.
		const reading = cold.log.records.find(record => record.args.includes('--batch-command'))!;
		const merging = cold.log.records.find(record => record.args.includes('merge-tree'))!;
		expect(merging.startedAt).toBeLessThan(reading.startedAt + reading.durationMs);
		// Attributes are asked for the blobs opened, not for every added path.
		const attributes = cold.log.records.filter(record => record.args.includes('check-attr'));
		expect(attributes).toHaveLength(1);
		expect(attributes[0]!.inputLines).toBeGreaterThan(0);
		expect(attributes[0]!.inputLines).toBeLessThan(repo.hugeFiles / 10);
		// Every branch's diff facts were kept within the cap (written as objects, 7 of 25 were dropped).
		const kept = JSON.parse(readFileSync(path.join(repo.root, '.git', 'switchyard', keptAnswersFile), 'utf8')) as {data: {diffs: unknown[]}};
		expect(kept.data.diffs).toHaveLength(repo.branchNames.length);

		const warm = await collect(repo.root);
		expect(warm.log.count('diff-tree')).toBe(0);
		expect(warm.log.count('check-attr')).toBe(0);
		expect(warm.log.records.filter(record => record.args.includes('--batch-command'))).toEqual([]);
		expect(warm.document.branches).toEqual(cold.document.branches);
	}, 120_000);
});

describe('the run\'s budget of added bytes', () => {
	it('is shared fairly by the huge branches, and each says it read only part', async () => {
		const git = new GitRunner(repo.root);
		const huge = [];
		for (const name of repo.branchNames) {
			huge.push({tip: (await git.run(['rev-parse', name])).trim(), mergeBase: (await git.run(['merge-base', 'main', name])).trim()});
		}

		const budgetBytes = 1024 * 1024;
		const diffs = await readBranchDiffs(git, huge, {budgetBytes});
		const scopes = [...diffs.values()].filter(diff => diff.files.length > 100).map(diff => diff.scope);
		expect(scopes).toHaveLength(repo.options.hugeBranches);
		// One vector line is ~70 bytes; a branch may pass its share by the one blob it was reading (< 60 KB).
		const bytesRead = scopes.map(scope => scope.linesRead * 70);
		expect(bytesRead.reduce((sum, bytes) => sum + bytes, 0)).toBeLessThan(budgetBytes + scopes.length * 60 * 1024);
		expect(Math.min(...bytesRead)).toBeGreaterThan(budgetBytes / scopes.length / 2);
		for (const scope of scopes) {
			expect(scope.filesSkipped).toBeGreaterThan(0);
		}
	});
});
