/**
 * The integration flow from the dashboard (DESIGN §6.1), driven with the keys on real
 * repositories through the real services: the same engine and machine as
 * `switchyard integrate`, the screen answering the questions. Each test checks the
 * frame and git.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {makeIntegrationServices} from '../../source/commands/integration-services.js';
import {openRepository, type OpenRepository} from '../../source/repo/open-repository.js';
import {integrationConflictKeys, integrationInspectKeys, integrationPlanKeys} from '../../source/ui/keys/integration.js';
import {addCleanBranches, integrationRepo, refsOf, userFingerprint} from '../flows/integration-repos.js';
import {edit, minutes} from '../git/test-repos.js';
import {runCli} from '../cli/run-cli.js';
import {makeLive, testNow} from './factory.js';
import {keyCodes, renderApp, settle} from './render-app.js';

const repos: RepoBuilder[] = [];
const folders: string[] = [];
afterEach(async () => {
	cleanup();
	for (const repo of repos.splice(0)) {
		await repo.cleanup();
	}

	for (const folder of folders.splice(0)) {
		rmSync(folder, {recursive: true, force: true});
	}
});

async function make(): Promise<RepoBuilder> {
	const repo = await integrationRepo();
	repos.push(repo);
	return repo;
}

/** The dashboard on `repo`, its rows from a real snapshot, the flow through the real services on the same runner. */
async function dashboard(builder: RepoBuilder, verify: string[]) {
	const repo: OpenRepository = await openRepository(builder.root);
	const snapshot = await repo.collector.collect(testNow, {refs: true, worktree: true}, {conflicts: true});
	const app = await renderApp(makeLive(snapshot), {columns: 140, rows: 40, gitLog: repo.git.log, integration: makeIntegrationServices(repo, {verify})});
	return {
		...app,
		/** Moves the dashboard cursor to `branch` and marks it. */
		async mark(branch: string): Promise<void> {
			await app.press('g');
			for (let row = 0; row < 20 && !rowOf(app.frame(), branch).startsWith('›'); row++) {
				await app.press('j');
			}

			await app.press(' ');
		},
	};
}

const rowOf = (frame: string, branch: string): string => frame.split('\n').find(line => line.includes(` ${branch} `) || line.includes(` ${branch}\u001B`) || line.trimEnd().includes(branch)) ?? '';
/** A key of a table by its binding id (STYLE §6 item 11: tests press keys by id). */
const key = (table: ReadonlyArray<{id: string; keys: readonly string[]}>, id: string): string => {
	const spec = table.find(binding => binding.id === id)!.keys[0]!;
	return spec === 'return' ? keyCodes.enter : spec === 'escape' ? keyCodes.escape : spec;
};

describe('the integration screen', () => {
	test('i without a mark says why; space marks two branches, i shows the order and dry run, J reorders, enter runs, enter confirms, and main moves', async () => {
		const builder = await make();
		await addCleanBranches(builder);
		const before = await userFingerprint(builder);
		const app = await dashboard(builder, ['test -f src/c.ts']);
		await app.press('i');
		expect(app.frame()).toContain('i: mark at least one branch (space)');

		await app.mark('claude/a');
		await app.mark('gemini/c');
		expect(rowOf(app.frame(), 'claude/a')).toMatch(/^.\+/);
		expect(rowOf(app.frame(), 'gemini/c')).toMatch(/^.\+/);
		expect(rowOf(app.frame(), 'codex/b')).not.toMatch(/^.\+/);
		// Marks are kept by name across a refresh.
		await app.update(makeLive(await (await openRepository(builder.root)).collector.collect(testNow)));
		expect(rowOf(app.frame(), 'gemini/c')).toMatch(/^.\+/);

		await app.press('i');
		let frame = await app.until('2. gemini/c: merges cleanly');
		expect(frame).toContain('merge into main, in this order');
		expect(frame).toContain('1. claude/a: merges cleanly');
		expect(frame).toContain('verification: test -f src/c.ts');
		expect(frame).toContain('J later');

		// J moves the selected (first) branch later; the dry run follows the new order.
		await app.press(key(integrationPlanKeys, 'later'));
		frame = await app.until('2. claude/a: merges cleanly');
		expect(frame).toContain('1. gemini/c: merges cleanly');
		await app.press(key(integrationPlanKeys, 'earlier'));
		await app.until('2. gemini/c: merges cleanly');

		const refsBefore = await refsOf(builder);
		await app.press(key(integrationPlanKeys, 'run'));
		frame = await app.until('promote: fast-forward main to');
		expect(frame).toMatch(/merged claude\/a/);
		expect(frame).toMatch(/merged gemini\/c/);
		expect(frame).toContain('verification passed');
		expect(frame).toContain('branches: claude/a, gemini/c');
		expect(frame).toContain('enter confirm · esc cancel');
		// Nothing moved before the confirmation.
		expect((await builder.revParse('main'))).toBe(refsBefore.match(/refs\/heads\/main (\w+)/)![1]);

		await app.press(keyCodes.enter);
		frame = await app.until('promoted: main is now');
		expect(frame).toContain('removed the worktree and the integration branch');
		const main = await builder.revParse('main');
		const parents = (await builder.git(['log', '--first-parent', '--format=%s', '-2', 'main'])).trim().split('\n');
		expect(parents[0]).toMatch(/^Merge branch 'gemini\/c' \(gemini\) into test\/integration-/);
		expect(parents[1]).toMatch(/^Merge branch 'claude\/a' \(claude\) into test\/integration-/);
		expect(frame).toContain(main.slice(0, 12));
		expect(await userFingerprint(builder)).toBe(before);
		expect(await builder.git(['branch', '--list', 'test/*'])).toBe('');

		// The two offers after promotion, each declined with esc: nothing is deleted or written.
		expect(frame).toContain('delete the merged branches claude/a, gemini/c?');
		await app.press(keyCodes.escape);
		frame = await app.until('mark the claims of claude, gemini done?');
		await app.press(keyCodes.escape);
		await app.until(/esc\s+back/);
		expect(await builder.git(['branch', '--list', 'claude/a', 'gemini/c'])).not.toBe('');
		expect(await userFingerprint(builder)).toBe(before);

		// One command log: the flow's writes are in the dashboard's L panel, marked as writes.
		await app.press('L');
		frame = app.frame();
		expect(frame).toMatch(/write .*git merge --no-ff/);
		// The flow's worktree is checked out through its record built aside (source/git/worktrees.ts).
		expect(frame).toMatch(/write .*git --git-dir=\S*worktrees-aside/);
		expect(frame).toMatch(/^\s+\d+ ms\s+git (rev-parse|for-each-ref)/m);
		await app.press('L', 'q');
		expect(app.frame()).toContain('sort: agent');
		// The marks were spent by the integration.
		expect(rowOf(app.frame(), 'claude/a')).not.toMatch(/^.\+/);
	});

	test('after promotion, enter on the two offers deletes the merged branches with git branch -d and marks the claims done', async () => {
		const builder = await integrationRepo({userOn: 'main'});
		repos.push(builder);
		await addCleanBranches(builder);
		const claim = runCli(['claim', '--agent', 'claude', '--work', 'module a', '--branch', 'claude/a'], {cwd: builder.root});
		expect(claim.status, claim.stderr).toBe(0);
		const app = await dashboard(builder, []);
		await app.mark('claude/a');
		await app.mark('codex/b');
		await app.press('i');
		await app.until(/2\. \S+: merges cleanly/);
		await app.press(keyCodes.enter);
		await app.until('promote: fast-forward main to');
		await app.press(keyCodes.enter);
		let frame = await app.until('delete the merged branches');
		expect(frame).toMatch(/delete the merged branches (claude\/a, codex\/b|codex\/b, claude\/a)\?/);
		await app.press(keyCodes.enter);
		frame = await app.until(/mark the claims of (claude, codex|codex, claude) done\?/);
		expect(frame).toContain('deleted claude/a (git branch -d)');
		expect(frame).toContain('deleted codex/b (git branch -d)');
		expect(await builder.git(['branch', '--list', 'claude/a', 'codex/b'])).toBe('');
		await app.press(keyCodes.enter);
		frame = await app.until('Claude finished module a');
		// codex never claimed: the done command's own refusal, in one line.
		expect(frame).toContain('switchyard done: Codex has no section in AI_CURRENT_WORK.md; run switchyard claim first');
		expect(readFileSync(path.join(builder.root, 'AI_CURRENT_WORK.md'), 'utf8')).toMatch(/- ✅ module a — Claude, completed /);
	});

	test('a conflict asks: c needs r first and says why, s skips the branch; esc at the confirmation leaves main alone', async () => {
		const builder = await make();
		await builder.commit({branch: 'claude/a', from: 'main', message: 'a: line 5', files: {'src/a.ts': edit('a', 5, 'claude five')}, at: minutes(10)});
		await builder.commit({branch: 'codex/b', from: 'main', message: 'a: line 5 too', files: {'src/a.ts': edit('a', 5, 'codex five')}, at: minutes(11)});
		await builder.commit({branch: 'gemini/c', from: 'main', message: 'c', files: {'src/c.ts': 'c\n'}, at: minutes(12)});
		const before = await refsOf(builder);
		const app = await dashboard(builder, []);
		for (const branch of ['claude/a', 'codex/b', 'gemini/c']) {
			await app.mark(branch);
		}

		await app.press('i');
		let frame = await app.until(/3\. \S+: (merges cleanly|would conflict)/);
		expect(frame).toMatch(/would conflict in src\/a\.ts \(because of [^)]*(claude\/a|codex\/b), merged before it\)/);
		expect(frame).toContain('no verification commands');

		await app.press(keyCodes.enter);
		frame = await app.until('r resolve by hand in the worktree · s skip this branch · a abort the integration');
		expect(frame).toMatch(/(codex\/b|claude\/a) conflicts in src\/a\.ts/);
		await app.press(key(integrationConflictKeys, 'continue'));
		expect(app.frame()).toContain('c: press r first: it shows the worktree to resolve the conflict in');
		await app.press(key(integrationConflictKeys, 'skip'));
		frame = await app.until('promote: fast-forward main to');
		expect(frame).toContain('no verification commands ran');
		await app.press(keyCodes.escape);
		frame = await app.until('not promoted: main was not changed');
		expect(frame).toMatch(/set aside (codex\/b|claude\/a): conflicts in src\/a\.ts/);
		expect(await refsOf(builder)).toBe(before);
	});

	test('a conflict resolved by hand: r shows the worktree, c names a file still unresolved, then commits the merge, and main gets it', async () => {
		const builder = await make();
		await builder.commit({branch: 'claude/a', from: 'main', message: 'a: line 5', files: {'src/a.ts': edit('a', 5, 'claude five')}, at: minutes(10)});
		await builder.commit({branch: 'codex/b', from: 'main', message: 'a: line 5 too', files: {'src/a.ts': edit('a', 5, 'codex five')}, at: minutes(11)});
		const app = await dashboard(builder, ['grep -q "both five" src/a.ts']);
		await app.mark('claude/a');
		await app.mark('codex/b');
		await app.press('i');
		await app.until(/2\. \S+: (merges cleanly|would conflict)/);
		await app.press(keyCodes.enter);
		await app.until('r resolve by hand in the worktree');
		const worktree = /^worktree (.+)$/m.exec((await builder.git(['worktree', 'list', '--porcelain'])).split('\n\n')[1]!)![1]!;
		await app.press(key(integrationConflictKeys, 'resolve'));
		let frame = await app.until('resolve by hand in the worktree:');
		expect(frame.replace(/\s*\n\s*/g, '')).toContain(worktree);
		// The merge stopped there: git marked the file.
		const marked = readFileSync(path.join(worktree, 'src/a.ts'), 'utf8');
		expect(marked).toMatch(/^<<<<<<< /m);
		await app.press(key(integrationConflictKeys, 'continue'));
		frame = await app.until('still unresolved: src/a.ts');
		writeFileSync(path.join(worktree, 'src/a.ts'), edit('a', 5, 'both five'));
		await app.press(key(integrationConflictKeys, 'continue'));
		frame = await app.until('promote: fast-forward main to');
		expect(frame).toMatch(/merged (codex\/b|claude\/a), resolved by hand/);
		expect(frame).toContain('branches: claude/a, codex/b');
		await app.press(keyCodes.enter);
		await app.until('promoted: main is now');
		expect(await builder.git(['show', 'main:src/a.ts'])).toContain('both five');
		expect((await builder.git(['rev-list', '--first-parent', '--count', 'main'])).trim()).toBe('3');
		expect((await builder.git(['worktree', 'list', '--porcelain'])).match(/^worktree /gm)).toHaveLength(1);
	});

	test('a red integration on a red base names no culprit and keeps the worktree, shown, until enter closes the flow', async () => {
		const builder = await make();
		await builder.commit({branch: 'main', message: 'main breaks the build', files: {'broken.txt': 'x\n'}, at: minutes(5)});
		await addCleanBranches(builder);
		const app = await dashboard(builder, ['test ! -f broken.txt']);
		await app.mark('claude/a');
		await app.mark('codex/b');
		await app.press('i');
		await app.until(/2\. \S+: merges cleanly/);
		await app.press(keyCodes.enter);
		const frame = await app.until('the worktree is kept for inspection:');
		expect(frame).toContain('main is already red — no branch is to blame');
		expect(frame).not.toContain('culprit');
		const worktrees = (await builder.git(['worktree', 'list', '--porcelain'])).split('\n\n').filter(Boolean);
		expect(worktrees).toHaveLength(2);
		const folder = /^worktree (.+)$/m.exec(worktrees[1]!)![1]!;
		expect(frame.replace(/\s*\n\s*/g, '')).toContain(folder);
		// It holds the whole red integration, on the integration branch's tip.
		expect((await builder.git(['-C', folder, 'rev-parse', 'HEAD'])).trim()).toBe((await builder.git(['rev-parse', (await builder.git(['branch', '--list', '--format=%(refname)', 'test/*'])).trim()])).trim());
		await app.press(key(integrationInspectKeys, 'close'));
		await app.until('verification failed: main was not changed');
		expect((await builder.git(['worktree', 'list', '--porcelain'])).match(/^worktree /gm)).toHaveLength(1);
		expect(await builder.git(['branch', '--list', 'test/*'])).toBe('');
	});

	test('a red verification names the culprit and offers the green prefix, which enter promotes', async () => {
		const builder = await make();
		await builder.commit({branch: 'claude/a', from: 'main', message: 'a', files: {'src/a.ts': edit('a', 5, 'a five')}, at: minutes(10)});
		await builder.commit({branch: 'codex/b', from: 'main', message: 'b breaks the build', files: {'broken.txt': 'x\n'}, at: minutes(11)});
		const app = await dashboard(builder, ['test ! -f broken.txt']);
		await app.mark('claude/a');
		await app.mark('codex/b');
		await app.press('i');
		await app.until('2. ');
		await app.until(/2\. \S+: merges cleanly/);
		// Keep claude/a first whatever the suggestion: the culprit is then the second merge.
		if (app.frame().includes('1. codex/b')) {
			await app.press(key(integrationPlanKeys, 'later'));
			await app.until(/1\. claude\/a: merges cleanly\n[^\n]*2\. codex\/b: merges cleanly/);
		}

		await app.press(keyCodes.enter);
		const frame = await app.until('promote: fast-forward main to');
		expect(frame).toContain('verification failed');
		expect(frame).toContain('culprit: codex/b turns verification red; this promotes the green prefix without it');
		expect(frame).toContain('branches: claude/a');
		await app.press(keyCodes.enter);
		await app.until('promoted the green prefix: main is now');
		expect(app.frame()).toContain('culprit: codex/b turns verification red (found in 2 verification runs)');
		expect(await builder.git(['log', '-1', '--format=%s', 'main'])).toMatch(/^Merge branch 'claude\/a'/);
	});

	test('the verification streams its output with the elapsed time; x cancels it and nothing is promoted; q asks before leaving a running flow', async () => {
		const builder = await make();
		await addCleanBranches(builder);
		const gate = mkdtempSync(path.join(os.tmpdir(), 'integration-gate-'));
		folders.push(gate);
		const go = path.join(gate, 'go');
		const before = await refsOf(builder);
		const app = await dashboard(builder, [`echo checking the build; while [ ! -f '${go}' ]; do sleep 0.02; done; echo never shown`]);
		await app.mark('claude/a');
		await app.press('i');
		await app.until('1. claude/a: merges cleanly');
		await app.press(keyCodes.enter);
		let frame = await app.until('checking the build');
		expect(frame).toMatch(/\$ echo checking the build.*· \d+\.\d s \(x cancels\)/);
		expect(frame).toContain('x cancel verification');

		// q inside the running flow asks first; esc stays.
		await app.press('q');
		frame = app.frame();
		expect(frame).toContain('leave the running integration?');
		expect(frame).toContain('enter confirm · esc cancel');
		await app.press(keyCodes.escape);
		expect(app.frame()).not.toContain('leave the running integration?');
		expect(app.actions.quit).not.toHaveBeenCalled();

		await app.press('x');
		frame = await app.until('verification cancelled: main was not changed');
		expect(frame).not.toContain('never shown');
		expect(await refsOf(builder)).toBe(before);
		writeFileSync(go, '');
		await settle();
	});

	test('q, then enter, leaves a running flow: the verification stops, nothing is promoted, the worktree is removed, switchyard quits', async () => {
		const builder = await make();
		await addCleanBranches(builder);
		const before = await refsOf(builder);
		const app = await dashboard(builder, ['echo waiting; while true; do sleep 0.02; done']);
		await app.mark('claude/a');
		await app.press('i');
		await app.until('1. claude/a: merges cleanly');
		await app.press(keyCodes.enter);
		await app.until('waiting');
		await app.press('q');
		await app.until('leave the running integration?');
		await app.press(keyCodes.enter);
		expect(app.actions.quit).toHaveBeenCalled();
		// The flow still ends cleanly behind the quit.
		for (let round = 0; round < 500 && (await refsOf(builder)) !== before; round++) {
			await new Promise(resolve => {
				setTimeout(resolve, 10);
			});
		}

		expect((await builder.git(['worktree', 'list'])).trim().split('\n')).toHaveLength(1);
		expect(await refsOf(builder)).toBe(before);
	});
});
