/**
 * Branches checked out in linked worktrees (where agents often work): the snapshot
 * says where, and how many files there are not committed, read again on every collect
 * (the clock's ticks too) with one `git status` per linked worktree that never writes.
 */
import {mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Ajv} from 'ajv';
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {branchText} from '../../source/ui/format.js';
import {collect, edit, minutes, repoWithBase} from './test-repos.js';

const schemaPath = path.join(import.meta.dirname, '..', 'schema', 'status-v1.schema.json');

let repo: RepoBuilder | undefined;
let trees: string | undefined;

afterEach(async () => {
	await repo?.cleanup();
	if (trees) {
		rmSync(trees, {recursive: true, force: true});
	}
});

/** claude/a in a clean linked worktree, codex/b in one with three uncommitted files, gemini/c nowhere, one detached worktree. */
async function repoWithWorktrees() {
	repo = await repoWithBase();
	trees = mkdtempSync(path.join(os.tmpdir(), 'switchyard-trees-'));
	for (const [index, name] of ['claude/a', 'codex/b', 'gemini/c'].entries()) {
		await repo.commit({branch: name, from: 'main', message: `${name} work`, files: {[`src/${index}.ts`]: `${name}\n`}, at: minutes(10 + index)});
	}

	const claude = path.join(trees, 'wt-claude');
	const codex = path.join(trees, 'wt-codex');
	await repo.git(['worktree', 'add', '--quiet', claude, 'claude/a']);
	await repo.git(['worktree', 'add', '--quiet', codex, 'codex/b']);
	await repo.git(['worktree', 'add', '--quiet', '--detach', path.join(trees, 'wt-detached'), 'main']);
	writeFileSync(path.join(codex, 'src/a.ts'), edit('a', 2, 'uncommitted'));
	writeFileSync(path.join(codex, 'notes.txt'), 'untracked\n');
	await repo.git(['-C', codex, 'mv', 'src/b.ts', 'src/renamed.ts']);
	return {claude, codex};
}

describe('branches checked out in linked worktrees', () => {
	it('say where, and how many files there are uncommitted (which, in the row)', async () => {
		const {claude, codex} = await repoWithWorktrees();
		const {document} = await collect(repo!.root);
		const byName = new Map(document.branches.map(branch => [branch.name, branch]));
		expect(byName.get('claude/a')!.worktree).toEqual({path: claude, dirtyFiles: 0, files: []});
		expect(byName.get('codex/b')!.worktree).toEqual({path: codex, dirtyFiles: 3, files: expect.arrayContaining(['src/a.ts', 'notes.txt', 'src/renamed.ts'])});
		expect(byName.get('codex/b')!.worktree!.files).toHaveLength(3);
		expect(byName.get('gemini/c')!.worktree).toBeUndefined();
		// main is the main worktree's branch: its state is the repository's own.
		expect(byName.get('main')?.worktree).toBeUndefined();
		expect(branchText({branch: byName.get('codex/b')!})).toBe('codex/b (in wt-codex · 3 uncommitted)');
		expect(branchText({branch: byName.get('claude/a')!})).toBe('claude/a (in wt-claude)');
		const validate = new Ajv({allErrors: true, strict: false, validateFormats: false}).compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
		expect(validate(JSON.parse(JSON.stringify(document))), JSON.stringify(validate.errors)).toBe(true);
	});

	it('a clock tick reads each linked worktree\'s status again (one git status each, no listing), and looking never writes its index', async () => {
		const {claude} = await repoWithWorktrees();
		const {log, repo: opened} = await collect(repo!.root);
		const index = path.join(repo!.root, '.git', 'worktrees', 'wt-claude', 'index');
		// A file whose stat changed but not its content: a status allowed to would refresh the index.
		const touched = path.join(claude, 'src/a.ts');
		utimesSync(touched, new Date(Date.now() + 5000), new Date(Date.now() + 5000));
		writeFileSync(path.join(claude, 'scratch.md'), 'agent notes\n');
		const indexBefore = statSync(index).mtimeMs;
		const before = log.records.length;

		const document = await opened.collector.collect(minutes(601).getTime(), {refs: false, worktree: false});
		const tick = log.records.slice(before).map(record => record.args);
		expect(document.branches.find(branch => branch.name === 'claude/a')!.worktree).toEqual({path: claude, dirtyFiles: 1, files: ['scratch.md']});
		expect(tick.filter(args => args.includes('status'))).toHaveLength(2);
		expect(tick.filter(args => args[0] === 'worktree')).toEqual([]);
		expect(statSync(index).mtimeMs).toBe(indexBefore);
	});

	it('a worktree added later, or switched to another branch, is found on the next collect, a tick too', async () => {
		const {claude} = await repoWithWorktrees();
		const {repo: opened, log} = await collect(repo!.root);
		const gemini = path.join(trees!, 'wt-gemini');
		await repo!.git(['worktree', 'add', '--quiet', gemini, 'gemini/c']);
		const before = log.records.length;
		let document = await opened.collector.collect(minutes(601).getTime(), {refs: false, worktree: false});
		expect(document.branches.find(branch => branch.name === 'gemini/c')!.worktree).toEqual({path: gemini, dirtyFiles: 0, files: []});
		expect(log.records.slice(before).filter(record => record.args[0] === 'worktree')).toHaveLength(1);

		await repo!.git(['-C', claude, 'checkout', '--quiet', '-b', 'claude/next']);
		document = await opened.collector.collect(minutes(602).getTime(), {refs: true, worktree: false});
		expect(document.branches.find(branch => branch.name === 'claude/a')!.worktree).toBeUndefined();
		expect(document.branches.find(branch => branch.name === 'claude/next')!.worktree).toEqual({path: claude, dirtyFiles: 0, files: []});
	});
});
