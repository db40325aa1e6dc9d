/**
 * The flows from the dashboard end to end, as a user sees them: the built binary in
 * tmux on the demo repository, keys typed, waiting on the screen's text (never on a
 * fixed sleep), and git asked afterwards what happened.
 */
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {buildDemoRepo, demoFacts, type DemoRepo} from '../../fixtures/demo-repo.js';
import {binary, runCli} from '../cli/run-cli.js';
import {TmuxSession} from './tmux.js';

// Each wait on the screen has its own deadline (test/e2e/tmux.ts); a loaded 2-core machine makes several slow ones in a row.
vi.setConfig({testTimeout: 180_000});

let demo: DemoRepo;

beforeAll(async () => {
	demo = await buildDemoRepo({now: new Date()});
	// The flow's merges need a committer; the tests run with no global git config.
	await demo.repo.git(['config', 'user.name', 'Dana Developer']);
	await demo.repo.git(['config', 'user.email', 'dana@example.com']);
});

afterAll(async () => {
	await demo?.cleanup();
});

/** The line of the screen the cursor is on. */
const cursorLine = (screen: string): string => screen.split('\n').find(line => line.startsWith('›')) ?? '';
/** The branch under the cursor: a refresh may change the rest of its line (ages, verdicts) without a key. */
const cursorBranch = (screen: string): string => /^›\+?\s*(\S+)/.exec(cursorLine(screen))?.[1] ?? '';

async function startDashboard(): Promise<TmuxSession> {
	const terminal = new TmuxSession(demo.root);
	await terminal.waitFor(screen => screen.includes('e2e$'), 'the shell prompt');
	terminal.type(`node ${JSON.stringify(binary)}`);
	terminal.press('Enter');
	await terminal.waitFor(screen => screen.includes('codex/rate-limiter') && screen.includes('refreshed'), 'the first frame');
	return terminal;
}

/** Moves the cursor down to `branch`, one key at a time, each waited for on the screen. */
async function moveTo(terminal: TmuxSession, branch: string): Promise<void> {
	let screen = terminal.screen();
	for (let row = 0; row < 15 && cursorBranch(screen) !== branch; row++) {
		const at = cursorBranch(screen);
		terminal.type('j');
		screen = await terminal.waitFor(next => cursorBranch(next) !== at, 'the cursor to move');
	}

	expect(cursorLine(screen)).toContain(branch);
}

/** Marks `branch` with space. */
async function mark(terminal: TmuxSession, branch: string): Promise<void> {
	await moveTo(terminal, branch);
	terminal.type(' ');
	await terminal.waitFor(screen => cursorLine(screen).startsWith('›+') && cursorLine(screen).includes(branch), `${branch} marked`);
}

/** Leaves the flow's screen with `key` (the dashboard is back when `flowText` is gone), then quits to the shell. */
async function backToShell(terminal: TmuxSession, key: 'q' | 'Escape', flowText: string): Promise<void> {
	if (key === 'q') {
		terminal.type('q');
	} else {
		terminal.press(key);
	}

	await terminal.waitFor(next => next.includes('claude/nav-hotfix') && !next.includes(flowText), 'the dashboard again');
	terminal.type('q');
	await terminal.waitFor(next => /e2e\$ \s*$/.test(next.trimEnd() + ' '), 'the shell prompt after quitting');
}

describe('the flows from the dashboard in a real terminal', () => {
	it('c opens the checklist, a runs the automated items, space passes an item by hand and the progress moves', async () => {
		const terminal = await startDashboard();
		try {
			await moveTo(terminal, 'codex/rate-limiter');
			terminal.type('c');
			let screen = await terminal.waitFor(screen => screen.includes('pre-merge checklist') && /\d+\/\d+ judged/.test(screen), 'the checklist');
			terminal.type('a');
			screen = await terminal.waitFor(screen => !screen.includes('running the automated items') && screen.includes('Git hygiene'), 'the automated items to finish');
			const before = /(\d+)\/(\d+) judged/.exec(screen)!;

			// Walk down to the first item judged by a person (marked *) and pass it.
			for (let step = 0; step < 20 && !/ \*( ✎)?\s/.test(cursorLine(screen)); step++) {
				const line = cursorLine(screen);
				terminal.type('j');
				screen = await terminal.waitFor(next => cursorLine(next) !== line, 'the cursor to move');
			}

			expect(cursorLine(screen)).toContain(' *');
			terminal.type(' ');
			screen = await terminal.waitFor(next => (/(\d+)\/\d+ judged/.exec(next)?.[1] ?? before[1]) !== before[1], 'the progress to change');
			expect(screen).toContain(`${Number(before[1]) + 1}/${before[2]} judged`);
			expect(cursorLine(screen)).toMatch(/✓/);
			await backToShell(terminal, 'q', 'pre-merge checklist');
		} finally {
			terminal.kill();
		}
	});

	it('marks two branches, i, enter, confirms: main moves to a merge of both, the user\'s checkout is untouched', async () => {
		const git = async (args: string[]) => (await demo.repo.git(args)).trim();
		const userBefore = [await git(['rev-parse', 'HEAD']), await git(['symbolic-ref', '-q', '--short', 'HEAD']).catch(() => 'detached'), await git(['status', '--porcelain'])];
		const mainBefore = await git(['rev-parse', 'main']);
		const terminal = await startDashboard();
		try {
			// A branch only on the remote cannot be merged: space says why.
			await moveTo(terminal, 'codex/rate-limiter');
			terminal.type(' ');
			await terminal.waitFor(screen => screen.includes('space: this branch is only on the remote'), 'the reason');
			await mark(terminal, 'cursor/theme-tokens');
			await mark(terminal, 'shared/api-types');
			terminal.type('i');
			let screen = await terminal.waitFor(screen => /1\. \S+: merges cleanly/.test(screen) && /2\. \S+: merges cleanly/.test(screen), 'the dry run');
			expect(screen).toContain('merge into main, in this order');
			terminal.press('Enter');
			screen = await terminal.waitFor(screen => screen.includes('promote: fast-forward main to'), 'the promotion question');
			expect(screen).toContain('enter confirm · esc cancel');
			expect(await git(['rev-parse', 'main'])).toBe(mainBefore);
			terminal.press('Enter');
			screen = await terminal.waitFor(screen => screen.includes('promoted: main is now') && screen.includes('delete the merged branches cursor/theme-tokens?'), 'the promotion and the offer to delete the merged agent branch');
			// Both offers after promotion declined: nothing is deleted, no claim written.
			terminal.press('Escape');
			await terminal.waitFor(screen => screen.includes('mark the claims of cursor done?'), 'the offer to mark the claims done');
			terminal.press('Escape');
			await terminal.waitFor(screen => !screen.includes('mark the claims of cursor done?'), 'the end of the flow');
			await backToShell(terminal, 'Escape', 'promoted');
		} finally {
			terminal.kill();
		}

		const main = await git(['rev-parse', 'main']);
		expect(main).not.toBe(mainBefore);
		const subjects = (await git(['log', '--first-parent', '--format=%s', `${mainBefore}..main`])).split('\n');
		expect(subjects).toHaveLength(2);
		expect(subjects.join('\n')).toContain("Merge branch 'cursor/theme-tokens' (cursor)");
		expect(subjects.join('\n')).toContain("Merge branch 'shared/api-types' (");
		for (const branch of ['cursor/theme-tokens', 'shared/api-types']) {
			await demo.repo.git(['merge-base', '--is-ancestor', branch, 'main']);
		}

		expect(await git(['rev-list', '--first-parent', '-1', 'main~2'])).toBe(mainBefore);
		const userAfter = [await git(['rev-parse', 'HEAD']), await git(['symbolic-ref', '-q', '--short', 'HEAD']).catch(() => 'detached'), await git(['status', '--porcelain'])];
		if (userBefore[1] === 'main') {
			// Base was checked out: it followed with `git merge --ff-only`; nothing else changed.
			expect(userAfter.slice(1)).toEqual(userBefore.slice(1));
		} else {
			expect(userAfter).toEqual(userBefore);
		}

		expect(await git(['branch', '--list', 'test/*'])).toBe('');
		expect(await git(['branch', '--list', 'cursor/theme-tokens'])).not.toBe('');
		expect(await git(['worktree', 'list', '--porcelain'])).not.toContain('flows');
	});

	it('R lists the suspects, enter finds the merge that broke main, enter promotes its revert, and quitting restores the terminal', async () => {
		const git = async (args: string[]) => (await demo.repo.git(args)).trim();
		const {culprit, agent, file} = demoFacts.brokenMain;
		// The demo's verify command comes from its config, which runs only once trusted.
		expect(runCli(['trust', '--yes', '-C', demo.root]).status).toBe(0);
		const mainBefore = await git(['rev-parse', 'main']);
		const terminal = await startDashboard();
		try {
			terminal.type('R');
			let screen = await terminal.waitFor(screen => screen.includes('search (b):') && !screen.includes('reading the suspects'), 'the suspects');
			expect(screen).toContain('suspects on main, newest first');
			expect(screen).toMatch(new RegExp(`merge of ${culprit} \\(${agent}\\)`));
			terminal.press('Enter');
			screen = await terminal.waitFor(screen => screen.includes('promote: fast-forward main to'), 'the promotion question', 60_000);
			expect(screen).toContain(`culprit: ${culprit} (`);
			expect(screen).toContain('enter confirm · esc cancel');
			expect(await git(['rev-parse', 'main'])).toBe(mainBefore);
			terminal.press('Enter');
			await terminal.waitFor(screen => screen.includes('promoted: main is now'), 'the promotion');
			await backToShell(terminal, 'Escape', 'promoted');
		} finally {
			terminal.kill();
		}

		expect(await git(['log', '-1', '--format=%s', 'main'])).toBe(`Revert "Merge branch '${culprit}'"`);
		expect(await git(['rev-parse', 'main~1'])).toBe(mainBefore);
		expect(await git(['ls-tree', '-r', '--name-only', 'main'])).not.toContain(file);
		expect(await git(['worktree', 'list', '--porcelain'])).not.toContain('flows');
	});
});
