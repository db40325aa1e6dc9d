/**
 * Figure 3: one commit on one agent branch, made from outside with plain plumbing
 * while a LiveSession watches (as the dashboard does), until the session publishes a
 * snapshot that carries the new tip; with the git processes that refresh started.
 */
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {openRepository} from '../source/repo/open-repository.js';
import {GitCommandLog, type GitCommandRecord} from '../source/git/command-log.js';
import {LiveSession} from '../source/watch/live-session.js';
import {subcommand} from './process-count.js';
import {git} from './processes.js';
import {scratchCopy} from './repos.js';
import {median, percentile} from './stats.js';

export interface RefreshResult {
	branches: number;
	commits: number;
	latencies: number[];
	processCounts: number[];
	medianMs: number;
	p95Ms: number;
	maxProcesses: number;
	/** The heaviest refresh's commands, to show what a refresh asks git. */
	heaviest: string[];
	/** Ref-fingerprint polls (the watcher's 5 s backstop) that fell in a window; not counted. */
	fingerprintPolls: number;
	/** Refreshes that had not published the commit after the time limit. */
	timeouts: number;
}

const timeoutMs = 10_000;

/** What a refresh measurement needs of a repository: its unmerged branches and their files. */
export interface RefreshRepo {
	branches: number;
	root: string;
	facts: {branches: ReadonlyArray<{name: string; files: string[]}>};
}

export async function measureRefresh(repo: RefreshRepo, commits: number): Promise<RefreshResult> {
	const copy = await scratchCopy(repo);
	const scratch = await mkdtemp(path.join(os.tmpdir(), 'switchyard-bench-index-'));
	const log = new GitCommandLog(100_000);
	const opened = await openRepository(copy.root, log);
	const session = new LiveSession(opened, () => Date.now());
	const latencies: number[] = [];
	const processCounts: number[] = [];
	let heaviest: string[] = [];
	let fingerprintPolls = 0;
	let timeouts = 0;
	try {
		await session.start({watch: true, fetch: false});
		await session.settled();
		// Unmerged branches that change files: the interesting ones, with conflict candidates.
		const targets = repo.facts.branches.filter(branch => branch.files.length > 0);
		for (let index = 0; index < commits; index += 1) {
			const branch = targets[(index * 7) % targets.length]!;
			const {old, next} = await prepareCommit(copy.root, scratch, branch.name, branch.files[0]!, index);
			const window: GitCommandRecord[] = [];
			const stopLog = log.subscribe(record => window.push(record));
			let stopSession = () => {};
			const published = new Promise<number>(resolve => {
				stopSession = session.subscribe(state => {
					if (state.snapshot?.branches.some(row => row.name === branch.name && row.sha === next)) {
						resolve(performance.now());
					}
				});
			});
			const started = performance.now();
			const startedWall = Date.now();
			await git(copy.root, ['update-ref', '-m', 'bench', `refs/heads/${branch.name}`, next, old]);
			const ended = await Promise.race([published, sleep(timeoutMs).then(() => Number.NaN)]);
			stopSession();
			stopLog();
			if (Number.isNaN(ended)) {
				timeouts += 1;
				continue;
			}

			latencies.push(ended - started);
			// Commands this refresh started; the periodic ref fingerprint is the watcher's, not the refresh's.
			const mine = window.filter(record => record.startedAt >= startedWall - 1);
			const polls = mine.filter(record => record.args.includes('--format=%(objectname)%(refname)'));
			fingerprintPolls += polls.length;
			const counted = mine.filter(record => !polls.includes(record));
			processCounts.push(counted.length);
			if (counted.length >= heaviest.length) {
				heaviest = counted.map(record => subcommand(record.args));
			}

			// Let trailing file events (reflog, lock removal) settle so they do not bleed into the next sample.
			await sleep(150);
			await session.settled();
		}
	} finally {
		await session.close();
		await rm(scratch, {recursive: true, force: true});
		await copy.remove();
	}

	return {
		branches: repo.branches,
		commits,
		latencies,
		processCounts,
		medianMs: median(latencies),
		p95Ms: percentile(latencies, 95),
		maxProcesses: Math.max(...processCounts),
		heaviest,
		fingerprintPolls,
		timeouts,
	};
}

/**
 * A real commit on `branch` that edits one of its files, written with plumbing and a
 * private index outside the repository (so the watcher sees only the ref move).
 */
async function prepareCommit(root: string, scratch: string, branch: string, file: string, index: number): Promise<{old: string; next: string}> {
	const env = {
		GIT_INDEX_FILE: path.join(scratch, `index-${index}`),
		GIT_AUTHOR_NAME: 'Bench Agent',
		GIT_AUTHOR_EMAIL: 'bench@example.com',
		GIT_COMMITTER_NAME: 'Bench Agent',
		GIT_COMMITTER_EMAIL: 'bench@example.com',
	};
	const old = await git(root, ['rev-parse', `refs/heads/${branch}`]);
	const content = await git(root, ['cat-file', 'blob', `${old}:${file}`]);
	const written = await git(root, ['hash-object', '-w', '--stdin'], env, `${content}\n// bench edit ${index}\n`);
	await git(root, ['read-tree', old], env);
	await git(root, ['update-index', '--cacheinfo', `100644,${written},${file}`], env);
	const tree = await git(root, ['write-tree'], env);
	const next = await git(root, ['commit-tree', tree, '-p', old, '-m', `bench: edit ${index}`], env);
	return {old, next};
}
