/**
 * The dashboard end to end, as a user sees it: the built binary in tmux on the demo
 * repository, changed from outside while it runs, then quit with q.
 */
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {buildDemoRepo, type DemoRepo} from '../../fixtures/demo-repo.js';
import {binary} from '../cli/run-cli.js';
import {TmuxSession} from './tmux.js';

// Each wait on the screen has its own deadline (test/e2e/tmux.ts); a loaded 2-core machine makes several slow ones in a row.
vi.setConfig({testTimeout: 180_000});

let demo: DemoRepo;
let terminal: TmuxSession;

beforeAll(async () => {
	demo = await buildDemoRepo({now: new Date()});
	terminal = new TmuxSession(demo.root);
});

afterAll(async () => {
	terminal?.kill();
	await demo?.cleanup();
});

describe('the dashboard in a real terminal', () => {
	it('updates without a key press when an agent commits or a branch appears, and q restores the shell', async () => {
		await terminal.waitFor(screen => screen.includes('e2e$'), 'the shell prompt');
		terminal.type(`node ${JSON.stringify(binary)}`);
		terminal.press('Enter');
		const first = await terminal.waitFor(screen => screen.includes('claude/nav-hotfix') && screen.includes('refreshed'), 'the first frame');
		expect(first).toMatch(/claude\/nav-hotfix\s+claude .*↑1 ↓2/);
		expect(first).not.toContain('jules/fresh-idea');

		// Another process commits on an agent branch and creates a new one.
		await demo.repo.commit({branch: 'claude/nav-hotfix', message: 'fix: nav focus ring', files: {'components/Nav.tsx': 'export const nav = 2;\n'}});
		await demo.repo.commit({branch: 'jules/fresh-idea', from: 'main', message: 'feat: fresh idea', files: {'lib/idea.ts': 'export const idea = 1;\n'}});

		const updated = await terminal.waitFor(screen => screen.includes('jules/fresh-idea') && /claude\/nav-hotfix\s+claude .*↑2 ↓2/.test(screen), 'the dashboard to show both changes');
		expect(updated).toContain('jules/fresh-idea');

		expect(terminal.modes()).toEqual({alternateScreen: true, cursorVisible: false});

		terminal.type('q');
		const after = await terminal.waitFor(screen => !screen.includes('claude/nav-hotfix') && /e2e\$ \s*$/.test(screen.trimEnd() + ' '), 'the shell prompt after quitting');
		// The alternate screen is gone: only the command line and a fresh prompt remain.
		expect(after).toContain(path.basename(binary));
		expect(after).not.toContain('refreshed');
		expect(terminal.modes()).toEqual({alternateScreen: false, cursorVisible: true});
	});

	it('opens the contended files list with h, and q from there restores the shell', async () => {
		const shell = new TmuxSession(demo.root);
		try {
			await shell.waitFor(screen => screen.includes('e2e$'), 'the shell prompt');
			shell.type(`node ${JSON.stringify(binary)}`);
			shell.press('Enter');
			// The pairs come with conflict prediction, after the first frame: wait for it (on a busy machine it lags).
			await shell.waitFor(screen => screen.includes('claude/nav-hotfix') && screen.includes('refreshed') && !screen.includes('predicting conflicts'), 'the first full frame', 40_000);
			shell.type('h');
			const list = await shell.waitFor(screen => screen.includes('contended files') && screen.includes('changed by two or more unmerged branches'), 'the contended files list');
			// The demo's agents truly conflict on a file: the list names the pair under it.
			expect(list).toMatch(/conflicting pair\(s\)\n\s+\S+ × \S+/);
			shell.type('q');
			const after = await shell.waitFor(screen => !screen.includes('contended files') && /e2e\$ \s*$/.test(screen.trimEnd() + ' '), 'the shell prompt after quitting');
			expect(after).not.toContain('refreshed');
			expect(after).not.toContain('changed by two or more');
		} finally {
			shell.kill();
		}
	});

	it('/ is:blocked narrows the list to the blocked branches and says so in the header', async () => {
		const shell = new TmuxSession(demo.root);
		try {
			await shell.waitFor(screen => screen.includes('e2e$'), 'the shell prompt');
			shell.type(`node ${JSON.stringify(binary)}`);
			shell.press('Enter');
			const first = await shell.waitFor(screen => screen.includes(demo.facts.verdicts.blocked) && screen.includes('refreshed') && !screen.includes('predicting conflicts'), 'the first full frame', 40_000);
			expect(first).toMatch(/\bready\b/);
			// Typed in one go, as a paste or a fast typist sends it: the keys after / are the filter's.
			shell.type('/is:blocked\r');
			const filtered = await shell.waitFor(screen => screen.includes('filter is:blocked') && !screen.includes(demo.facts.verdicts.ready), 'the filtered list', 40_000);
			expect(filtered).toContain(demo.facts.verdicts.blocked);
			expect(filtered).not.toMatch(/\b(?:ready|warn)\b/);
			shell.type('q');
			await shell.waitFor(screen => !screen.includes('filter is:blocked'), 'the shell after quitting');
		} finally {
			shell.kill();
		}
	});

	it('jjj typed in one go moves the cursor three rows down', async () => {
		const shell = new TmuxSession(demo.root);
		try {
			await shell.waitFor(screen => screen.includes('e2e$'), 'the shell prompt');
			shell.type(`node ${JSON.stringify(binary)}`);
			shell.press('Enter');
			const first = await shell.waitFor(screen => screen.includes('refreshed') && !screen.includes('predicting conflicts') && selected(screen) !== null, 'the first full frame', 40_000);
			const rows = rowNames(first);
			const start = rows.indexOf(selected(first)!);
			expect(rows.length).toBeGreaterThan(start + 3);
			// One send-keys: the three keys reach the program in one read.
			shell.type('jjj');
			const moved = await shell.waitFor(screen => selected(screen) === rows[start + 3], `the cursor on ${rows[start + 3]}, three rows below ${rows[start]}`);
			expect(rowNames(moved)).toEqual(rows);
			shell.type('q');
			await shell.waitFor(screen => !screen.includes('refreshed') && /e2e\$ \s*$/.test(screen.trimEnd() + ' '), 'the shell prompt after quitting');
		} finally {
			shell.kill();
		}
	});

	it('d hands the terminal to less with the branch\'s diff, and q in less brings the dashboard back, keys working', async () => {
		const shell = new TmuxSession(demo.root);
		try {
			await shell.waitFor(screen => screen.includes('e2e$'), 'the shell prompt');
			shell.type(`env -u PAGER -u GIT_PAGER -u LESS node ${JSON.stringify(binary)}`);
			shell.press('Enter');
			await shell.waitFor(screen => screen.includes('claude/nav-hotfix') && screen.includes('refreshed'), 'the first frame');
			shell.type('d');
			const paged = await shell.waitFor(screen => screen.includes('diff --git') && !screen.includes('refreshed'), 'the diff in less');
			expect(paged).toMatch(/^\+/m);
			shell.type('q');
			const back = await shell.waitFor(screen => screen.includes('closed the diff of') && screen.includes('refreshed'), 'the dashboard again');
			expect(back).not.toContain('diff --git');
			shell.type('?');
			await shell.waitFor(screen => screen.includes('in your pager'), 'the help screen: keys reach the dashboard again');
			shell.type('q');
			await shell.waitFor(screen => !screen.includes('refreshed') && /e2e\$ \s*$/.test(screen.trimEnd() + ' '), 'the shell prompt after quitting');
		} finally {
			shell.kill();
		}
	});

	it('with keys piped in rather than typed, says in one line that it needs a terminal', async () => {
		const shell = new TmuxSession(demo.root);
		try {
			await shell.waitFor(screen => screen.includes('e2e$'), 'the shell prompt');
			shell.type(`node ${JSON.stringify(binary)} < /dev/null; echo "exit $?"`);
			shell.press('Enter');
			const screen = await shell.waitFor(screen => /exit \d/.test(screen), 'the command to end');
			expect(screen).toContain('switchyard: the dashboard needs a terminal, and stdin is not one');
			expect(screen).toContain('exit 2');
			expect(screen).not.toMatch(/Error|at .*\.js:\d+/);
		} finally {
			shell.kill();
		}
	});
});

/** The branch names of the table's rows, top to bottom: lines that start with the cursor mark or a blank, then a name with a slash. */
function rowNames(screen: string): string[] {
	return screen.split('\n').flatMap(line => /^[› ] (\S+\/\S+)\s/.exec(line)?.[1] ?? []);
}

/** The branch on the cursor's row, or null when no row is selected. */
function selected(screen: string): string | null {
	return /^› (\S+\/\S+)\s/m.exec(screen)?.[1] ?? null;
}
