import {afterEach, expect, test, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type * as Cells from '../../source/ui/components/cells.js';
import {emptyLiveState} from '../../source/ui/state/live-state.js';
import {afternoonSnapshot, makeBranch, makeLive, makeSnapshot} from './factory.js';
import {keyCodes, renderApp} from './render-app.js';

afterEach(() => {
	cleanup();
});

// Counts the rows React draws: every row draws one verdict cell, in every layout.
const drawn = vi.hoisted(() => ({rows: 0}));
vi.mock('../../source/ui/components/cells.js', async importOriginal => {
	const actual = await importOriginal<typeof Cells>();
	return {
		...actual,
		VerdictCell(props: Parameters<typeof actual.VerdictCell>[0]) {
			drawn.rows += 1;
			return actual.VerdictCell(props);
		},
	};
});

const selectedLine = (frame: string): string => frame.split('\n').find(line => line.startsWith('›')) ?? '';

test('before the first snapshot the dashboard says it is reading', async () => {
	const app = await renderApp(emptyLiveState);
	expect(app.frame()).toContain('reading the repository…');
	expect(app.frame()).toContain('not refreshed yet');
	// The conflict map needs a snapshot, and says so.
	await app.press('m');
	expect(app.frame()).toContain('m: waiting for the first snapshot');
});

test('the cursor stays on the same branch when a new snapshot reorders the rows', async () => {
	const app = await renderApp(makeLive(afternoonSnapshot()));
	await app.press('j');
	expect(selectedLine(app.frame())).toContain('codex/tracking-fix');
	const next = afternoonSnapshot();
	// Two new branches sort before codex: an index-based cursor would land on one of them.
	next.branches.push(makeBranch('aider/alpha'), makeBranch('bolt/beta'));
	await app.update(makeLive(next));
	expect(app.frame()).toContain('aider/alpha');
	expect(selectedLine(app.frame())).toContain('codex/tracking-fix');
});

test('when the selected branch disappears the cursor keeps its place', async () => {
	const app = await renderApp(makeLive(afternoonSnapshot()));
	await app.press('j');
	const next = afternoonSnapshot();
	next.branches = next.branches.filter(branch => branch.name !== 'codex/tracking-fix');
	await app.update(makeLive(next));
	expect(selectedLine(app.frame())).toContain('(no branch yet)');
});

test('the first row is pinned by name before any key is pressed', async () => {
	const app = await renderApp(makeLive(afternoonSnapshot()));
	const next = afternoonSnapshot();
	next.branches.push(makeBranch('aider/alpha'));
	await app.update(makeLive(next));
	expect(selectedLine(app.frame())).toContain('claude/training-improvements');
});

test('pending conflicts spin, verdicts say pending (never a provisional word), then both fill in', async () => {
	const pending = afternoonSnapshot();
	for (const branch of pending.branches.filter(branch => !branch.merged)) {
		branch.mergesCleanly = null;
		branch.conflictsWith = [];
		branch.conflictsWithBase = [];
		branch.readiness = {verdict: 'pending', reasons: ['waiting for conflict prediction']};
	}

	const app = await renderApp(makeLive(pending, {conflictsPending: true}));
	expect(app.frame()).toContain('predicting conflicts');
	expect(app.frame()).toMatch(/codex\/tracking-fix.*↑5 ↓0\s+5m\s+[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]\s+[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] pending/);
	expect(app.frame()).not.toMatch(/\b(?:ready|warn|blocked)\b/);
	await app.update(makeLive(afternoonSnapshot()));
	expect(app.frame()).not.toContain('predicting conflicts');
	expect(app.frame()).not.toContain('pending');
	expect(app.frame()).toMatch(/codex\/tracking-fix.*↑5 ↓0\s+5m\s+1\s+warn/);
	expect(app.frame()).toMatch(/gemini\/ui-refresh.*blocked/);
});

test('a long config error is written once and in full, wrapped, not cut', async () => {
	const error = '.switchyard.json: "behind.days" must be a whole number of days, 0 or more (0 warns as soon as the branch is behind); keeping the previous settings';
	const app = await renderApp(makeLive(afternoonSnapshot(), {error}), {columns: 100});
	const frame = app.frame();
	const flat = frame.split('\n').map(line => line.trimEnd()).join(' ');
	expect(flat).toContain('keeping the previous settings');
	expect(flat).toContain('"behind.days" must be a whole number of days');
	expect(flat.split('.switchyard.json')).toHaveLength(2);
	app.unmount();
});

test('an error shows in the status line, not as a crash', async () => {
	const app = await renderApp(makeLive(afternoonSnapshot(), {error: 'git fetch failed: could not resolve host github.com'}));
	expect(app.frame()).toContain('error: git fetch failed: could not resolve host github.com');
	expect(app.frame()).toContain('codex/tracking-fix');
});

test('repo state, warnings and notices reach the status line', async () => {
	const snapshot = makeSnapshot({
		repo: {root: '/home/dev/ml-platform', state: 'rebasing', head: null},
		warnings: [{file: 'AI_CURRENT_WORK.md', ref: 'main', line: 30, message: 'unparseable date "soon"'}],
		notices: ['conflict prediction needs git 2.38'],
	});
	const app = await renderApp(makeLive(snapshot));
	expect(app.frame()).toContain('repo rebasing · 1 coordination warning(s) (w shows) · conflict prediction needs git 2.38');
});

test('details follow a new snapshot of the same branch', async () => {
	const app = await renderApp(makeLive(afternoonSnapshot()), {rows: 50});
	await app.press(keyCodes.enter);
	const next = afternoonSnapshot();
	next.branches[0]!.commits.unshift({sha: 'f'.repeat(40), subject: 'Tune warmup steps', at: next.generatedAt});
	await app.update(makeLive(next));
	expect(app.frame()).toContain('Tune warmup steps');
});

test('500 branches: only visible rows are drawn, on the first frame and on every move', async () => {
	const branches = Array.from({length: 500}, (_, index) => makeBranch(`agent${String(index).padStart(3, '0')}/task-${index}`));
	drawn.rows = 0;
	const app = await renderApp(makeLive(makeSnapshot({branches})), {rows: 40});
	const firstDrawn = drawn.rows;
	const lines = app.frame().split('\n');
	expect(lines.length).toBeLessThan(40);
	expect(app.frame()).toContain('agent000/task-0');
	expect(app.frame()).not.toContain('agent100/task-100');
	drawn.rows = 0;
	await app.press('G');
	for (let index = 0; index < 20; index++) {
		await app.press('k');
	}

	expect(selectedLine(app.frame())).toContain('agent479/task-479');
	expect(app.frame()).not.toContain('agent000/task-0 ');
	// A page is under 40 rows; drawing every row would draw 500 a render.
	expect(firstDrawn).toBeGreaterThan(0);
	expect(firstDrawn).toBeLessThan(40 * 3);
	expect(drawn.rows).toBeGreaterThan(0);
	expect(drawn.rows).toBeLessThanOrEqual(21 * 40);
});
