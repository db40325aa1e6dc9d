/**
 * Triage on a repository of 320 agent branches, most merged long ago (the long-history
 * fixture, built by git fast-import): quick filters, readiness sort, folding an agent,
 * the last-activity column and the agents view, drawn by Ink from a real snapshot.
 */
import {cleanup} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {buildLongHistoryRepo, type LongHistoryRepo} from '../../fixtures/long-history.js';
import type {StatusDocument} from '../../source/core/snapshot.js';
import {formatAge} from '../../source/core/staleness.js';
import {verdictUrgency} from '../../source/ui/state/dashboard-rows.js';
import {collect} from '../git/test-repos.js';
import {makeLive} from './factory.js';
import {keyCodes, renderApp} from './render-app.js';

const options = {baseCommits: 600, files: 300, branches: 320, unmerged: 40, seed: 3};
// Base's commits are 30 minutes apart from 2025-01-06 08:00 UTC: "now" is two days after its tip.
const now = Date.UTC(2025, 0, 6, 8, 0, 0) + (options.baseCommits * 30 * 60_000) + (2 * 24 * 60 * 60_000);
let built: LongHistoryRepo;
let document: StatusDocument;

beforeAll(async () => {
	built = await buildLongHistoryRepo(options);
	document = (await collect(built.root, new Date(now))).document;
}, 120_000);

afterAll(async () => {
	await built?.cleanup();
});

afterEach(() => {
	cleanup();
});

const render = async () => renderApp(makeLive(document), {columns: 160, rows: 40, now: () => now});
/** The table's branch rows: lines that start with the cursor column, then a branch name. */
const rowLines = (frame: string): string[] => frame.split('\n').filter(line => /^[› ] (?:claude|codex)\//.test(line));
const verdictOf = (line: string): string => /(blocked|warn|pending|ready|merged)\s*$/.exec(line)?.[1] ?? '';
const unmerged = () => document.branches.filter(branch => !branch.merged);

describe('triage with 320 branches', () => {
	test('the fixture is what the test needs: most branches merged, every verdict judged', () => {
		expect(document.branches).toHaveLength(options.branches);
		expect(unmerged()).toHaveLength(options.unmerged);
		expect(document.branches.filter(branch => branch.readiness.verdict === 'merged')).toHaveLength(built.facts.merged.length);
		expect(unmerged().some(branch => branch.readiness.verdict === 'blocked')).toBe(true);
		expect(unmerged().some(branch => branch.readiness.verdict === 'pending')).toBe(false);
	});

	test('s sorts by readiness, the most urgent first, and each row shows its last activity', async () => {
		const app = await render();
		expect(app.frame()).toContain(`${options.unmerged} of ${options.branches} rows · ${built.facts.merged.length} merged hidden`);
		await app.press('s');
		expect(app.frame()).toContain('sort: readiness');
		const rows = rowLines(app.frame());
		expect(rows.length).toBeGreaterThan(10);
		const urgency = rows.map(line => verdictUrgency[verdictOf(line) as keyof typeof verdictUrgency]);
		expect(urgency).toEqual([...urgency].sort((left, right) => left - right));
		expect(verdictOf(rows[0]!)).toBe('blocked');
		for (const line of rows) {
			const branch = document.branches.find(candidate => line.slice(2).startsWith(candidate.name))!;
			const age = formatAge(Math.floor((now - Date.parse(branch.lastCommitAt)) / 60_000), 'compact');
			expect(line).toMatch(new RegExp(`\\s${age}\\s`));
		}
	});

	test('/ is:blocked keeps the blocked branches only, and the header says so', async () => {
		const blocked = unmerged().filter(branch => branch.readiness.verdict === 'blocked');
		const app = await render();
		await app.press('/', 'is:blocked', keyCodes.enter);
		const frame = app.frame();
		expect(frame).toContain(`filter is:blocked · ${blocked.length} of ${options.branches} rows`);
		expect(rowLines(frame).length).toBe(Math.min(blocked.length, 40 - 6));
		expect(rowLines(frame).map(verdictOf)).toEqual(rowLines(frame).map(() => 'blocked'));
	});

	test('quick filters combine with each other and with words', async () => {
		const expected = unmerged().filter(branch => branch.agent === 'codex' && branch.behind > 100 && branch.name.includes('auth'));
		expect(expected.length).toBeGreaterThan(0);
		expect(expected.length).toBeLessThan(unmerged().filter(branch => branch.agent === 'codex').length);
		const app = await render();
		await app.press('/', 'agent:codex behind:>100 auth', keyCodes.enter);
		const frame = app.frame();
		expect(frame).toContain(`filter agent:codex behind:>100 "auth" · ${expected.length} of ${options.branches} rows`);
		expect(rowLines(frame).map(line => line.slice(2).split(/\s+/)[0])).toEqual(expected.map(branch => branch.name).sort());
		await app.press(keyCodes.escape, '/', 'is:merged', keyCodes.enter);
		expect(app.frame()).toContain(`filter is:merged · ${built.facts.merged.length} of ${options.branches} rows`);
	});

	test("z folds an agent's branches into one line with counts by verdict, and z unfolds them", async () => {
		const codex = unmerged().filter(branch => branch.agent === 'codex');
		const counts = (verdict: string) => codex.filter(branch => branch.readiness.verdict === verdict).length;
		const app = await render();
		await app.press('G');
		expect(app.frame()).toMatch(/› codex\//);
		await app.press('z');
		const folded = app.frame();
		expect(folded).toContain(`› ▸ codex: ${codex.length} branches (z unfolds)`);
		const foldLine = folded.split('\n').find(line => line.includes('▸ codex'))!;
		for (const verdict of ['blocked', 'warn', 'ready']) {
			if (counts(verdict) > 0) {
				expect(foldLine).toContain(`${counts(verdict)} ${verdict}`);
			}
		}

		expect(rowLines(folded).filter(line => line.startsWith('  codex/') || line.startsWith('› codex/'))).toEqual([]);
		expect(folded).toContain(`${options.unmerged - codex.length + 1} of ${options.branches} rows`);
		await app.press('z');
		expect(app.frame()).not.toContain('▸ codex');
		expect(app.frame()).toMatch(/› codex\//);
	});

	test('a lists each agent once with what it built; p cycles 30 days, all, 7 days', async () => {
		const app = await render();
		await app.press('a');
		const thirty = app.frame();
		expect(thirty).toContain('2 agent(s) · built over the last 30 days (p cycles)');
		const claude = document.agents.find(agent => agent.agent === 'claude')!;
		expect(thirty).toMatch(/claude · (?:no claim|\w+ \(check-in)/);
		expect(thirty).toMatch(new RegExp(`branches: (\\d+ blocked · )?(\\d+ warn · )?(\\d+ ready · )?${built.facts.merged.length} merged`));
		await app.press('p');
		const all = app.frame();
		expect(all).toContain('built over all time');
		const figures = claude.built!.periods.all;
		expect(figures.merged).toBe(built.facts.merged.length);
		expect(all).toContain(`built: ${figures.merged} merged · ${figures.commits} commits · +${figures.added} −${figures.removed} lines`);
		expect(figures.added).toBeGreaterThan(0);
		await app.press('p');
		const week = app.frame();
		expect(week).toContain('built over the last 7 days');
		const weekly = claude.built!.periods['7d'];
		expect(weekly.merged).toBeGreaterThan(0);
		expect(weekly.merged).toBeLessThan(figures.merged);
		expect(week).toContain(`built: ${weekly.merged} merged`);
		await app.press(keyCodes.escape);
		expect(app.frame()).toContain('sort: agent');
	});
});
