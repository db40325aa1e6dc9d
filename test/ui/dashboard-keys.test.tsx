import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {GitCommandLog} from '../../source/git/command-log.js';
import {formatKeys} from '../../source/ui/keys/binding.js';
import {dashboardKeys} from '../../source/ui/keys/dashboard.js';
import {afternoonSnapshot, makeLive, testNow} from './factory.js';
import {keyCodes, renderApp} from './render-app.js';

afterEach(() => {
	cleanup();
});

/** The line the cursor is on. */
const selectedLine = (frame: string): string => frame.split('\n').find(line => line.startsWith('›')) ?? '';

describe('dashboard', () => {
	test('shows every agent side by side, staleness in words, claims and verdicts', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()), {columns: 160});
		const frame = app.frame();
		expect(frame).toMatch(/claude\/training-improvements\s+claude\s+Training improvements · lib\/training\s+2 h 15 min idle\s+↑3 ↓1\s+25m\s+1\s+warn/);
		expect(frame).toMatch(/codex\/tracking-fix.*20 min active.*warn/);
		expect(frame).toMatch(/gemini\/ui-refresh.*\(inf.*5 h stale.*↑2 ↓14\s+26h\s+base\s+blocked/);
		// A claim without a branch still has its row.
		expect(frame).toMatch(/\(no branch yet\)\s+copilot\s+Write API docs/);
		// Merged branches are folded into a count.
		expect(frame).not.toContain('claude/old-docs');
		expect(frame).toContain('1 merged hidden (M shows)');
		expect(frame).toContain('refreshed 4 s ago');
		expect(frame).toContain('↑↓ move · enter details · f fetch · r refresh · / filter · s sort · m conflicts · L git log · ? help · q quit');
	});

	test('↓ j ↑ k g G move the cursor', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()));
		expect(selectedLine(app.frame())).toContain('claude/training-improvements');
		await app.press(keyCodes.down);
		expect(selectedLine(app.frame())).toContain('codex/tracking-fix');
		await app.press('j');
		expect(selectedLine(app.frame())).toContain('(no branch yet)');
		await app.press('k');
		expect(selectedLine(app.frame())).toContain('codex/tracking-fix');
		await app.press(keyCodes.up);
		expect(selectedLine(app.frame())).toContain('claude/training-improvements');
		await app.press('G');
		expect(selectedLine(app.frame())).toContain('gemini/ui-refresh');
		await app.press('g');
		expect(selectedLine(app.frame())).toContain('claude/training-improvements');
	});

	test('a key read right after a screen change reaches the new screen, not the one it replaced', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()));
		await app.press('e');
		expect(app.frame()).toContain('event log');
		// `e` closes the event log and `j` is read in the same turn of the event loop, before
		// React has drawn the dashboard again: `j` waits for it rather than go to the closed screen.
		app.stdin.write('e');
		app.stdin.write('j');
		await app.until('enter details');
		expect(app.frame()).not.toContain('event log');
		expect(selectedLine(app.frame())).toContain('codex/tracking-fix');
	});

	test('enter opens details, esc goes back', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()), {rows: 60});
		await app.press('j', keyCodes.enter);
		const details = app.frame();
		expect(details).toContain('branch details');
		expect(details).toContain('codex/tracking-fix · agent codex');
		expect(details).toContain('Readiness: warn');
		expect(details).toContain('with claude/training-improvements on 1 file(s):');
		expect(details).toContain('backend/src/app.module.ts');
		expect(details).toContain('Add cosine learning-rate schedule');
		expect(details).toContain('from AI_CURRENT_WORK.md:14 on main');
		expect(details).toContain('check-in: 20 min active');
		await app.press(keyCodes.escape);
		expect(app.frame()).toContain('sort: agent');
		expect(selectedLine(app.frame())).toContain('codex/tracking-fix');
	});

	test('details of a claim without a branch', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()), {rows: 40});
		await app.press('j', 'j', keyCodes.enter);
		expect(app.frame()).toContain('copilot (claim without a branch)');
		expect(app.frame()).toContain('flags: claim-without-commits');
	});

	test('f fetches and r refreshes; f is disabled while a fetch runs', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()));
		await app.press('f', 'r');
		expect(app.actions.fetch).toHaveBeenCalledTimes(1);
		expect(app.actions.refresh).toHaveBeenCalledTimes(1);
		await app.update(makeLive(afternoonSnapshot(), {fetching: true}));
		expect(app.frame()).toContain('fetching');
		await app.press('f');
		expect(app.actions.fetch).toHaveBeenCalledTimes(1);
		expect(app.frame()).toContain('f: a fetch is already running');
	});

	test('f and r work from the details too, and the details stay open', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()), {rows: 60});
		await app.press(keyCodes.enter, 'f', 'r');
		expect(app.actions.fetch).toHaveBeenCalledTimes(1);
		expect(app.actions.refresh).toHaveBeenCalledTimes(1);
		expect(app.frame()).toContain('branch details');
		await app.press('?');
		expect(app.frame()).toMatch(/f +fetch now\n\s+r +refresh now/);
	});

	test('/ filters as you type; enter keeps it; esc clears it', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()));
		await app.press('/', 'c', 'o', 'd');
		expect(app.frame()).toContain('filter: cod▏');
		expect(app.frame()).toContain('codex/tracking-fix');
		expect(app.frame()).not.toContain('gemini/ui-refresh');
		// q is text while typing, not quit.
		await app.press(keyCodes.backspace, 'q');
		expect(app.actions.quit).not.toHaveBeenCalled();
		await app.press(keyCodes.backspace, keyCodes.enter);
		expect(app.frame()).toContain('filter: co (esc clears)');
		await app.press(keyCodes.escape);
		expect(app.frame()).not.toContain('filter:');
		expect(app.frame()).toContain('gemini/ui-refresh');
	});

	test('esc while typing a filter clears it', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()));
		await app.press('/', 'z', keyCodes.escape);
		expect(app.frame()).not.toContain('filter:');
		expect(app.frame()).toContain('gemini/ui-refresh');
	});

	test('s cycles the sort', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()));
		for (const sort of ['readiness', 'check-in age', 'last activity', 'agent']) {
			await app.press('s');
			expect(app.frame()).toContain(`sort: ${sort}`);
		}
	});

	test('M shows and hides merged branches', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()));
		await app.press('M');
		expect(app.frame()).toMatch(/claude\/old-docs.*merged/);
		await app.press('M');
		expect(app.frame()).not.toContain('claude/old-docs');
	});

	test('m opens the conflict map; enter lists a cell\'s files; esc peels back', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()));
		await app.press('m');
		expect(app.frame()).toContain('conflict map');
		expect(app.frame()).toContain('claude/training-improvements × codex/tracking-fix: 1 conflicting file(s) (enter lists them)');
		await app.press(keyCodes.enter);
		expect(app.frame()).toContain('conflicting files');
		expect(app.frame()).toContain('backend/src/app.module.ts');
		await app.press(keyCodes.escape);
		// An empty cell cannot be opened, and says why.
		await app.press(keyCodes.right, keyCodes.enter);
		expect(app.frame()).toContain('enter: no conflicting files in this cell');
		await app.press('j', 'l');
		expect(app.frame()).toContain('codex/tracking-fix × main: 0 conflicting file(s)');
		await app.press(keyCodes.escape);
		expect(app.frame()).toContain('sort: agent');
	});

	test('L shows the git command log with durations, and L hides it', async () => {
		const gitLog = new GitCommandLog();
		gitLog.add({args: ['for-each-ref', '--format=%(refname)', 'refs/heads'], startedAt: testNow, durationMs: 12, exitCode: 0});
		gitLog.add({args: ['fetch', 'origin'], startedAt: testNow, durationMs: 2300, exitCode: 128});
		const app = await renderApp(makeLive(afternoonSnapshot()), {gitLog});
		await app.press('L');
		expect(app.frame()).toContain('2 git command(s), newest first');
		expect(app.frame()).toMatch(/2\.3 s exit 128 {2}git fetch origin\n\s+12 ms {2}git for-each-ref --format=%\(refname\) refs\/heads/);
		gitLog.add({args: ['merge-tree', '--write-tree', '--stdin'], startedAt: testNow, durationMs: 40, exitCode: 0});
		await app.press('j');
		expect(app.frame()).toContain('git merge-tree --write-tree --stdin');
		await app.press('L');
		expect(app.frame()).toContain('sort: agent');
	});

	test('w lists what could not be read, by file and ref with its line, and the notices; w hides it', async () => {
		const snapshot = afternoonSnapshot();
		snapshot.warnings = [
			{file: 'AI_CURRENT_WORK.md', ref: 'main', line: 30, message: 'unparseable date "next tuesday-ish"; check-in unknown'},
			{file: 'AI_CURRENT_WORK.md', ref: 'main', line: 41, message: 'section "## ??? Status" names no agent'},
			{file: 'agents.json', ref: 'codex/tracking-fix', line: 0, message: 'truncated JSON \u001B[2J read up to the break'},
		];
		snapshot.notices = ['this is a shallow clone: ahead/behind and merge bases may be wrong'];
		const app = await renderApp(makeLive(snapshot), {columns: 120, rows: 40});
		expect(app.frame()).toContain('3 coordination warning(s) (w shows)');
		await app.press('w');
		const frame = app.frame();
		expect(frame).toContain('coordination warnings');
		expect(frame).toMatch(/AI_CURRENT_WORK\.md on main\n\s+line 30: unparseable date "next tuesday-ish"; check-in unknown\n\s+line 41: section "## \?\?\? Status" names no agent\n\s+agents\.json on codex\/tracking-fix\n\s+file: truncated JSON ␛\[2J read up to the break/);
		expect(frame).toContain('Notices');
		expect(frame).toContain('this is a shallow clone');
		expect(frame).not.toContain('\u001B[2J');
		await app.press('w');
		expect(app.frame()).toContain('sort: agent');
	});

	test('e shows the event log the watch view keeps, from the same diff; e hides it', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()), {columns: 120, rows: 40});
		await app.press('e');
		expect(app.frame()).toContain('event log');
		expect(app.frame()).toContain('nothing yet; changes appear here as they happen');
		await app.press('e');
		const next = afternoonSnapshot();
		next.branches.push({...next.branches[0]!, name: 'cursor/search-index', agent: 'cursor', merged: false, ahead: 2});
		await app.update(makeLive(next));
		await app.press('e');
		expect(app.frame()).toMatch(/\d\d:\d\d:\d\d  new branch cursor\/search-index \(2 commits\)/);
		await app.press('e');
		expect(app.frame()).toContain('sort: agent');
	});

	test('? lists every key of the dashboard, flow keys as disabled with the reason', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()), {columns: 200, rows: 60});
		await app.press('?');
		const help = app.frame();
		for (const binding of dashboardKeys) {
			expect(help).toContain(`  ${formatKeys(binding).padEnd(10)}${binding.label}`);
		}

		expect(help).toContain('emergency revert flow: find the commit on base that broke it, revert it in a worktree, promote on confirmation (disabled: no repository behind this view)');
		expect(help).toContain('integration flow with the marked branches (disabled: no repository behind this view)');
		expect(help).toContain('While typing a filter');
		await app.press('?');
		expect(app.frame()).toContain('sort: agent');
	});

	test('help on the details screen lists the details keys', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()), {rows: 40});
		await app.press(keyCodes.enter, '?');
		expect(app.frame()).toContain('Keys of the branch details');
		await app.press(keyCodes.escape);
		expect(app.frame()).toContain('branch details');
		await app.press(keyCodes.escape);
		expect(app.frame()).toContain('sort: agent');
	});

	test('"c" without a repository behind the view says so, and opens nothing', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()));
		await app.press('c');
		expect(app.frame()).toContain('c: no repository behind this view');
		expect(app.frame()).not.toContain('pre-merge checklist');
	});

	test('"R" without a repository behind the view says so, and opens nothing', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()));
		await app.press('R');
		expect(app.frame()).toContain('R: no repository behind this view');
		expect(app.frame()).not.toContain('emergency revert');
		// The next key clears the notice.
		await app.press('j');
		expect(app.frame()).not.toContain('no repository behind this view');
	});

	test.each([['q', 'q'], ['ctrl-c', keyCodes.ctrlC]])('%s quits', async (_name, key) => {
		const app = await renderApp(makeLive(afternoonSnapshot()));
		await app.press(key);
		expect(app.actions.quit).toHaveBeenCalledTimes(1);
	});
});

describe('u: conflicts with uncommitted work', () => {
	test('is off at start; u asks for it, the header says when it is on, and u again asks to turn it off', async () => {
		const off = await renderApp(makeLive(afternoonSnapshot()));
		expect(off.frame()).not.toContain('uncommitted work');
		await off.press('u');
		expect(off.actions.setIncludeUncommitted).toHaveBeenCalledWith(true);
		cleanup();

		const on = await renderApp(makeLive(afternoonSnapshot(), {includeUncommitted: true}));
		expect(on.frame().split('\n')[0]).toContain('conflicts with uncommitted work (u)');
		await on.press('u');
		expect(on.actions.setIncludeUncommitted).toHaveBeenCalledWith(false);
		await on.press('?');
		expect(on.frame()).toContain('predict conflicts with or without the uncommitted work');
	});
});

describe('keys typed in a burst', () => {
	test('"jjj" arriving as one chunk moves the cursor three rows, "kk" two back', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()));
		expect(selectedLine(app.frame())).toContain('claude/training-improvements');
		await app.press('jjj');
		expect(selectedLine(app.frame())).toContain('gemini/ui-refresh');
		await app.press('kk');
		expect(selectedLine(app.frame())).toContain('codex/tracking-fix');
	});

	test('text and Enter in one chunk type the text and then accept the filter', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()));
		await app.press('/', 'gem\r');
		expect(app.frame()).toContain('filter: gem (esc clears)');
		expect(app.frame()).toContain('gemini/ui-refresh');
		// No longer typing: q quits.
		await app.press('q');
		expect(app.actions.quit).toHaveBeenCalled();
	});

	test('"/is:blocked" and Enter in one chunk: the keys after / go to the filter it opens', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()));
		await app.press('/is:blocked\r');
		const frame = app.frame();
		expect(frame).toContain('filter is:blocked');
		expect(frame).toContain('gemini/ui-refresh');
		expect(frame).not.toContain('claude/training-improvements');
		expect(frame).not.toContain('codex/tracking-fix');
		// The filter was accepted by the Enter of the chunk: q is a key again, and quits.
		await app.press('q');
		expect(app.actions.quit).toHaveBeenCalledTimes(1);
	});

	test('"jj/gem" in one chunk moves twice, then types into the filter', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()));
		await app.press('jj/gem');
		expect(app.frame()).toContain('gemini/ui-refresh');
		expect(app.frame()).not.toContain('codex/tracking-fix');
		await app.press(keyCodes.escape);
		expect(selectedLine(app.frame())).toContain('(no branch yet)');
	});

	test('"j" and Enter in one chunk open the details of the second row', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()), {rows: 60});
		await app.press('j\r');
		expect(app.frame()).toContain('codex/tracking-fix · agent codex');
	});

	test('a burst typed into the filter is text, not keys', async () => {
		const app = await renderApp(makeLive(afternoonSnapshot()));
		await app.press('/', 'gem');
		expect(app.frame()).toContain('gemini/ui-refresh');
		expect(app.frame()).not.toContain('codex/tracking-fix');
	});
});

describe('the footer on a narrow terminal', () => {
	test.each([80, 60, 40])('keeps "? help · q quit" at %i columns', async columns => {
		const app = await renderApp(makeLive(afternoonSnapshot()), {columns});
		const footer = app.frame().trimEnd().split('\n').at(-1)!;
		expect(footer.trimEnd()).toMatch(/\? help · q quit$/);
		expect(footer.length).toBeLessThanOrEqual(columns);
	});
});
