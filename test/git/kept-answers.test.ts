/**
 * Answers kept in the state folder between runs (docs/design.md §4): a second `status`
 * (a new process: here a new collector) asks git no merge, no diff; a broken file is
 * ignored with a notice and rewritten; an entry stops being used once a side moved.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {KeptAnswers, keptAnswersFile, limits} from '../../source/snapshot/kept-answers.js';
import {StateStore} from '../../source/store/state-store.js';
import {closeLiveSessions, startLiveSession} from '../watch/live-helpers.js';
import {collect, edit, minutes, repoWithBase} from './test-repos.js';

let repo: RepoBuilder;
afterEach(async () => {
	await closeLiveSessions();
	await repo?.cleanup();
});

/** Two pairs that conflict, one that merges cleanly, one branch that conflicts with base. */
async function repoWithConflicts(): Promise<RepoBuilder> {
	const built = await repoWithBase();
	await built.commit({branch: 'claude/left', from: 'main', message: 'left', files: {'src/a.ts': edit('a', 5, 'left')}, at: minutes(10)});
	await built.commit({branch: 'codex/right', from: 'main', message: 'right', files: {'src/a.ts': edit('a', 5, 'right')}, at: minutes(11)});
	await built.commit({branch: 'gemini/far', from: 'main', message: 'far', files: {'src/a.ts': edit('a', 35, 'far')}, at: minutes(12)});
	await built.commit({branch: 'copilot/b', from: 'main', message: 'b', files: {'src/b.ts': edit('b', 2, 'copilot')}, at: minutes(13)});
	await built.commit({branch: 'main', message: 'base edits b line 2', files: {'src/b.ts': edit('b', 2, 'base')}, at: minutes(20)});
	return built;
}

const cacheFile = (root: string) => path.join(root, '.git', 'switchyard', keptAnswersFile);
const withoutTime = (document: {generatedAt: string}) => ({...document, generatedAt: ''});

describe('answers kept between runs', () => {
	it('lets a second run ask git no merge and no diff, and give the same answers', async () => {
		repo = await repoWithConflicts();
		const cold = await collect(repo.root);
		expect(cold.log.count('merge-tree')).toBe(1);
		expect(cold.repo.collector.stats.mergesAsked).toBe(4);

		const warm = await collect(repo.root);
		expect(warm.log.count('merge-tree')).toBe(0);
		expect(warm.log.count('diff-tree')).toBe(0);
		expect(warm.repo.collector.stats.mergesAsked).toBe(0);
		expect(warm.log.count()).toBeLessThanOrEqual(cold.log.count() - 3);
		expect(withoutTime(warm.document)).toEqual(withoutTime(cold.document));
		expect(warm.document.branches.find(branch => branch.name === 'copilot/b')!.conflictsWithBase).toEqual(['src/b.ts']);
		expect(warm.document.notices).toEqual([]);
	});

	it('are kept by a live session too, saved once its snapshot is out', async () => {
		repo = await repoWithConflicts();
		const session = await startLiveSession(repo.root, () => minutes(600).getTime(), {watch: false, fetch: false});
		expect(session.state.snapshot!.branches.find(branch => branch.name === 'copilot/b')!.mergesCleanly).toBe(false);
		await session.close();
		const next = await collect(repo.root);
		expect(next.log.count('merge-tree')).toBe(0);
		expect(next.log.count('diff-tree')).toBe(0);
	});

	it('ignores a corrupt or truncated file with a notice, and rewrites it', async () => {
		repo = await repoWithConflicts();
		await collect(repo.root);
		const file = cacheFile(repo.root);
		const text = readFileSync(file, 'utf8');
		for (const broken of [text.slice(0, Math.floor(text.length / 2)), 'not json at all']) {
			writeFileSync(file, broken);
			const run = await collect(repo.root);
			expect(run.document.notices).toEqual([expect.stringMatching(/^switchyard state: cache\/answers\.json is not valid JSON.*ignored/)]);
			expect(run.log.count('merge-tree')).toBe(1);
			expect(run.document.branches.find(branch => branch.name === 'claude/left')!.conflictsWith).toEqual([{branch: 'codex/right', files: ['src/a.ts']}]);
			// Rebuilt: the next run finds everything again.
			const next = await collect(repo.root);
			expect(next.log.count('merge-tree')).toBe(0);
			expect(next.document.notices).toEqual([]);
		}
	});

	it('does not use an answer once one side of the pair moved', async () => {
		repo = await repoWithConflicts();
		await collect(repo.root);
		// gemini/far merged cleanly with both; now it rewrites line 5 too.
		await repo.commit({branch: 'gemini/far', message: 'now line 5', files: {'src/a.ts': edit('a', 5, 'far')}, at: minutes(30)});
		const run = await collect(repo.root);
		// Its two pairs only; left × right is still known.
		expect(run.repo.collector.stats.mergesAsked).toBe(2);
		expect(run.log.records.filter(record => record.args.includes('merge-tree')).map(record => record.inputLines)).toEqual([2]);
		expect(run.document.branches.find(branch => branch.name === 'gemini/far')!.conflictsWith.map(conflict => conflict.branch).sort()).toEqual(['claude/left', 'codex/right']);
	});

	it('merges what two processes learned, under the lock, instead of the last one winning', async () => {
		repo = await repoWithBase();
		const commonDir = path.join(repo.root, '.git');
		const first = new KeptAnswers<{files: string[]}>(new StateStore(commonDir));
		const second = new KeptAnswers<{files: string[]}>(new StateStore(commonDir));
		first.merge('a b');
		second.merge('a b');
		first.setMerge('a b', {clean: true, conflictedFiles: []});
		second.setMerge('c d', {clean: false, conflictedFiles: ['x']});
		await first.save();
		await second.save();
		const reader = new KeptAnswers<{files: string[]}>(new StateStore(commonDir));
		expect(reader.merge('a b')).toEqual({clean: true, conflictedFiles: []});
		expect(reader.merge('c d')).toEqual({clean: false, conflictedFiles: ['x']});
		expect(reader.takeWarnings()).toEqual([]);
	});

	it('keeps the most recently used entries within the cap', async () => {
		repo = await repoWithBase();
		const saved = {...limits};
		limits.merges = 2;
		try {
			let clock = 100;
			const kept = new KeptAnswers<{files: string[]}>(new StateStore(path.join(repo.root, '.git')), () => clock);
			for (const key of ['old', 'used', 'new']) {
				clock += 1;
				kept.setMerge(key, {clean: true, conflictedFiles: []});
			}

			clock += 1;
			kept.merge('used');
			await kept.save();
			const reader = new KeptAnswers<{files: string[]}>(new StateStore(path.join(repo.root, '.git')));
			expect(['old', 'used', 'new'].map(key => reader.merge(key) !== undefined)).toEqual([false, true, true]);
		} finally {
			Object.assign(limits, saved);
		}
	});

	it('keeps base changes and diff facts by both commit ids', async () => {
		repo = await repoWithBase();
		const commonDir = path.join(repo.root, '.git');
		const kept = new KeptAnswers<{files: string[]; extra: number}>(new StateStore(commonDir));
		kept.setBaseChanges('base1', 'fork1', ['src/a.ts', 'src/b.ts']);
		kept.setBaseChanges('base1', 'fork2', ['src/b.ts']);
		kept.setDiff('tip1', 'fork1', {files: ['src/a.ts'], extra: 7});
		await kept.save();
		const reader = new KeptAnswers<{files: string[]; extra: number}>(new StateStore(commonDir));
		expect(reader.baseChanges('base1', 'fork1')).toEqual(['src/a.ts', 'src/b.ts']);
		expect(reader.baseChanges('base1', 'fork2')).toEqual(['src/b.ts']);
		expect(reader.baseChanges('base2', 'fork1')).toBeUndefined();
		// The diff facts travel as they are, a field the cache does not know included.
		expect(reader.diff('tip1', 'fork1')).toEqual({files: ['src/a.ts'], extra: 7});
		expect(reader.diff('tip1', 'fork2')).toBeUndefined();
	});
});
