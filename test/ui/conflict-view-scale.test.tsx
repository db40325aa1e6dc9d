/**
 * The conflict views at scale (issue 17 part 3): 320 unmerged branches, of which a few
 * dozen truly conflict. The map keeps only those, pages through them, and says that
 * more columns lie to the right; `h` lists the contended files with each pair once.
 */
import {afterEach, describe, expect, it} from 'vitest';
import type {BranchRow} from '../../source/core/snapshot.js';
import {makeBranch, makeLive, makeSnapshot} from './factory.js';
import {renderApp} from './render-app.js';

const agents = ['claude', 'codex', 'gemini', 'copilot', 'cursor', 'devin', 'jules', 'chatgpt'];
const pad = (index: number) => String(index).padStart(3, '0');

/** 320 branches; every tenth one edits `hot/<group>.ts` with the next tenth (a conflict); all touch `shared/config.ts` (no conflict). */
function bigSnapshot() {
	const names = Array.from({length: 320}, (_, index) => `${agents[index % agents.length]}/task-${pad(index)}`);
	const branches: BranchRow[] = names.map((name, index) => {
		const conflicting = index % 10 === 0;
		const partner = conflicting ? names[(index + 10) % names.length]! : undefined;
		const previous = conflicting ? names[(index - 10 + names.length) % names.length]! : undefined;
		const hot = conflicting ? [`hot/${pad(index)}.ts`, `hot/${pad((index + 310) % 320)}.ts`] : [];
		return makeBranch(name, {
			files: ['shared/config.ts', `own/${pad(index)}.ts`, ...hot],
			conflictsWith: conflicting ? [{branch: partner!, files: [`hot/${pad(index)}.ts`]}, {branch: previous!, files: [`hot/${pad((index + 310) % 320)}.ts`]}] : [],
			readiness: {verdict: conflicting ? 'warn' : 'ready', reasons: ['x']},
		});
	});
	return makeSnapshot({branches});
}

let app: Awaited<ReturnType<typeof renderApp>> | undefined;
afterEach(() => app?.unmount());

describe('conflict map at 320 branches', () => {
	it('keeps only the 32 conflicting branches, says how many are left out and that more columns exist', async () => {
		app = await renderApp(makeLive(bigSnapshot()), {columns: 120, rows: 30});
		await app.press('m');
		const frame = app.frame();
		expect(frame).toContain('1 claude/task-000');
		expect(frame).not.toContain('claude/task-008');
		expect(frame).toContain('288 branch(es) without conflicts left out');
		// 32 branches and base make 33 columns; far fewer fit in 120 columns.
		expect(frame).toMatch(/\d+ more →/);
	});

	it('pages with PgDn and PgUp, and G / End / g go to the last and first branch', async () => {
		app = await renderApp(makeLive(bigSnapshot()), {columns: 120, rows: 30});
		await app.press('m');
		const rowName = () => /^(\S+) × \S+: /m.exec(app!.frame())?.[1];
		expect(rowName()).toBe('claude/task-000');
		// 30 rows leave 22 branch rows in the grid: a page is 22 branches.
		const conflicting = bigSnapshot().branches.filter(branch => branch.conflictsWith.length > 0).map(branch => branch.name).sort();
		expect(conflicting).toHaveLength(32);
		expect(app.frame()).toContain(`22 ${conflicting[21]}`);
		expect(app.frame()).not.toContain(`23 ${conflicting[22]}`);
		await app.press('\u001B[6~');
		expect(rowName()).toBe(conflicting[22]);
		expect(app.frame()).toContain(`23 ${conflicting[22]}`);
		await app.press('\u001B[5~');
		expect(rowName()).toBe('claude/task-000');
		await app.press('G');
		expect(rowName()).toBe('jules/task-310');
		expect(app.frame()).toContain('32 jules/task-310');
		await app.press('g');
		expect(rowName()).toBe('claude/task-000');
		await app.press('\u001B[F');
		expect(rowName()).toBe('jules/task-310');
	});
});

describe('contended files (h) at 320 branches', () => {
	it('lists the truly conflicting files first, each pair once, with branch and agent counts', async () => {
		app = await renderApp(makeLive(bigSnapshot()), {columns: 120, rows: 30});
		await app.press('h');
		const frame = app.frame();
		expect(frame).toContain('contended files');
		expect(frame).toContain('33 file(s) changed by two or more unmerged branches');
		expect(frame).toContain('hot/000.ts: 2 branches, 2 agent(s), 1 conflicting pair(s)');
		// Both branches list the pair; the list shows it once.
		expect(frame.match(/claude\/task-000 × gemini\/task-010/g)).toHaveLength(1);
		await app.press('G');
		expect(app.frame()).toContain('shared/config.ts: 320 branches, 8 agent(s), no conflict');
		await app.press('h');
		expect(app.frame()).not.toContain('contended files');
	});
});
