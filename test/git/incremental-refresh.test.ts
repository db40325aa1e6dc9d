import {execFileSync} from 'node:child_process';
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {openRepository} from '../../source/repo/open-repository.js';
import {GitCommandLog} from '../../source/git/command-log.js';
import {LiveSession} from '../../source/watch/live-session.js';
import {closeLiveSessions, startLiveSession, untilState} from '../watch/live-helpers.js';
import {edit, minutes, repoWithBase} from './test-repos.js';

let repo: RepoBuilder;
afterEach(async () => {
	await closeLiveSessions();
	await repo?.cleanup();
});

/** Twelve agent branches; every one shares src/a.ts with the others, in its own region. */
async function repoWithTwelveBranches(): Promise<RepoBuilder> {
	const built = await repoWithBase();
	for (let index = 0; index < 12; index++) {
		await built.commit({branch: `claude/task-${index}`, from: 'main', message: `task ${index}`, files: {'src/a.ts': edit('a', 3 * index + 1, `task ${index}`), [`src/own-${index}.ts`]: `${index}\n`}, at: minutes(10 + index)});
	}

	return built;
}

describe('a change to one branch', () => {
	it('recomputes that branch only: its new commits, its diff, its merges, in at most 7 git processes', async () => {
		repo = await repoWithTwelveBranches();
		const log = new GitCommandLog();
		const opened = await openRepository(repo.root, log);
		await opened.collector.collect(minutes(600).getTime());
		const before = log.records.length;

		const newTip = await repo.commit({branch: 'claude/task-4', message: 'more work', files: {'src/own-4.ts': 'changed\n'}, at: minutes(300)});
		const document = await opened.collector.collect(minutes(601).getTime(), {refs: true, worktree: false});
		const refresh = log.records.slice(before);

		expect(document.branches.find(branch => branch.name === 'claude/task-4')!.sha).toBe(newTip);
		// The diff alone is four: raw names and the modified files' patch (two diff-trees), the
		// added file's `diff` attribute (check-attr) and its blob (cat-file).
		expect(refresh.length).toBeLessThanOrEqual(7);
		const byCommand = (name: string) => refresh.filter(record => record.args.includes(name));
		// The graph walk reads the one new commit, not the history again.
		expect(byCommand('log')).toHaveLength(1);
		// One diff for the moved branch (names, then the modified files' patch); the other eleven come from the cache.
		expect(byCommand('diff-tree').map(record => record.inputLines)).toEqual([1, 1]);
		expect(byCommand('cat-file')).toHaveLength(1);
		// Its merges with the eleven branches sharing src/a.ts, and nothing else.
		expect(byCommand('merge-tree').map(record => record.inputLines)).toEqual([11]);
		expect(opened.collector.stats.mergesAsked).toBe(11);
	});

	it('after a commit that edits code only, at most 5 git processes: the unchanged claim file is not read again', async () => {
		repo = await repoWithBase();
		const work = (task: string) => `# AI Current Work Status\n\n## Claude Code Status\n- **Currently Working On**: ${task}\n- **Files Being Modified**:\n  - \`src/a.ts\`\n- **Status**: 🔄 In Progress\n`;
		await repo.commit({branch: 'main', message: 'the board', files: {'AI_CURRENT_WORK.md': work('nothing yet')}, at: minutes(1)});
		// Every branch only modifies files base has: no added file, so hygiene reads patches only.
		for (let index = 0; index < 6; index++) {
			const board: Record<string, string> = index === 2 ? {'AI_CURRENT_WORK.md': work('Ledger rework')} : {};
			await repo.commit({branch: `claude/task-${index}`, from: 'main', message: `task ${index}`, files: {'src/a.ts': edit('a', 3 * index + 1, `task ${index}`), ...board}, at: minutes(10 + index)});
		}

		const log = new GitCommandLog();
		const opened = await openRepository(repo.root, log);
		const claimed = (document: {agents: unknown[]}) => JSON.stringify(document.agents).includes('Ledger rework');
		expect(claimed(await opened.collector.collect(minutes(600).getTime()))).toBe(true);
		const before = log.records.length;

		const newTip = await repo.commit({branch: 'claude/task-2', message: 'more work', files: {'src/a.ts': edit('a', 7, 'task 2, again')}, at: minutes(300)});
		const document = await opened.collector.collect(minutes(601).getTime(), {refs: true, worktree: false});
		const refresh = log.records.slice(before);

		expect(document.branches.find(branch => branch.name === 'claude/task-2')!.sha).toBe(newTip);
		// for-each-ref, log, the moved branch's raw diff and patch, and its merges in one merge-tree.
		expect(refresh.length).toBeLessThanOrEqual(5);
		// The claim file's blob at the new tip is the one parsed before: taken from the cache, not asked.
		expect(refresh.filter(record => record.args.includes('cat-file'))).toHaveLength(0);
		expect(claimed(document)).toBe(true);
	});

	it('asks a moved branch\'s many merges in one merge-tree: a refresh stays within 5 processes', async () => {
		repo = await repoWithBase();
		// Twenty branches editing one file: the moved one is a candidate with each of the others.
		for (let index = 0; index < 20; index++) {
			await repo.commit({branch: `claude/task-${index}`, from: 'main', message: `task ${index}`, files: {'src/a.ts': edit('a', index + 1, `task ${index}`)}, at: minutes(10 + index)});
		}

		const log = new GitCommandLog();
		const opened = await openRepository(repo.root, log);
		await opened.collector.collect(minutes(600).getTime());
		const before = log.records.length;
		await repo.commit({branch: 'claude/task-3', message: 'more work', files: {'src/a.ts': edit('a', 4, 'task 3, again')}, at: minutes(300)});
		await opened.collector.collect(minutes(601).getTime(), {refs: true, worktree: false});
		const merges = log.records.slice(before).filter(record => record.args.includes('merge-tree'));

		// More merges than one process takes when many branches are read (16), in one process all the same.
		expect(merges.map(record => record.inputLines)).toEqual([19]);
		expect(log.records.length - before).toBeLessThanOrEqual(5);
	});

	it('reaches a running live session without a key press', async () => {
		repo = await repoWithTwelveBranches();
		const session = await startLiveSession(repo.root, () => minutes(600).getTime(), {fetch: false});
		expect(session.state.snapshot?.branches).toHaveLength(12);

		await repo.commit({branch: 'codex/new', from: 'main', message: 'new branch from outside', files: {'src/new.ts': 'new\n'}, at: minutes(400)});
		await untilState(session, state => state.snapshot?.branches.some(branch => branch.name === 'codex/new'), 'the new branch');
		expect(session.state.snapshot!.branches.find(branch => branch.name === 'codex/new')).toMatchObject({agent: 'codex', ahead: 1});
	});
});

describe('a change while the session starts', () => {
	it('is not lost in the moment before the watcher is ready', async () => {
		repo = await repoWithTwelveBranches();
		// A commit made ahead of time, put on a new branch the moment the first snapshot is out:
		// after it was read, before anything watches.
		const tip = await repo.commit({branch: 'codex/early', from: 'main', message: 'early work', files: {'src/early.ts': 'e\n'}, at: minutes(400)});
		await repo.deleteBranch('codex/early');
		const opened = await openRepository(repo.root);
		const session = new LiveSession(opened, () => minutes(600).getTime());
		const unsubscribe = session.subscribe(state => {
			if (state.snapshot) {
				unsubscribe();
				execFileSync('git', ['update-ref', 'refs/heads/codex/early', tip], {cwd: repo.root});
			}
		});
		try {
			await session.start({fetch: false});
			await untilState(session, state => state.snapshot?.branches.some(branch => branch.name === 'codex/early'), 'the branch made during start');
		} finally {
			await session.close();
		}
	});
});

describe('time passing', () => {
	it('turns an active check-in idle on the clock alone, without asking git anything', async () => {
		repo = await repoWithBase();
		await repo.commit({branch: 'main', message: 'claim', files: {'AI_CURRENT_WORK.md': '## Codex Status\n**Currently Working On:** Rate limiter\n**Last Checkin:** 2026-01-05T10:00:00Z\n'}, at: minutes(60)});
		const log = new GitCommandLog();
		let now = Date.parse('2026-01-05T11:59:00Z');
		const session = await startLiveSession(repo.root, () => now, {watch: false, fetch: false, clockIntervalMs: 20, log});
		expect(session.state.snapshot!.agents[0]!.claim!.staleness).toBe('active');
		const before = log.records.length;

		now = Date.parse('2026-01-05T12:00:00Z');
		await untilState(session, state => state.snapshot?.agents[0]?.claim?.staleness === 'idle', 'the check-in to turn idle');
		expect(log.records.slice(before)).toEqual([]);
	});

	it('wakes at the crossing itself, without waiting for the clock tick', async () => {
		repo = await repoWithBase();
		await repo.commit({branch: 'main', message: 'claim', files: {'AI_CURRENT_WORK.md': '## Codex Status\n**Currently Working On:** Rate limiter\n**Last Checkin:** 2026-01-05T10:00:00Z\n'}, at: minutes(60)});
		// The clock stands 400 ms before 12:00, two hours after the check-in, however long
		// the start takes; the test moves it and fires the wake the session asked for.
		const crossing = Date.parse('2026-01-05T12:00:00Z');
		let now = crossing - 400;
		const wakes: Array<{run: () => void; delayMs: number; cancelled: boolean}> = [];
		const schedule = (run: () => void, delayMs: number) => {
			const wake = {run, delayMs, cancelled: false};
			wakes.push(wake);
			return () => {
				wake.cancelled = true;
			};
		};

		const session = await startLiveSession(repo.root, () => now, {watch: false, fetch: false, clockIntervalMs: 3_600_000, schedule});
		await session.settled();
		expect(session.state.snapshot!.agents[0]!.claim!.staleness).toBe('active');
		const pending = wakes.filter(wake => !wake.cancelled);
		expect(pending).toHaveLength(1);
		// Timers run late, never early: the wake is asked for just after the crossing.
		expect(pending[0]!.delayMs).toBe(405);

		now = crossing + 5;
		pending[0]!.run();
		const idle = await untilState(session, state => state.snapshot?.agents[0]?.claim?.staleness === 'idle', 'the check-in to turn idle at 12:00');
		expect(Date.parse(idle.snapshot!.generatedAt)).toBeGreaterThanOrEqual(crossing);
	});
});
