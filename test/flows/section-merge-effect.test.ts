/**
 * The merge effect's section-by-section merge on a real repository, performed again
 * as after a crash: a merge left stopped with every file already staged is committed
 * (no second merge), and a merge already committed is not repeated.
 */
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {perform, type Effect, type FlowContext} from '../../source/flows/engine/index.js';
import {GitCommandLog} from '../../source/git/command-log.js';
import {addWorktree} from '../../source/git/worktrees.js';
import {openRepository} from '../../source/repo/open-repository.js';
import {StateStore} from '../../source/store/state-store.js';
import {edit, minutes} from '../git/test-repos.js';
import {integrationRepo} from './integration-repos.js';

const repos: RepoBuilder[] = [];
afterEach(async () => {
	for (const repo of repos.splice(0)) {
		await repo.cleanup();
	}
});

const header = ['# AI Current Work', '', '## Available Modules for Work', '- ✅ auth', ''];
const section = (agent: string, work: string) => [`## ${agent} Status`, `**Currently Working On:** ${work}`, ''];
const file = (...parts: string[][]) => parts.flat().join('\n') + '\n';

async function setUp() {
	const repo = await integrationRepo();
	repos.push(repo);
	await repo.commit({branch: 'main', message: 'coordination rules', files: {'AI_CURRENT_WORK.md': file(header)}, at: minutes(1)});
	// The integration so far: main with claude's branch merged.
	await repo.commit({branch: 'claude/auth', from: 'main', message: 'auth', files: {'src/a.ts': edit('a', 3, 'claude'), 'AI_CURRENT_WORK.md': file(header, section('Claude', 'auth'))}, at: minutes(10)});
	const codex = await repo.commit({branch: 'codex/billing', from: 'main', message: 'billing', files: {'src/b.ts': edit('b', 3, 'codex'), 'AI_CURRENT_WORK.md': file(header, section('Codex', 'billing'))}, at: minutes(11)});
	const log = new GitCommandLog(5000);
	const open = await openRepository(repo.root, log);
	const store = new StateStore(open.location.commonDir);
	const context: FlowContext = {git: open.git, store, say() {}, answer: async () => true, verify: async () => ({passed: true, tree: 'unused', summary: []}), agents: open.config};
	const folder = store.path('flows', 'test', 'worktree');
	await addWorktree(open.git, folder, await repo.revParse('main'));
	await repo.git(['-C', folder, 'merge', '--no-ff', '--no-edit', 'claude/auth']);
	const head = (await repo.git(['-C', folder, 'rev-parse', 'HEAD'])).trim();
	const effect: Effect = {type: 'merge', folder, commit: codex, message: 'Merge codex/billing', expectHead: head, bySection: {ours: ['claude'], theirs: 'codex'}};
	return {repo, context, folder, head, codex, effect, log};
}

describe('the merge effect, section by section', () => {
	it('commits a stopped merge whose files were already merged and staged (a crash before the commit), and is not repeated after', async () => {
		const {repo, context, folder, head, codex, effect, log} = await setUp();
		// As the interrupted run left it: git stopped on the file, the merged text written and staged.
		await repo.gitResult(['-C', folder, 'merge', '--no-ff', '-m', 'Merge codex/billing', codex], [1]);
		await writeFile(path.join(folder, 'AI_CURRENT_WORK.md'), file(header, section('Codex', 'billing'), section('Claude', 'auth')));
		await repo.git(['-C', folder, 'add', 'AI_CURRENT_WORK.md']);
		const merges = () => log.records.filter(entry => entry.args[0] === 'merge').length;
		const done = await perform(effect, 'test', context);
		expect(done.ok).toBe(true);
		expect(merges()).toBe(0);
		expect((await repo.git(['-C', folder, 'rev-list', '--parents', '-n', '1', 'HEAD'])).trim().split(' ').slice(1)).toEqual([head, codex]);
		expect(await perform(effect, 'test', context)).toEqual({ok: true, head: done.head});
		expect(merges()).toBe(0);
		expect(await repo.git(['-C', folder, 'status', '--porcelain'])).toBe('');
	});

	it('merges the file section by section when the merge stops on it, and reports which file', async () => {
		const {repo, context, folder, effect} = await setUp();
		const outcome = await perform(effect, 'test', context);
		expect(outcome).toMatchObject({ok: true, sectionMerged: ['AI_CURRENT_WORK.md']});
		const merged = await repo.git(['-C', folder, 'show', 'HEAD:AI_CURRENT_WORK.md']);
		expect(merged).toContain(file(section('Claude', 'auth')));
		expect(merged).toContain(file(section('Codex', 'billing')));
		// Without the sides' agents, the same merge is a conflict.
		await repo.git(['-C', folder, 'reset', '--hard', '--quiet', 'HEAD~1']);
		const {bySection: _none, ...plain} = effect as Extract<Effect, {type: 'merge'}>;
		expect(await perform(plain, 'test', context)).toEqual({ok: false, files: ['AI_CURRENT_WORK.md'], message: 'conflict'});
	});
});
