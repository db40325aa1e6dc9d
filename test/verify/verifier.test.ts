import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {openRepository} from '../../source/commands/open-repository.js';
import {listWorktrees} from '../../source/git/worktrees.js';
import {StateStore} from '../../source/store/state-store.js';
import {Verifier, verifyWorktrees} from '../../source/verify/verifier.js';
import {repoWithBase} from '../git/test-repos.js';

let repo: RepoBuilder;
afterEach(async () => repo?.cleanup());

async function setUp() {
	repo = await repoWithBase();
	const {git, location} = await openRepository(repo.root);
	const store = new StateStore(location.commonDir);
	const marker = path.join(path.dirname(repo.root), 'runs.txt');
	const commit = await repo.revParse('main');
	const tree = await treeOf('main');
	return {git, store, verifier: new Verifier(store, git), marker, commit, tree};
}

const treeOf = async (revision: string) => (await repo.git(['rev-parse', `${revision}^{tree}`])).trim();
const runs = (marker: string) => (existsSync(marker) ? readFileSync(marker, 'utf8').split('\n').filter(Boolean) : []);

describe('the verifier', () => {
	it('runs the commands in a temporary worktree at the commit, and removes it afterwards', async () => {
		const {git, store, verifier, marker, commit, tree} = await setUp();
		const started: string[] = [];
		const outcome = await verifier.verify({commit, tree, commands: [`git rev-parse HEAD >> ${marker}`, `test -f src/a.ts && pwd >> ${marker}`], onStart: command => started.push(command)});
		expect(outcome.passed).toBe(true);
		expect(outcome.results.map(result => [result.exitCode, result.cached, result.tree])).toEqual([[0, false, tree], [0, false, tree]]);
		expect(started).toHaveLength(2);
		const [head, folder] = runs(marker);
		expect(head).toBe(commit);
		expect(folder!.startsWith(store.path(verifyWorktrees))).toBe(true);
		expect(existsSync(folder!)).toBe(false);
		expect(await listWorktrees(git)).toHaveLength(1);
		expect(store.list(verifyWorktrees)).toEqual([]);
	});

	it('verifies one tree once, however often it is asked, also for another commit with the same tree', async () => {
		const {git, verifier, marker, commit, tree} = await setUp();
		const command = `echo run >> ${marker}`;
		for (let ask = 0; ask < 3; ask++) {
			const outcome = await verifier.verify({commit, tree, commands: [command]});
			expect(outcome.passed).toBe(true);
			expect(outcome.results[0]?.cached).toBe(ask > 0);
		}

		// Same files, another message: another commit, the same tree.
		const twin = await repo.git(['commit-tree', '-p', commit, '-m', 'same files', tree], {env: {GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@x', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@x'}});
		expect(twin.trim()).not.toBe(commit);
		const again = await new Verifier(verifier.store, git).verify({commit: twin.trim(), tree, commands: [command]});
		expect(again.results[0]?.cached).toBe(true);
		expect(runs(marker)).toEqual(['run']);

		// Another tree is verified anew.
		const changed = await repo.commit({branch: 'main', message: 'change', files: {'README.md': 'changed\n'}});
		const other = await verifier.verify({commit: changed, tree: await treeOf(changed), commands: [command]});
		expect(other.results[0]?.cached).toBe(false);
		expect(runs(marker)).toEqual(['run', 'run']);
	});

	it('stops at the first failure, and keeps the failure too', async () => {
		const {verifier, marker, commit, tree} = await setUp();
		const commands = [`echo first >> ${marker}; exit 4`, `echo second >> ${marker}`];
		const outcome = await verifier.verify({commit, tree, commands});
		expect(outcome.passed).toBe(false);
		expect(outcome.results.map(result => result.exitCode)).toEqual([4]);
		const again = await verifier.verify({commit, tree, commands});
		expect(again).toMatchObject({passed: false, results: [{exitCode: 4, cached: true}]});
		expect(runs(marker)).toEqual(['first']);
	});

	it('a cancelled run removes its worktree and is not kept', async () => {
		const {git, store, verifier, marker, commit, tree} = await setUp();
		const controller = new AbortController();
		const command = `echo run >> ${marker}; echo started; sleep 30`;
		const outcome = await verifier.verify({commit, tree, commands: [command], signal: controller.signal, onLine: line => line.text === 'started' && controller.abort()});
		expect(outcome).toMatchObject({passed: false, results: [{cancelled: true, cached: false}]});
		expect(await listWorktrees(git)).toHaveLength(1);
		expect(store.list(verifyWorktrees)).toEqual([]);
		expect(verifier.cachedResult(tree, command)).toBeUndefined();
	});

	it('a throw in the middle removes the worktree as well', async () => {
		const {git, store, verifier, commit, tree} = await setUp();
		await expect(verifier.verify({commit, tree, commands: ['true', 'true'], onStart(command) {
			if (store.list(verifyWorktrees).length > 0) {
				throw new Error(`stop before ${command}`);
			}
		}})).rejects.toThrow(/stop before true/);
		expect(await listWorktrees(git)).toHaveLength(1);
		expect(store.list(verifyWorktrees)).toEqual([]);
	});

	it('runs in a given folder without making a worktree', async () => {
		const {git, verifier, marker, commit, tree} = await setUp();
		const outcome = await verifier.verify({commit, tree, commands: [`pwd -P >> ${marker}`], cwd: repo.root});
		expect(outcome.passed).toBe(true);
		expect(runs(marker)).toEqual([repo.root]);
		expect(git.log.count('worktree')).toBe(0);
	});

	it('keeps the newest results only, each with a short tail', async () => {
		const {git, store, commit, tree} = await setUp();
		const verifier = new Verifier(store, git, {maxResults: 3});
		const commands = ['seq 1 5000', 'echo 2', 'echo 3', 'echo 4'];
		for (const command of commands) {
			await verifier.verify({commit, tree, commands: [command], cwd: repo.root});
		}

		expect(commands.map(command => verifier.cachedResult(tree, command)?.tail.at(-1))).toEqual([undefined, '2', '3', '4']);
		await verifier.verify({commit, tree, commands: ['seq 1 5000'], cwd: repo.root, rerun: true});
		expect(verifier.cachedResult(tree, 'seq 1 5000')?.tail).toEqual(Array.from({length: 40}, (_, index) => String(4961 + index)));
		expect(readFileSync(store.path('verify/results.json')).length).toBeLessThan(3000);
	});

	it('removes a temporary worktree left by a crashed run before making its own', async () => {
		const {git, store, verifier, commit, tree} = await setUp();
		const crashed = store.path(verifyWorktrees, 'crashed');
		store.folder(verifyWorktrees);
		writeFileSync(`${crashed}.lock`, JSON.stringify({pid: spawnSync('true').pid, host: os.hostname(), purpose: 'x', since: new Date().toISOString()}));
		await repo.git(['worktree', 'add', '--detach', crashed, commit]);
		expect(await listWorktrees(git)).toHaveLength(2);
		await verifier.verify({commit, tree, commands: ['true']});
		expect(await listWorktrees(git)).toHaveLength(1);
		expect(store.list(verifyWorktrees)).toEqual([]);
	});
});
