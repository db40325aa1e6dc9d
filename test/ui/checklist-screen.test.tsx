/**
 * The checklist screen walked with the keys: answers are saved in a real state
 * folder, kept when leaving and coming back, and marked out of date by a new commit.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {cleanup} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {checklistItems, type CommandOutcome} from '../../source/core/checklist.js';
import {loadAnswers, readChecklist, saveChecklist} from '../../source/store/checklist-answers.js';
import {StateStore} from '../../source/store/state-store.js';
import type {ChecklistServices} from '../../source/ui/state/checklist-services.js';
import {fakeSha, makeBranch, makeLive, makeSnapshot} from './factory.js';
import {keyCodes, renderApp} from './render-app.js';

let folder: string;
let store: StateStore;
beforeEach(() => {
	folder = mkdtempSync(path.join(os.tmpdir(), 'checklist-screen-'));
	store = new StateStore(folder);
});
afterEach(() => {
	cleanup();
	rmSync(folder, {recursive: true, force: true});
});

const branch = 'codex/tracking-fix';

function services(runs: Record<string, CommandOutcome[]>): ChecklistServices & {ran: number} {
	const items = checklistItems([{kind: 'test', command: 'npm test'}], [{title: 'Changelog updated'}]);
	const value = {
		ran: 0,
		items: () => items,
		load: (name: string, head: string) => loadAnswers(store, name, head),
		save: (name: string, record: Parameters<ChecklistServices['save']>[1]) => saveChecklist(store, name, record),
		async run() {
			value.ran++;
			return {runs};
		},
	};
	return value;
}

function snapshot(head: string) {
	return makeSnapshot({branches: [makeBranch(branch, {sha: head, hygiene: [{kind: 'console-log', detail: 'lib/api/client.ts:12'}]})]});
}

/** The line of the list the cursor is on. */
const selected = (frame: string): string => frame.split('\n').find(line => line.startsWith('›')) ?? '';

/** Waits until the store holds what the screen saved (saving takes a lock, asynchronously). */
async function saved(): Promise<void> {
	for (let round = 0; round < 50; round++) {
		await new Promise(resolve => {
			setImmediate(resolve);
		});
	}
}

describe('the checklist screen', () => {
	test('walks every item with the keys, and finds the answers kept after leaving and coming back', async () => {
		const checklist = services({tests: [{command: 'npm test', exitCode: 0, durationMs: 1200, tail: ''}]});
		const head = fakeSha('head-1');
		const app = await renderApp(makeLive(snapshot(head)), {rows: 50, checklist});
		await app.press('c');
		let frame = app.frame();
		expect(frame).toContain('pre-merge checklist');
		expect(frame).toContain(`${branch} at ${head.slice(0, 7)}`);
		expect(frame).toContain('Technical');
		expect(frame).toContain('Git hygiene');
		expect(frame).toMatch(/✗ No console\.log added\s+failed/);
		expect(frame).toMatch(/○ Build passes\s+not run — no command/);
		expect(selected(frame)).toContain('Build passes');

		// The evidence of an automated item, with file:line.
		await app.press('j', 'j');
		expect(selected(app.frame())).toContain('No console.log added');
		expect(app.frame()).toContain('lib/api/client.ts:12');
		// An automated item cannot be passed by hand.
		await app.press('y');
		expect(app.frame()).toContain('is judged automatically');

		// Person items: pass, fail, not applicable, with arrows too.
		await app.press('j', 'j', 'j', 'j', 'y');
		expect(selected(app.frame())).toMatch(/✓ Follows existing patterns \*\s+passed/);
		await app.press(keyCodes.down, 'n');
		expect(selected(app.frame())).toMatch(/✗ Error handling present \*\s+failed/);
		await app.press('j', 'x');
		expect(selected(app.frame())).toMatch(/– Edge cases covered \*\s+not applicable/);
		await app.press('e', ...'no input here', keyCodes.enter);
		expect(app.frame()).toContain('note: no input here');

		// a runs the automated items.
		await app.press('a');
		expect(checklist.ran).toBe(1);
		frame = app.frame();
		expect(frame).toMatch(/✓ Doesn't break existing features \(tests pass\)\s+passed/);

		// The repository's own item, judged by hand, at the bottom.
		await app.press('G', ' ');
		expect(selected(app.frame())).toMatch(/✓ Changelog updated \*\s+passed/);
		await saved();
		expect(readChecklist(store, branch)?.records[0]).toMatchObject({head, answers: {patterns: 'pass', 'error-handling': 'fail', 'edge-cases': 'na', 'repo-1': 'pass'}, notes: {'edge-cases': 'no input here'}});

		// Leave (q refreshes the dashboard) and come back: every answer is there.
		await app.press('q');
		expect(app.actions.refresh).toHaveBeenCalled();
		expect(app.frame()).toContain('sort: agent');
		await app.press('c');
		frame = app.frame();
		expect(frame).toMatch(/✓ Follows existing patterns \*\s+passed/);
		expect(frame).toMatch(/✗ Error handling present \*\s+failed/);
		expect(frame).toMatch(/– Edge cases covered \* ✎\s+not applicable/);
		expect(frame).toMatch(/✓ Doesn't break existing features \(tests pass\)\s+passed/);
		expect(frame).toContain('2 failed');
	});

	test('a new commit marks the answers out of date; c carries the person-judged ones over', async () => {
		const checklist = services({});
		const first = fakeSha('head-1');
		const app = await renderApp(makeLive(snapshot(first)), {rows: 50, checklist});
		await app.press('c', 'G', 'k', 'k', 'k', 'k', 'k', 'k', 'k', 'k', 'k', 'k', 'k');
		expect(selected(app.frame())).toContain('Follows existing patterns');
		await app.press('y');
		await saved();

		const second = fakeSha('head-2');
		await app.update(makeLive(snapshot(second)));
		let frame = app.frame();
		expect(frame).toContain(`at ${second.slice(0, 7)}`);
		expect(frame).toContain(`out of date: answers were given at ${first.slice(0, 7)}`);
		expect(frame).toMatch(/· Follows existing patterns \*\s+not judged yet/);

		await app.press('c');
		frame = app.frame();
		expect(frame).not.toContain('out of date: answers');
		expect(frame).toMatch(/✓ Follows existing patterns \*\s+passed/);
		await saved();
		expect(readChecklist(store, branch)?.records.map(record => record.head)).toEqual([second, first]);
	});

	test('c is disabled on a claim without a branch, with its reason', async () => {
		const app = await renderApp(makeLive(makeSnapshot({branches: []})), {checklist: services({})});
		await app.press('c');
		expect(app.frame()).not.toContain('pre-merge checklist');
		expect(app.frame()).toContain('c: select a branch');
	});
});
