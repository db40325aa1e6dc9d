/** A branch checked out in a linked worktree: the row says where, enter lists its uncommitted files. */
import {cleanup} from 'ink-testing-library';
import {afterEach, expect, test} from 'vitest';
import {makeBranch, makeLive, makeSnapshot} from './factory.js';
import {keyCodes, renderApp} from './render-app.js';

afterEach(() => {
	cleanup();
});

test('the row names the worktree folder and the count; details list the files, and how many more', async () => {
	const files = Array.from({length: 50}, (_, index) => `src/file-${index}.ts`);
	const snapshot = makeSnapshot({branches: [
		makeBranch('claude/a', {worktree: {path: '/work/trees/wt-claude', dirtyFiles: 52, files}}),
		makeBranch('codex/b', {worktree: {path: '/work/trees/wt-codex', dirtyFiles: 0, files: []}}),
	]});
	const app = await renderApp(makeLive(snapshot), {columns: 160, rows: 80});
	expect(app.frame()).toContain('claude/a (in wt-claude · 52 uncommitted)');
	expect(app.frame()).toContain('codex/b (in wt-codex)');
	await app.press(keyCodes.enter);
	const details = app.frame();
	expect(details).toContain('checked out in /work/trees/wt-claude · 52 uncommitted file(s):');
	expect(details).toContain('src/file-0.ts');
	expect(details).toContain('… and 2 more');
	await app.press(keyCodes.escape, 'j', keyCodes.enter);
	expect(app.frame()).toContain('checked out in /work/trees/wt-codex · no uncommitted changes');
});
