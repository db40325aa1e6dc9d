import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {buildDashboardRows} from '../../source/ui/state/dashboard-rows.js';
import {detailLines} from '../../source/ui/state/detail-lines.js';
import {collect, edit, minutes, repoWithBase} from './test-repos.js';

let repo: RepoBuilder;
afterEach(async () => repo?.cleanup());

describe('conflict prediction', () => {
	it('finds a conflict with base, a conflicting pair, and a same-file pair that merges cleanly', async () => {
		repo = await repoWithBase();
		await repo.commit({branch: 'claude/left', from: 'main', message: 'left edits line 5', files: {'src/a.ts': edit('a', 5, 'left')}, at: minutes(10)});
		await repo.commit({branch: 'codex/right', from: 'main', message: 'right edits line 5', files: {'src/a.ts': edit('a', 5, 'right')}, at: minutes(11)});
		await repo.commit({branch: 'gemini/far', from: 'main', message: 'far edits line 35', files: {'src/a.ts': edit('a', 35, 'far')}, at: minutes(12)});
		await repo.commit({branch: 'copilot/b', from: 'main', message: 'b edits line 2', files: {'src/b.ts': edit('b', 2, 'copilot')}, at: minutes(13)});
		// Base moves on and rewrites the line copilot changed.
		await repo.commit({branch: 'main', message: 'base edits b line 2', files: {'src/b.ts': edit('b', 2, 'base')}, at: minutes(20)});

		const {document} = await collect(repo.root);
		const row = (name: string) => document.branches.find(branch => branch.name === name)!;

		expect(row('copilot/b').conflictsWithBase).toEqual(['src/b.ts']);
		expect(row('copilot/b').mergesCleanly).toBe(false);
		expect(row('copilot/b').readiness.verdict).toBe('blocked');
		expect(row('copilot/b').behind).toBe(1);

		expect(row('claude/left').conflictsWith).toEqual([{branch: 'codex/right', files: ['src/a.ts']}]);
		expect(row('codex/right').conflictsWith).toEqual([{branch: 'claude/left', files: ['src/a.ts']}]);
		expect(row('claude/left').readiness.verdict).toBe('warn');
		expect(row('claude/left').readiness.reasons.join('\n')).toContain('conflicts with codex/right on 1 file: src/a.ts');

		// gemini/far touches the same file as both, in another region: no conflict.
		expect(row('gemini/far').conflictsWith).toEqual([]);
		expect(row('gemini/far').mergesCleanly).toBe(true);
	});

	it('asks merge-tree only about candidates, in one process, and never about merged branches', async () => {
		repo = await repoWithBase();
		await repo.commit({branch: 'claude/a', from: 'main', message: 'a', files: {'src/a.ts': edit('a', 1, 'claude')}, at: minutes(10)});
		await repo.commit({branch: 'codex/a', from: 'main', message: 'a too', files: {'src/a.ts': edit('a', 30, 'codex')}, at: minutes(11)});
		await repo.commit({branch: 'gemini/readme', from: 'main', message: 'readme', files: {'README.md': 'hello gemini\n'}, at: minutes(12)});
		await repo.commit({branch: 'cursor/new', from: 'main', message: 'new file', files: {'src/c.ts': 'c\n'}, at: minutes(13)});
		await repo.commit({branch: 'devin/merged', from: 'main', message: 'd', files: {'src/d.ts': 'd\n'}, at: minutes(14)});
		await repo.merge({into: 'main', from: 'devin/merged', at: minutes(15)});
		// Created from base with no commit of its own: new, and nothing to ask merge-tree either.
		await repo.branch('jules/fresh', 'main');
		// Base changes b.ts only: no branch touches it, so no branch is a candidate with base.
		await repo.commit({branch: 'main', message: 'base b', files: {'src/b.ts': edit('b', 3, 'base')}, at: minutes(20)});

		const {document, log, repo: opened} = await collect(repo.root);
		expect(log.count('merge-tree')).toBe(1);
		// The only candidate: claude/a × codex/a (they share src/a.ts).
		expect(opened.collector.stats).toEqual({mergesAsked: 1, candidatePairs: 1, candidatesWithBase: 0, pairsSkipped: 0});
		const merged = document.branches.find(branch => branch.name === 'devin/merged')!;
		expect(merged.merged).toBe(true);
		expect(merged.ahead).toBe(0);
		expect(document.branches.find(branch => branch.name === 'jules/fresh')).toMatchObject({state: 'new', merged: false, mergesCleanly: true});
		expect(document.branches.filter(branch => !branch.merged).every(branch => branch.mergesCleanly === true)).toBe(true);
	});

	it('does not ask again for a pair whose commits did not change', async () => {
		repo = await repoWithBase();
		await repo.commit({branch: 'claude/a', from: 'main', message: 'a', files: {'src/a.ts': edit('a', 1, 'claude')}, at: minutes(10)});
		await repo.commit({branch: 'codex/a', from: 'main', message: 'a', files: {'src/a.ts': edit('a', 1, 'codex')}, at: minutes(11)});
		const {repo: opened, log} = await collect(repo.root);
		await opened.collector.collect(minutes(700).getTime());
		expect(log.count('merge-tree')).toBe(1);
		expect(opened.collector.stats.mergesAsked).toBe(0);
	});

	it('lists each conflicting pair once in the details, also with two branches at one commit', async () => {
		repo = await repoWithBase();
		const both = (who: string) => ({'src/a.ts': edit('a', 5, who), 'src/b.ts': edit('b', 5, who)});
		await repo.commit({branch: 'claude/hub', from: 'main', message: 'hub', files: both('hub'), at: minutes(10)});
		await repo.commit({branch: 'codex/one', from: 'main', message: 'one', files: both('one'), at: minutes(11)});
		await repo.commit({branch: 'gemini/two', from: 'main', message: 'two', files: both('two'), at: minutes(12)});
		// A second name for codex/one's commit: one pair each with hub and two, never with one.
		await repo.branch('codex/one-copy', 'codex/one');

		const {document} = await collect(repo.root);
		const conflicts = (name: string) => document.branches.find(branch => branch.name === name)!.conflictsWith.map(pair => `${pair.branch}: ${pair.files.join(', ')}`);
		const files = 'src/a.ts, src/b.ts';
		expect(conflicts('claude/hub')).toEqual([`codex/one: ${files}`, `codex/one-copy: ${files}`, `gemini/two: ${files}`]);
		expect(conflicts('codex/one')).toEqual([`claude/hub: ${files}`, `gemini/two: ${files}`]);
		expect(conflicts('codex/one-copy')).toEqual([`claude/hub: ${files}`, `gemini/two: ${files}`]);
		expect(conflicts('gemini/two')).toEqual([`claude/hub: ${files}`, `codex/one: ${files}`, `codex/one-copy: ${files}`]);

		const now = minutes(600).getTime();
		const rows = buildDashboardRows(document, {filter: '', sort: 'agent', showMerged: true, now}).rows;
		for (const name of ['claude/hub', 'codex/one', 'codex/one-copy', 'gemini/two']) {
			const lines = detailLines(rows.find(row => row.branch?.name === name)!, 'main', now, false).map(line => line.text.trim());
			const pairLines = lines.filter(line => line.startsWith('with '));
			expect(new Set(pairLines).size, `${name}: ${pairLines.join(' | ')}`).toBe(pairLines.length);
			expect(pairLines.length).toBe(conflicts(name).length);
			const reasons = document.branches.find(branch => branch.name === name)!.readiness.reasons;
			expect(new Set(reasons).size).toBe(reasons.length);
		}
	});
});
