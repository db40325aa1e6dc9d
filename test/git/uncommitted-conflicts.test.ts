/**
 * Conflict prediction with the agents' uncommitted work (issue 17 item 3): two branches
 * that merge cleanly at their tips, checked out in linked worktrees whose uncommitted
 * edits conflict. Only with `includeUncommitted` is the conflict predicted, and either
 * way nothing of the repository changes: no object, ref, index or worktree file.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {runCli} from '../cli/run-cli.js';
import {closeLiveSessions, startLiveSession, untilState} from '../watch/live-helpers.js';
import {collect, edit, minutes, repoWithBase} from './test-repos.js';

let repo: RepoBuilder | undefined;
let trees: string | undefined;

afterEach(async () => {
	await closeLiveSessions();
	await repo?.cleanup();
	if (trees) {
		rmSync(trees, {recursive: true, force: true});
	}
});

/** claude/a and codex/b change far-apart lines of src/a.ts (clean); their worktrees both rewrite line 10 of src/b.ts, unstaged and staged. */
async function repoWithConflictingEdits() {
	repo = await repoWithBase();
	await repo.commit({branch: 'claude/a', from: 'main', message: 'a: line 5', files: {'src/a.ts': edit('a', 5, 'claude')}, at: minutes(10)});
	await repo.commit({branch: 'codex/b', from: 'main', message: 'b: line 30', files: {'src/a.ts': edit('a', 30, 'codex')}, at: minutes(11)});
	await repo.commit({branch: 'gemini/c', from: 'main', message: 'c: new file', files: {'src/c.ts': 'c\n'}, at: minutes(12)});
	trees = mkdtempSync(path.join(os.tmpdir(), 'switchyard-uncommitted-'));
	const claude = path.join(trees, 'wt-claude');
	const codex = path.join(trees, 'wt-codex');
	await repo.git(['worktree', 'add', '--quiet', claude, 'claude/a']);
	await repo.git(['worktree', 'add', '--quiet', codex, 'codex/b']);
	writeFileSync(path.join(claude, 'src/b.ts'), edit('b', 10, 'claude uncommitted'));
	writeFileSync(path.join(claude, 'notes.md'), 'untracked notes\n');
	writeFileSync(path.join(codex, 'src/b.ts'), edit('b', 10, 'codex staged'));
	await repo.git(['-C', codex, 'add', 'src/b.ts']);
	// The user's own checkout has uncommitted work too; it must stay as it is.
	writeFileSync(path.join(repo.root, 'README.md'), 'hello, being edited\n');
	return {claude, codex};
}

/** Everything looking must not change: objects, refs, each worktree's index bytes and status. */
async function repositoryState(folders: string[]) {
	const git = repo!;
	const objects = (await git.git(['count-objects', '-v'])).split('\n').filter(line => !line.startsWith('size-garbage'));
	const refs = await git.git(['for-each-ref', '--format=%(refname) %(objectname)']);
	const worktrees = await Promise.all(folders.map(async folder => {
		const index = path.resolve(folder, (await git.git(['-C', folder, 'rev-parse', '--git-path', 'index'])).trim());
		return {
			folder,
			index: readFileSync(index).toString('base64'),
			status: await git.git(['-C', folder, 'status', '--porcelain', '--untracked-files=all']),
		};
	}));
	return {objects, refs, worktrees};
}

describe('conflict prediction with uncommitted work', () => {
	it('predicts the conflict of two worktrees\' uncommitted edits only when asked, and writes nothing of the repository', async () => {
		const {claude, codex} = await repoWithConflictingEdits();
		const folders = [repo!.root, claude, codex];
		const before = await repositoryState(folders);

		const {document, repo: opened} = await collect(repo!.root);
		const row = (name: string, from = document) => from.branches.find(branch => branch.name === name)!;
		expect(row('claude/a').conflictsWith).toEqual([]);
		expect(row('codex/b').conflictsWith).toEqual([]);
		expect(row('claude/a').uncommittedIncluded).toBeUndefined();

		opened.collector.includeUncommitted = true;
		const withWork = await opened.collector.collect(minutes(601).getTime());
		expect(row('claude/a', withWork).conflictsWith).toEqual([{branch: 'codex/b', files: ['src/b.ts']}]);
		expect(row('codex/b', withWork).conflictsWith).toEqual([{branch: 'claude/a', files: ['src/b.ts']}]);
		expect(row('claude/a', withWork).readiness.reasons.join('\n')).toContain('conflicts with codex/b on 1 file: src/b.ts');
		expect(row('claude/a', withWork).uncommittedIncluded).toBe(true);
		expect(row('codex/b', withWork).uncommittedIncluded).toBe(true);
		// Not checked out anywhere: its tip, as always.
		expect(row('gemini/c', withWork).uncommittedIncluded).toBe(false);
		// The tips are still the branches' own commits.
		expect(row('claude/a', withWork).sha).toBe(await repo!.revParse('claude/a'));
		expect(withWork.notices).toEqual(document.notices);

		// Off again: back to the tips.
		opened.collector.includeUncommitted = false;
		const off = await opened.collector.collect(minutes(602).getTime());
		expect(row('claude/a', off).conflictsWith).toEqual([]);

		expect(await repositoryState(folders)).toEqual(before);
	});

	it('`status --json --include-uncommitted` says per branch whether its uncommitted work was included', async () => {
		const {claude, codex} = await repoWithConflictingEdits();
		const before = await repositoryState([repo!.root, claude, codex]);
		const plain = runCli(['status', '--json'], {cwd: repo!.root});
		expect(plain.status, plain.stderr).toBe(0);
		const plainRows = JSON.parse(plain.stdout).branches as Array<{name: string; conflictsWith: unknown[]; uncommittedIncluded?: boolean}>;
		expect(plainRows.find(branch => branch.name === 'claude/a')).toMatchObject({conflictsWith: []});
		expect(plainRows.some(branch => 'uncommittedIncluded' in branch)).toBe(false);

		const result = runCli(['status', '--json', '--include-uncommitted'], {cwd: repo!.root});
		expect(result.status, result.stderr).toBe(0);
		const rows = JSON.parse(result.stdout).branches as typeof plainRows;
		const byName = new Map(rows.map(branch => [branch.name, branch]));
		expect(byName.get('claude/a')).toMatchObject({uncommittedIncluded: true, conflictsWith: [{branch: 'codex/b', files: ['src/b.ts']}]});
		expect(byName.get('gemini/c')).toMatchObject({uncommittedIncluded: false});
		expect(await repositoryState([repo!.root, claude, codex])).toEqual(before);
	});

	it('the dashboard\'s session turns it on and off (u), and says so in its state', async () => {
		await repoWithConflictingEdits();
		const live = await startLiveSession(repo!.root, () => minutes(120).getTime(), {fetch: false});
		const claude = (state: typeof live.state) => state.snapshot?.branches.find(branch => branch.name === 'claude/a');
		await untilState(live, state => claude(state)?.mergesCleanly !== null && !state.conflictsPending, 'the first full snapshot');
		expect(live.state.includeUncommitted).toBe(false);
		expect(claude(live.state)!.conflictsWith).toEqual([]);

		live.setIncludeUncommitted(true);
		expect(live.state.includeUncommitted).toBe(true);
		const on = await untilState(live, state => claude(state)?.uncommittedIncluded === true, 'a snapshot with the uncommitted work');
		expect(claude(on)!.conflictsWith).toEqual([{branch: 'codex/b', files: ['src/b.ts']}]);

		live.setIncludeUncommitted(false);
		const off = await untilState(live, state => claude(state)?.uncommittedIncluded === undefined, 'a snapshot without it');
		expect(claude(off)!.conflictsWith).toEqual([]);
	});
});
