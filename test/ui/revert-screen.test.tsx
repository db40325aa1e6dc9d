/**
 * The emergency revert flow from the dashboard (DESIGN §6.3), driven with the keys on
 * a real broken main (fixtures/broken-main.ts) through the real services: the same
 * plan, engine, machine and ledger as `switchyard revert`, the screen answering the
 * promotion. Each test checks the frame and git.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {brokenMainFacts, brokenMainRepo} from '../../fixtures/broken-main.js';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {makeRevertServices} from '../../source/commands/revert-services.js';
import {openRepository} from '../../source/repo/open-repository.js';
import {dashboardKeys} from '../../source/ui/keys/dashboard.js';
import {flowRunKeys} from '../../source/ui/keys/flow.js';
import {revertChooseKeys, revertConflictKeys} from '../../source/ui/keys/revert.js';
import {readLedger} from '../../source/store/revert-ledger.js';
import {StateStore} from '../../source/store/state-store.js';
import {makeLive, testNow} from './factory.js';
import {keyCodes, renderApp} from './render-app.js';

const repos: RepoBuilder[] = [];
afterEach(async () => {
	cleanup();
	for (const repo of repos.splice(0)) {
		await repo.cleanup();
	}
});

/** A key of a table by its binding id (STYLE §6 item 11: tests press keys by id). */
const key = (table: ReadonlyArray<{id: string; keys: readonly string[]}>, id: string): string => {
	const spec = table.find(binding => binding.id === id)!.keys[0]!;
	return spec === 'return' ? keyCodes.enter : spec === 'escape' ? keyCodes.escape : spec;
};

const snapshotOf = async (root: string) => (await openRepository(root)).collector.collect(testNow, {refs: true, worktree: true}, {conflicts: true});

/** The dashboard on a broken main, the revert flow through the real services with `verify`. */
async function dashboard(verify: string, options: Parameters<typeof brokenMainRepo>[0] = {}) {
	const builder = await brokenMainRepo(options);
	repos.push(builder);
	const repo = await openRepository(builder.root);
	const app = await renderApp(makeLive(await snapshotOf(builder.root)), {columns: 160, rows: 45, gitLog: repo.git.log, revert: makeRevertServices(repo, {verify: [verify]})});
	const main = async () => (await builder.revParse('main')).trim();
	return {app, builder, main, mainBefore: await main()};
}

/** The suspect lines of the choose view, in screen order: `[number, label]`. */
const suspectsOn = (frame: string): string[] => [...frame.matchAll(/^\s+(\d+)\. \w{12} [\d-]+ [\d:]+ merge of (\S+)/gm)].map(match => `${match[1]} ${match[2]}`);

describe('the revert screen', () => {
	test('R lists the suspects newest first; enter bisects, names the culprit and its runs; enter promotes; the branch then shows reverted on base', async () => {
		const {app, builder, main, mainBefore} = await dashboard(brokenMainFacts.verify);
		await app.press(key(dashboardKeys, 'revert'));
		let frame = await app.until('search (b):');
		expect(frame).toContain('suspects on main, newest first (last 10');
		expect(suspectsOn(frame)).toEqual([...brokenMainFacts.merged].reverse().map((branch, index) => `${index + 1} ${branch}`));
		expect(frame).toMatch(/merge of gemini\/search \(gemini\), 2 commits: [^\n]*src\/search\.ts/);
		expect(frame).toContain('first-parent bisection');
		expect(frame).toContain(`verification: ${brokenMainFacts.verify}`);

		await app.press(key(revertChooseKeys, 'run'));
		frame = await app.until('promote: fast-forward main to');
		const runs = /found in (\d+) verification runs/.exec(frame);
		expect(frame).toContain(`culprit: ${brokenMainFacts.culprit} (`);
		expect(frame).toContain(`agent ${brokenMainFacts.culpritAgent}), found in`);
		// Base's check, then log2(6) probes at most, then the culprit's revert.
		expect(Number(runs![1])).toBeGreaterThanOrEqual(3);
		expect(Number(runs![1])).toBeLessThanOrEqual(5);
		expect(frame).toContain('enter confirm · esc cancel');
		expect(await main()).toBe(mainBefore);

		await app.press(keyCodes.enter);
		frame = await app.until('promoted: main is now');
		expect(frame).toMatch(/run 1: main's tip fails\n\s+\| build failed: broken\.txt is here/);
		expect(frame).toContain('removed the worktree');
		expect((await builder.git(['log', '-1', '--format=%s', 'main'])).trim()).toBe(`Revert "Merge branch '${brokenMainFacts.culprit}'"`);
		expect((await builder.git(['rev-parse', 'main~1'])).trim()).toBe(mainBefore);
		expect(await builder.git(['ls-tree', '-r', '--name-only', 'main'])).not.toContain('broken.txt');
		const store = new StateStore((await openRepository(builder.root)).location.commonDir);
		expect(readLedger(store).map(entry => entry.branch)).toEqual([brokenMainFacts.culprit]);

		// Back on the dashboard, with the snapshot the refresh reads: the culprit is marked.
		await app.press(keyCodes.escape);
		const after = await snapshotOf(builder.root);
		expect(after.branches.find(branch => branch.name === brokenMainFacts.culprit)?.revertedOnBase?.source).toBe('ledger');
		await app.update(makeLive(after));
		const row = app.frame().split('\n').find(line => line.includes(brokenMainFacts.culprit)) ?? '';
		// The verdict column is narrow: its words may be cut, never its first.
		expect(row).toMatch(/reverted( on base| ?…)/);
	});

	test('b and - choose newest first over fewer suspects; the smaller revert is offered; esc declines and main stays', async () => {
		const {app, main, mainBefore} = await dashboard(brokenMainFacts.verify);
		await app.press(key(dashboardKeys, 'revert'));
		await app.until('search (b):');
		await app.press(key(revertChooseKeys, 'fewer'), key(revertChooseKeys, 'fewer'));
		await app.press(key(revertChooseKeys, 'bisect'));
		// Read again for the new count (the old list stays up meanwhile).
		let frame = await app.until(/^(?![\s\S]*reading the suspects)[\s\S]*\(last 8,[\s\S]*newest first, one revert at a time/);

		await app.press(key(revertChooseKeys, 'run'));
		frame = await app.until('promote: fast-forward main to');
		expect(frame).toContain('reverting gemini/search alone is enough: the 2 newer commits are kept');
		expect(frame).toMatch(/reverted devin\/docs\n[^\n]*\n[^\n]*verification failed/);
		await app.press(keyCodes.escape);
		frame = await app.until('not promoted: main was not changed');
		expect(frame).toMatch(/run 5: gemini\/search reverted alone passes/);
		expect(await main()).toBe(mainBefore);
	});

	test('the verification streams its output; x cancels it, the flow ends and main stays', async () => {
		const {app, main, mainBefore} = await dashboard('echo "checking the build"; sleep 30');
		await app.press(key(dashboardKeys, 'revert'));
		await app.until('search (b):');
		await app.press(key(revertChooseKeys, 'run'));
		let frame = await app.until('checking the build');
		expect(frame).toContain("verifying main's tip…");
		expect(frame).toMatch(/\$ echo "checking the build"; sleep 30 · \d+\.\d s \(x cancels\)/);
		expect(frame).toContain('x cancel verification');
		await app.press(key(flowRunKeys, 'cancel'));
		frame = await app.until('verification cancelled: main was not changed');
		expect(frame).toContain('removed the worktree');
		expect(await main()).toBe(mainBefore);
	});

	test('a green base says so and changes nothing', async () => {
		const {app, main, mainBefore} = await dashboard('true');
		await app.press(key(dashboardKeys, 'revert'));
		await app.until('search (b):');
		await app.press(key(revertChooseKeys, 'run'));
		const frame = await app.until('main passes — nothing to revert');
		expect(frame).toMatch(/run 1: main's tip passes/);
		expect(frame).not.toContain('culprit');
		expect(await main()).toBe(mainBefore);
	});

	test('a revert that conflicts asks as a merge does: s cannot skip the culprit and says why, r shows the worktree, c names a file still unresolved, then commits the hand resolution, verifies it and promotes', async () => {
		const {app, builder, main, mainBefore} = await dashboard(brokenMainFacts.verify, {conflictAfter: true});
		await app.press(key(dashboardKeys, 'revert'));
		let frame = await app.until('search (b):');
		expect(frame).toContain('a revert that conflicts (o): asks: resolve by hand, skip or abort');
		await app.press(key(revertChooseKeys, 'run'));
		// The bisection names the culprit; reverting it alone on main conflicts with cursor/theme's edit of its line.
		frame = await app.until('r resolve by hand in the worktree');
		expect(frame).toContain(`the revert of ${brokenMainFacts.culprit} conflicts in src/app.ts`);
		// Skip is offered only while reverting newest first: here the culprit is the one to revert.
		expect(frame).not.toContain('s skip');
		expect(frame).toContain('a abort the revert flow');
		expect(frame).toContain('r resolve by hand');
		await app.press(key(revertConflictKeys, 'skip'));
		expect(await app.until('it cannot be skipped here')).toContain('s: it cannot be skipped here: resolve it by hand, or abort');
		await app.press(key(revertConflictKeys, 'continue'));
		expect(await app.until('c: press r first')).toContain('c: press r first: it shows the worktree to resolve the conflict in');

		const worktree = /^worktree (.+)$/m.exec((await builder.git(['worktree', 'list', '--porcelain'])).split('\n\n')[1]!)![1]!;
		await app.press(key(revertConflictKeys, 'resolve'));
		frame = await app.until('resolve by hand in the worktree:');
		expect(frame.replace(/\s*\n\s*/g, '')).toContain(worktree);
		// The revert stopped there: git marked the file.
		expect(readFileSync(path.join(worktree, 'src/app.ts'), 'utf8')).toMatch(/^<<<<<<< /m);
		await app.press(key(revertConflictKeys, 'continue'));
		frame = await app.until('still unresolved: src/app.ts');
		expect(await main()).toBe(mainBefore);

		const resolved = readFileSync(path.join(worktree, 'src/app.ts'), 'utf8').replace(/^<<<<<<< [^\n]*\n[\s\S]*?^>>>>>>> [^\n]*\n/m, 'app line 20, changed by theme alone\n');
		writeFileSync(path.join(worktree, 'src/app.ts'), resolved);
		await app.press(key(revertConflictKeys, 'continue'));
		frame = await app.until('promote: fast-forward main to');
		expect(frame).toContain(`reverted ${brokenMainFacts.culprit}, resolved by hand`);
		await app.press(keyCodes.enter);
		await app.until('promoted: main is now');
		expect((await builder.git(['rev-parse', 'main~1'])).trim()).toBe(mainBefore);
		const app20 = (await builder.git(['show', 'main:src/app.ts'])).split('\n')[19];
		expect(app20).toBe('app line 20, changed by theme alone');
		const files = await builder.git(['ls-tree', '-r', '--name-only', 'main']);
		expect(files).not.toContain('broken.txt');
		expect(files).not.toContain('src/search.ts');
		expect((await builder.git(['worktree', 'list', '--porcelain'])).match(/^worktree /gm)).toHaveLength(1);
	});

	test('a revert that conflicts: a aborts the flow, the worktree is removed, main stays, and the end offers s to run again skipping it', async () => {
		const {app, builder, main, mainBefore} = await dashboard(brokenMainFacts.verify, {conflictAfter: true});
		await app.press(key(dashboardKeys, 'revert'));
		await app.until('search (b):');
		await app.press(key(revertChooseKeys, 'run'));
		await app.until('r resolve by hand in the worktree');
		await app.press(key(revertConflictKeys, 'abort'));
		const frame = await app.until('a revert conflicts: the flow aborted and main was not changed');
		expect(frame).not.toContain('r resolve by hand in the worktree');
		expect(frame).toContain('s skip it · esc back');
		expect(await main()).toBe(mainBefore);
		expect((await builder.git(['worktree', 'list', '--porcelain'])).match(/^worktree /gm)).toHaveLength(1);
	});
});
