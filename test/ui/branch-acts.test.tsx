/**
 * The small acts on a branch, on a real repository: `d` and `l` hand the branch's diff
 * and log to the user's pager (a fake one that records what it was given), `y` copies
 * the name with OSC 52, `D` deletes merged branches with `git branch -d` after a
 * confirmation, and shows what git refused.
 */
import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {cleanup} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {makeBranchActs} from '../../source/commands/branch-acts.js';
import type {StatusDocument} from '../../source/core/snapshot.js';
import type {OpenRepository} from '../../source/repo/open-repository.js';
import type {BranchActs} from '../../source/ui/state/branch-acts.js';
import {branchesToDelete} from '../../source/ui/state/delete-branches.js';
import {collect, edit, minutes, repoWithBase} from '../git/test-repos.js';
import {makeBranch, makeLive, makeSnapshot} from './factory.js';
import {keyCodes, renderApp, settle} from './render-app.js';

let built: RepoBuilder;
let scratch: string;

/** claude/feature (unmerged, parted before main's own change), codex/done and gemini/done (merged; gemini's checked out in a linked worktree). */
async function buildRepo(): Promise<RepoBuilder> {
	const repo = await repoWithBase();
	await repo.branch('claude/feature');
	await repo.commit({branch: 'claude/feature', message: 'Feature: rename a3', files: {'src/a.ts': edit('a', 3, 'claude change')}, at: minutes(5)});
	await repo.commit({branch: 'main', message: 'Base: rename b7', files: {'src/b.ts': edit('b', 7, 'base change')}, at: minutes(6)});
	for (const [index, name] of ['codex/done', 'gemini/done'].entries()) {
		await repo.branch(name);
		await repo.commit({branch: name, message: `${name} work`, files: {[`src/${index}.ts`]: `${name}\n`}, at: minutes(10 + index)});
		await repo.merge({into: 'main', from: name, at: minutes(12 + index)});
	}

	await repo.git(['worktree', 'add', '--quiet', path.join(mkdtempSync(path.join(scratch, 'tree-')), 'gemini'), 'gemini/done']);
	return repo;
}

beforeAll(async () => {
	scratch = mkdtempSync(path.join(os.tmpdir(), 'switchyard-acts-'));
});

afterAll(() => {
	rmSync(scratch, {recursive: true, force: true});
});

afterEach(async () => {
	cleanup();
	await built?.cleanup();
});

async function open(env: NodeJS.ProcessEnv = {}) {
	built = await buildRepo();
	const {document, repo} = await collect(built.root);
	const real = makeBranchActs(repo, {env: {PATH: process.env['PATH'], ...env}, color: false});
	// The test waits on what the screen started, not on a clock.
	const started: Array<Promise<unknown>> = [];
	const track = <T,>(promise: Promise<T>): Promise<T> => {
		started.push(promise);
		return promise;
	};

	const acts: BranchActs = {
		preparePage: async (...args) => track(real.preparePage(...args)),
		deleteBranches: async (...args) => track(real.deleteBranches(...args)),
	};
	const app = await renderApp(makeLive(document), {acts, rows: 40, gitLog: repo.git.log});
	const finished = async (): Promise<void> => {
		await Promise.allSettled(started);
		await settle();
	};

	return {app, repo, document, finished};
}

/** A pager that writes its arguments and what it read into `folder`. */
function fakePager(folder: string): string {
	const script = path.join(folder, 'pager.sh');
	writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$@" > '${folder}/args'\ncat > '${folder}/page'\n`);
	chmodSync(script, 0o755);
	return `${script} --from-test`;
}

async function branchList(repo: OpenRepository): Promise<string[]> {
	return (await repo.git.run(['branch', '--list', '--format=%(refname:short)'])).split('\n').filter(Boolean);
}

describe('d and l: the pager', () => {
	test('d shows the branch\'s own changes since it parted from base, in $PAGER, then the dashboard comes back', async () => {
		const folder = mkdtempSync(path.join(scratch, 'pager-'));
		const {app, finished} = await open({PAGER: fakePager(folder)});
		expect(app.frame()).toContain('claude/feature');
		await app.press('d');
		await finished();
		expect(readFileSync(path.join(folder, 'args'), 'utf8')).toBe('--from-test\n');
		const page = readFileSync(path.join(folder, 'page'), 'utf8');
		expect(page).toContain('+claude change');
		// Three dots: base's own later change is not the branch's.
		expect(page).not.toContain('base change');
		expect(app.frame()).toContain('closed the diff of claude/feature');
		expect(app.gitLog.records.map(record => record.args.join(' '))).toContain('diff --no-color --end-of-options main...claude/feature --');
	});

	test('l shows the branch\'s commits since base; GIT_PAGER wins over PAGER', async () => {
		const folder = mkdtempSync(path.join(scratch, 'pager-'));
		const {app, finished} = await open({GIT_PAGER: fakePager(folder), PAGER: 'false'});
		await app.press('l');
		await finished();
		const page = readFileSync(path.join(folder, 'page'), 'utf8');
		expect(page).toContain('Feature: rename a3');
		expect(page).not.toContain('Base: rename b7');
		expect(app.frame()).toContain('closed the log of claude/feature');
	});

	test('a pager that fails says so in one line', async () => {
		const {app, finished} = await open({PAGER: 'false'});
		await app.press('d');
		await finished();
		expect(app.frame()).toContain('the pager (false) exited with 1');
	});
});

describe('y: copy', () => {
	test('writes the branch name to the terminal as OSC 52 and says so', async () => {
		const {app, finished} = await open();
		await app.press('y');
		const sequence = `\u001B]52;c;${Buffer.from('claude/feature').toString('base64')}\u0007`;
		expect(app.stdout.frames.some(frame => frame.includes(sequence))).toBe(true);
		expect(app.frame()).toContain('copied claude/feature');
	});
});

describe('D: delete merged branches', () => {
	test('on a merged row: that branch only, after enter', async () => {
		const {app, repo, finished} = await open();
		await app.press('M', 'j');
		expect(app.frame()).toContain('codex/done');
		await app.press('D');
		expect(app.frame()).toContain('Delete this merged branch with git branch -d?');
		expect(app.frame()).toContain('enter confirm · esc cancel');
		expect(app.frame()).not.toContain('gemini/done');
		await app.press(keyCodes.enter);
		await finished();
		expect(app.frame()).toContain('Deleted 1:');
		expect(await branchList(repo)).toEqual(['claude/feature', 'gemini/done', 'main']);
	});

	test('from an unmerged row: every merged branch; git\'s refusal (checked out in a worktree) is shown per branch', async () => {
		const {app, repo, finished} = await open();
		await app.press('D');
		const frame = app.frame();
		expect(frame).toContain('these 2 merged branches');
		expect(frame).toContain('codex/done');
		expect(frame).toContain('gemini/done');
		await app.press(keyCodes.enter);
		await finished();
		expect(app.frame()).toMatch(/gemini\/done: .*checked out at/);
		expect(await branchList(repo)).toEqual(['claude/feature', 'gemini/done', 'main']);
		expect(app.actions.refresh).toHaveBeenCalled();
		expect(app.gitLog.records.filter(record => record.args[0] === 'branch' && record.args[1] === '-d')).toHaveLength(2);
		await app.press(keyCodes.escape);
		expect(app.frame()).toContain('claude/feature');
		expect(app.frame()).not.toContain('git kept');
	});

	test('esc cancels: nothing is deleted', async () => {
		const {app, repo} = await open();
		await app.press('D', keyCodes.escape);
		expect(app.frame()).not.toContain('merged branches with git branch -d');
		expect(await branchList(repo)).toEqual(['claude/feature', 'codex/done', 'gemini/done', 'main']);
		expect(existsSync(repo.location.root)).toBe(true);
	});
});

describe('which branches D offers', () => {
	const snapshot = (head: string): StatusDocument => makeSnapshot({
		repo: {root: '/r', state: 'clean', head},
		branches: [
			makeBranch('main', {state: 'merged'}),
			makeBranch('claude/a', {state: 'merged'}),
			makeBranch('codex/b', {state: 'merged'}),
			makeBranch('codex/remote-only', {state: 'merged', local: false}),
			makeBranch('gemini/c'),
		],
	});

	test('never base, the current branch, or a branch that exists only on the remote', () => {
		const document = snapshot('claude/a');
		expect(branchesToDelete(document, document.branches[4]!)).toEqual(['codex/b']);
		expect(branchesToDelete(document, document.branches[1]!)).toEqual(['codex/b']);
		expect(branchesToDelete(document, document.branches[2]!)).toEqual(['codex/b']);
		expect(branchesToDelete(snapshot('main'), null)).toEqual(['claude/a', 'codex/b']);
	});

	test('the key says why when there is nothing to delete, or no repository behind the view', async () => {
		const app = await renderApp(makeLive(snapshot('main')));
		await app.press('D');
		expect(app.frame()).toContain('no repository behind this view');
	});
});
