import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {openRepository} from '../../source/repo/open-repository.js';
import {GitCommandError} from '../../source/git/git-runner.js';
import {addWorktree, listWorktrees, removeStaleWorktrees, removeWorktree, reserveWorktreeFolder} from '../../source/git/worktrees.js';
import {StateStore} from '../../source/store/state-store.js';
import {repoWithBase} from './test-repos.js';

let repo: RepoBuilder;
afterEach(async () => repo?.cleanup());

async function open() {
	repo = await repoWithBase();
	const {git, location} = await openRepository(repo.root);
	return {git, store: new StateStore(location.commonDir), head: await repo.revParse('main')};
}

/** The pid of a process that has exited: an owner that crashed. */
function deadPid(): number {
	const child = spawnSync('true');
	return child.pid!;
}

describe('worktrees under the state folder', () => {
	it('adds a detached worktree and a branch worktree, lists them, removes them', async () => {
		const {git, store, head} = await open();
		const detached = store.path('worktrees', 'one');
		const onBranch = store.path('worktrees', 'two');
		await addWorktree(git, detached, head);
		await addWorktree(git, onBranch, head, {branch: 'test/integration-x'});
		const listed = await listWorktrees(git);
		expect(listed.slice(1)).toEqual([
			{path: detached, head, branch: null, bare: false, prunable: false},
			{path: onBranch, head, branch: 'refs/heads/test/integration-x', bare: false, prunable: false},
		]);
		expect(existsSync(path.join(detached, 'src/a.ts'))).toBe(true);

		await removeWorktree(git, detached);
		await removeWorktree(git, onBranch);
		expect(await listWorktrees(git)).toHaveLength(1);
		expect(existsSync(detached)).toBe(false);
		// Already gone: harmless.
		await removeWorktree(git, detached);
	});

	it('a revision that looks like an option is taken as a name, and refused', async () => {
		const {git, store} = await open();
		const folder = store.path('worktrees', 'x');
		await expect(addWorktree(git, folder, '--orphan')).rejects.toBeInstanceOf(GitCommandError);
		expect(existsSync(folder)).toBe(false);
		expect(await listWorktrees(git)).toHaveLength(1);
	});

	it('a worktree whose folder was deleted by hand is forgotten by git on removal', async () => {
		const {git, store, head} = await open();
		const folder = store.path('worktrees', 'gone');
		await addWorktree(git, folder, head);
		spawnSync('rm', ['-rf', folder]);
		expect((await listWorktrees(git))[1]?.prunable).toBe(true);
		await removeWorktree(git, folder);
		expect(await listWorktrees(git)).toHaveLength(1);
	});

	it('a worktree half removed by a git that was killed (its .git file deleted, files left) is removed, record and all', async () => {
		const {git, store, head} = await open();
		const folder = store.path('worktrees', 'half');
		await addWorktree(git, folder, head);
		// git worktree remove deletes the folder's entries in directory order, then the record.
		spawnSync('rm', [path.join(folder, '.git')]);
		await removeWorktree(git, folder);
		expect(existsSync(folder)).toBe(false);
		expect(await listWorktrees(git)).toHaveLength(1);
	});

	it('after a crash, the worktree of a dead owner is removed at the next start; a live owner keeps its own', async () => {
		const {git, store, head} = await open();
		const crashed = store.path('worktrees/verify', 'crashed');
		mkdirSync(path.dirname(crashed), {recursive: true});
		writeFileSync(`${crashed}.lock`, JSON.stringify({pid: deadPid(), host: os.hostname(), purpose: 'worktree crashed', since: new Date().toISOString()}));
		await addWorktree(git, crashed, head);
		const live = reserveWorktreeFolder(store, 'worktrees/verify', 'live');
		await addWorktree(git, live.folder, head);

		expect(await removeStaleWorktrees(git, store, 'worktrees/verify')).toEqual([crashed]);
		expect(existsSync(crashed)).toBe(false);
		expect(existsSync(`${crashed}.lock`)).toBe(false);
		expect((await listWorktrees(git)).map(entry => entry.path)).toEqual([repo.root, live.folder]);

		await removeWorktree(git, live.folder);
		live.release();
		expect(store.list('worktrees/verify')).toEqual([]);
	});

	it('forgets our worktrees whose folders vanished, and no other missing worktree', async () => {
		const {git, store, head} = await open();
		const ours = store.path('worktrees/verify', 'vanished');
		const users = path.join(path.dirname(repo.root), 'on-a-usb-drive');
		await addWorktree(git, ours, head);
		await addWorktree(git, users, head);
		spawnSync('rm', ['-rf', ours, users]);
		expect((await listWorktrees(git)).filter(entry => entry.prunable)).toHaveLength(2);

		expect(await removeStaleWorktrees(git, store, 'worktrees/verify')).toEqual([ours]);
		expect((await listWorktrees(git)).map(entry => entry.path)).toEqual([repo.root, users]);
	});

	it('never shows another git process a worktree without its real HEAD (git 2.39 writes a placeholder first)', async () => {
		const {git, store, head} = await open();
		// Another process reads every worktree's HEAD, as an agent's fetch or gc does, until told to stop.
		const stop = path.join(store.root, 'stop-reading');
		const errors = path.join(store.root, 'reader-errors');
		const reads = path.join(store.root, 'reads');
		const reader = spawn('sh', ['-c', `while [ ! -f "$1" ]; do git rev-list --all -n1 >/dev/null 2>>"$2"; echo >> "$3"; done`, 'reader', stop, errors, reads], {cwd: repo.root, stdio: 'ignore'});
		const done = new Promise(resolve => reader.on('exit', resolve));
		const adds = 25;
		for (let index = 0; index < adds; index++) {
			const folder = store.path('worktrees', `race-${index}`);
			await addWorktree(git, folder, head, index % 2 === 0 ? {} : {branch: `test/race-${index}`});
			expect(await repo.git(['-C', folder, 'rev-parse', 'HEAD'])).toBe(`${head}\n`);
			await removeWorktree(git, folder);
		}

		writeFileSync(stop, '');
		await done;
		// The reader ran alongside (several reads), and none of its reads failed.
		expect(readFileSync(reads, 'utf8').length).toBeGreaterThan(adds);
		expect(existsSync(errors) ? readFileSync(errors, 'utf8') : '').toBe('');
	});
});
