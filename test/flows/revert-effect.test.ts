/** The engine's revert and abort-revert effects on a real repository, performed twice as after a crash. */
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {brokenMainRepo} from '../../fixtures/broken-main.js';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {openRepository} from '../../source/repo/open-repository.js';
import {perform, type FlowContext} from '../../source/flows/engine/index.js';
import {GitCommandLog} from '../../source/git/command-log.js';
import {addWorktree} from '../../source/git/worktrees.js';
import {StateStore} from '../../source/store/state-store.js';

const repos: RepoBuilder[] = [];
afterEach(async () => {
	for (const repo of repos.splice(0)) {
		await repo.cleanup();
	}
});

async function setUp(options: Parameters<typeof brokenMainRepo>[0] = {}) {
	const repo = await brokenMainRepo(options);
	repos.push(repo);
	const log = new GitCommandLog(5000);
	const open = await openRepository(repo.root, log);
	const store = new StateStore(open.location.commonDir);
	const context: FlowContext = {git: open.git, store, say() {}, answer: async () => true, verify: async () => ({passed: true, tree: 'unused', summary: []})};
	const folder = store.path('flows', 'test', 'worktree');
	const tip = await repo.revParse('main');
	await addWorktree(open.git, folder, tip);
	// The culprit's merge: two first-parent steps below the tip (devin's, then cursor's merge above it).
	const merge = await repo.revParse('main~2');
	return {repo, context, folder, tip, merge, log};
}

describe('the revert effect', () => {
	it('reverts a merge with -m 1, and performed again (a crash before its outcome was journaled) makes no second commit', async () => {
		const {repo, context, folder, tip, merge, log} = await setUp();
		const effect = {type: 'revert' as const, folder, commit: merge, mainline: 1 as const, expectHead: tip};
		const first = await perform(effect, 'test', context);
		expect(first.ok).toBe(true);
		const reverts = () => log.records.filter(entry => entry.args[0] === 'revert').length;
		expect(reverts()).toBe(1);
		const again = await perform(effect, 'test', context);
		expect(again).toEqual(first);
		expect(reverts()).toBe(1);
		expect((await repo.git(['-C', folder, 'rev-parse', 'HEAD~1'])).trim()).toBe(tip);
	});

	it('puts the worktree back on the expected head first when a verification left it elsewhere', async () => {
		const {repo, context, folder, tip, merge} = await setUp();
		await repo.git(['-C', folder, 'checkout', '--quiet', '--detach', 'main~4']);
		const outcome = await perform({type: 'revert', folder, commit: merge, mainline: 1, expectHead: tip}, 'test', context);
		expect(outcome.ok).toBe(true);
		expect((await repo.git(['-C', folder, 'rev-parse', 'HEAD~1'])).trim()).toBe(tip);
	});

	it('answers a conflict with the files, again when performed twice, and abort-revert leaves the worktree clean', async () => {
		const {repo, context, folder, tip, merge} = await setUp({conflictAfter: true});
		const effect = {type: 'revert' as const, folder, commit: merge, mainline: 1 as const, expectHead: tip};
		const conflict = await perform(effect, 'test', context);
		expect(conflict).toEqual({ok: false, files: ['src/app.ts'], message: 'conflict'});
		expect(await perform(effect, 'test', context)).toEqual(conflict);
		expect(await perform({type: 'abort-revert', folder}, 'test', context)).toEqual({ok: true});
		expect(await perform({type: 'abort-revert', folder}, 'test', context)).toEqual({ok: true});
		expect(await repo.git(['-C', folder, 'status', '--porcelain'])).toBe('');
		expect((await repo.git(['-C', folder, 'rev-parse', 'HEAD'])).trim()).toBe(tip);
	});

	it('concludes a revert resolved by hand: names a file with markers left, then commits it once, also when performed again', async () => {
		const {repo, context, folder, tip, merge, log} = await setUp({conflictAfter: true});
		expect((await perform({type: 'revert', folder, commit: merge, mainline: 1, expectHead: tip}, 'test', context)).ok).toBe(false);
		const effect = {type: 'conclude' as const, folder, operation: 'revert' as const, commit: merge, expectHead: tip, files: ['src/app.ts']};
		expect(await perform(effect, 'test', context)).toEqual({ok: false, files: ['src/app.ts'], message: 'unresolved'});
		await writeFile(path.join(folder, 'src/app.ts'), 'resolved by hand\n');
		const done = await perform(effect, 'test', context);
		expect(done.ok).toBe(true);
		const commits = () => log.records.filter(entry => entry.args[0] === 'commit').length;
		expect(commits()).toBe(1);
		expect(await perform(effect, 'test', context)).toEqual(done);
		expect(commits()).toBe(1);
		expect((await repo.git(['-C', folder, 'rev-parse', 'HEAD~1'])).trim()).toBe(tip);
		expect(await repo.git(['-C', folder, 'show', 'HEAD:src/app.ts'])).toBe('resolved by hand\n');
		expect(await repo.git(['-C', folder, 'log', '-1', '--format=%s'])).toMatch(/^Revert /);
		expect(await repo.git(['-C', folder, 'status', '--porcelain'])).toBe('');
	});
});
