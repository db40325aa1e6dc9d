/**
 * The dashboard's first rows come from the collector's first look: refs and
 * coordination files only, no graph walk, no diffs, no merge-tree; then the first
 * collect reuses what the first look read.
 */
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {GitCommandLog} from '../../source/git/command-log.js';
import {openRepository} from '../../source/repo/open-repository.js';
import {LiveSession} from '../../source/watch/live-session.js';
import {firstFrameLines, pendingCell} from '../../source/ui/first-frame.js';
import {closeLiveSessions, startLiveSession} from '../watch/live-helpers.js';
import {edit, minutes, repoWithBase} from './test-repos.js';

let repo: RepoBuilder;
afterEach(async () => {
	await closeLiveSessions();
	await repo?.cleanup();
});

const claimFile = '## Codex Status\n**Currently Working On:** Rate \u001B[2Jlimiter\n**Last Checkin:** 2026-01-05T09:30:00Z\n';

async function repoWithAgents(): Promise<RepoBuilder> {
	const built = await repoWithBase();
	await built.commit({branch: 'main', message: 'claims', files: {'AI_CURRENT_WORK.md': claimFile}, at: minutes(30)});
	await built.commit({branch: 'codex/rate-limit', from: 'main', message: 'limit', files: {'src/a.ts': edit('a', 1, 'codex')}, at: minutes(40)});
	await built.commit({branch: 'claude/rouge-é', from: 'main', message: 'red', files: {'src/b.ts': edit('b', 1, 'claude')}, at: minutes(41)});
	await built.commit({branch: 'feature/human', from: 'main', message: 'human', files: {'README.md': 'hi\n'}, at: minutes(42)});
	return built;
}

describe('SnapshotCollector.firstLook', () => {
	it('gives branch names, agents and claims from three git processes, and asks nothing else', async () => {
		repo = await repoWithAgents();
		const log = new GitCommandLog();
		const opened = await openRepository(repo.root, log);
		const before = log.records.length;
		const look = await opened.collector.firstLook(minutes(60).getTime());
		const asked = log.records.slice(before).map(record => record.args.find(arg => !arg.startsWith('-') && !arg.includes('=')));
		expect(asked).toEqual(['for-each-ref', 'ls-tree', 'cat-file']);
		expect(look.base.name).toBe('main');
		expect(look.branches).toEqual([
			{name: 'claude/rouge-é', agent: 'claude'},
			{name: 'codex/rate-limit', agent: 'codex'},
			{name: 'feature/human', agent: null},
		]);
		expect(look.claims.get('codex')).toMatchObject({work: 'Rate \u001B[2Jlimiter', checkinAgeMinutes: 30, staleness: 'active'});

		// The collect that follows does not read base's coordination files again.
		const afterLook = log.records.length;
		const document = await opened.collector.collect(minutes(60).getTime());
		expect(log.records.slice(afterLook).filter(record => record.args.includes('ls-tree'))).toEqual([]);
		expect(document.agents.find(agent => agent.agent === 'codex')?.claim?.work).toBe('Rate \u001B[2Jlimiter');
	});

	it('draws rows by hand: names made visible, claims and check-ins, every other cell pending, within the width', async () => {
		repo = await repoWithAgents();
		const look = await (await openRepository(repo.root)).collector.firstLook(minutes(60).getTime());
		const lines = firstFrameLines(look, 120, 30);
		expect(lines[0]).toMatch(/^switchyard · base main [0-9a-f]{7} · 3 branches · reading ahead\/behind, files and conflicts…$/);
		const codex = lines.find(line => line.includes('codex/rate-limit'))!;
		expect(codex).toMatch(/codex\/rate-limit\s+codex\s+Rate ␛\[2Jlimiter\s+30 min active\s+reading…\s+…\s+reading…\s+reading…$/);
		// The same columns as the dashboard's table, which takes its place: nothing jumps.
		expect(lines[1]!.split(/\s+/).filter(Boolean)).toEqual(['branch', 'agent', 'claim', 'check-in', 'ahead/behind', 'last', 'conflicts', 'readiness']);
		expect(lines.find(line => line.includes('feature/human'))).toMatch(/—\s+no claim\s+no check-in\s+reading…/);
		// An escape sequence in a claim is shown, never sent to the terminal.
		expect(lines.join('\n')).not.toContain('\u001B');
		expect(lines.join('\n')).toContain('claude/rouge-é');
		for (const width of [60, 80, 120]) {
			expect(Math.max(...firstFrameLines(look, width, 30).map(line => line.length))).toBeLessThanOrEqual(width);
		}

		// A short terminal: as many rows as fit, then how many more.
		const short = firstFrameLines(look, 120, 5);
		expect(short).toHaveLength(5);
		expect(short.at(-1)).toBe('  … 1 more');
		expect(pendingCell).toBe('reading…');
	});

	it('shows a claim that names no branch on one branch only: the one the full snapshot places it on', async () => {
		repo = await repoWithAgents();
		// A second, more recent codex branch: the claim (no branch named) belongs to the most recently active one.
		await repo.commit({branch: 'codex/other-work', from: 'main', message: 'other', files: {'src/c.ts': edit('c', 1, 'codex')}, at: minutes(50)});
		const opened = await openRepository(repo.root);
		const look = await opened.collector.firstLook(minutes(60).getTime());
		const withClaim = firstFrameLines(look, 160, 30).filter(line => line.includes('Rate ␛[2Jlimiter'));
		expect(withClaim).toHaveLength(1);
		const document = await opened.collector.collect(minutes(60).getTime());
		const placed = document.agents.find(agent => agent.agent === 'codex')!.claimBranch;
		expect(placed).toBe('codex/other-work');
		expect(withClaim[0]).toContain(placed);
	});

	it('a live session started with firstLook publishes it before its first snapshot', async () => {
		repo = await repoWithAgents();
		const session = new LiveSession(await openRepository(repo.root), () => minutes(60).getTime());
		const published: Array<{firstLook: number | null; snapshot: number | null}> = [];
		session.subscribe(state => published.push({firstLook: state.firstLook?.branches.length ?? null, snapshot: state.snapshot?.branches.length ?? null}));
		try {
			await session.start({watch: false, fetch: false, firstLook: true, schedule: () => () => {}});
		} finally {
			await session.close();
		}

		// The first look, then the cheap snapshot, then the full one.
		expect(published).toEqual([{firstLook: 3, snapshot: null}, {firstLook: 3, snapshot: 3}, {firstLook: 3, snapshot: 3}]);
		// Without the option there is no first look.
		const second = await startLiveSession(repo.root, () => minutes(60).getTime(), {watch: false, fetch: false, schedule: () => () => {}});
		expect(second.state.firstLook).toBeNull();
	});
});
