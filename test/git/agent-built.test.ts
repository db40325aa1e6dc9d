/**
 * "What each agent built" on a real repository: merges of its branches on base's
 * first-parent line over 7 days, 30 days and all time, the commits and lines they
 * brought, a merge later reverted, and the conflicts its open branches cause. The
 * lines come from one `git log` for all merges, never a process per branch.
 */
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {mergedBranchName, revertedSubject} from '../../source/core/agent-built.js';
import {collect, edit, minutes, repoWithBase} from './test-repos.js';

const day = 24 * 60;
const now = minutes(40 * day);
let repo: RepoBuilder | undefined;

afterEach(async () => {
	await repo?.cleanup();
	repo = undefined;
});

describe('what each agent built', () => {
	it('counts merges, commits and lines per period, names reverted merges, and counts open conflicts', async () => {
		repo = await repoWithBase();
		// claude/a: two commits adding three lines, merged 39 days ago (all time only).
		await repo.commit({branch: 'claude/a', from: 'main', message: 'feat: a', files: {'src/new-a.ts': 'one\ntwo\n'}, at: minutes(10)});
		await repo.commit({branch: 'claude/a', message: 'feat: a more', files: {'src/new-a.ts': 'one\ntwo\nthree\n'}, at: minutes(20)});
		await repo.merge({from: 'claude/a', into: 'main', at: minutes(day)});
		// codex/open forks now, then changes line 5 of src/a.ts: base will change it too.
		await repo.commit({branch: 'codex/open', from: 'main', message: 'fix: line five', files: {'src/a.ts': edit('a', 5, 'codex five')}, at: minutes(2 * day)});
		// codex/c: merged 10 days ago, reverted 9 days ago.
		await repo.commit({branch: 'codex/c', from: 'main', message: 'feat: c', files: {'src/c.ts': 'c1\nc2\n'}, at: minutes(29 * day)});
		await repo.merge({from: 'codex/c', into: 'main', at: minutes(30 * day)});
		await repo.commit({branch: 'main', message: 'Revert "Merge branch \'codex/c\'"', files: {'src/c.ts': null}, at: minutes(31 * day)});
		// claude/b: one line changed, merged 2 days ago.
		await repo.commit({branch: 'claude/b', from: 'main', message: 'fix: b', files: {'src/a.ts': edit('a', 5, 'claude five')}, at: minutes(37 * day)});
		await repo.merge({from: 'claude/b', into: 'main', at: minutes(38 * day)});

		const {document, log} = await collect(repo.root, now);
		const agent = (key: string) => document.agents.find(row => row.agent === key)!;
		const claude = agent('claude').built!;
		expect(claude.periods.all).toEqual({merged: 2, commits: 3, added: 4, removed: 1, reverted: []});
		expect(claude.periods['30d']).toEqual({merged: 1, commits: 1, added: 1, removed: 1, reverted: []});
		expect(claude.periods['7d']).toEqual(claude.periods['30d']);
		expect(claude.openConflicts).toEqual({withBase: 0, withBranches: 0});

		const codex = agent('codex').built!;
		expect(codex.periods['30d']).toEqual({merged: 1, commits: 1, added: 2, removed: 0, reverted: ['codex/c']});
		expect(codex.periods['7d']).toEqual({merged: 0, commits: 0, added: 0, removed: 0, reverted: []});
		expect(codex.openConflicts).toEqual({withBase: 1, withBranches: 0});

		// The lines of every merge: one process.
		expect(log.records.filter(record => record.args.includes('--numstat'))).toHaveLength(1);
	});

	it('reads branch names from the merge subjects git and forges write', () => {
		expect(mergedBranchName("Merge branch 'claude/x'")).toBe('claude/x');
		expect(mergedBranchName("Merge branch 'claude/x' into main")).toBe('claude/x');
		expect(mergedBranchName("Merge remote-tracking branch 'origin/codex/y'")).toBe('codex/y');
		expect(mergedBranchName('Merge pull request #12 from acme/claude/z')).toBe('claude/z');
		expect(mergedBranchName('feat: merge sort')).toBeNull();
		expect(revertedSubject('Revert "Merge branch \'codex/c\'"')).toBe("Merge branch 'codex/c'");
		expect(revertedSubject('Revert the cache')).toBeNull();
	});
});
