/**
 * Figure 7: the long-history shape of docs/design.md §9 (fixtures/long-history.ts): a first
 * (cold) `status` against plain git's ahead/behind loop alone, a second (warm) one with
 * the answers kept in the state folder, peak RSS, merges asked against candidates,
 * and the refresh after one commit (figure 3's measurement on this shape).
 *
 * Cold means the state folder's answers are removed before the run; warm means the
 * previous run's answers are there. Nothing else of the repository changes.
 */
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {buildLongHistoryRepo, type LongHistoryFacts} from '../fixtures/long-history.js';
import {binNodeFlags, probeModule, switchyardBin} from './paths.js';
import type {ProbeReport} from './probe.js';
import {countProcesses, type ProcessCountResult} from './process-count.js';
import {git, timedRun} from './processes.js';
import {measureRefresh, type RefreshResult} from './refresh.js';
import {benchSeed} from './repos.js';
import {megabytes, median, ms, seconds} from './stats.js';
import {verdict, type Row} from './table.js';

export interface LongHistoryRepo {
	/** Agent branches in all (figure 3's `repo` column). */
	branches: number;
	root: string;
	/** Unmerged branches with their files, as measureRefresh wants them. */
	facts: {branches: Array<{name: string; files: string[]}>};
	history: LongHistoryFacts;
	reused: boolean;
	buildMs: number;
}

export interface LongHistoryResult {
	branches: number;
	baseCommits: number;
	/** Plain git: one `rev-list --left-right --count main...<branch>` per branch, in a loop. */
	aheadBehindMs: number[];
	coldMs: number[];
	warmMs: number[];
	coldRssKb: number[];
	warmRssKb: number[];
	aheadBehindMedian: number;
	coldMedian: number;
	warmMedian: number;
	/** One cold collect in-process: processes by subcommand, merges asked and candidates. */
	processes: ProcessCountResult;
	/** The state folder's answers after a cold run. */
	keptBytes: number;
}

export function longHistoryCacheDir(seed = benchSeed): string {
	return path.join(os.tmpdir(), 'switchyard-bench-cache', `long-history-${seed}`);
}

export async function longHistoryRepo(): Promise<LongHistoryRepo> {
	const started = performance.now();
	const built = await buildLongHistoryRepo({seed: benchSeed, dir: longHistoryCacheDir()});
	return {
		branches: built.facts.options.branches,
		root: built.root,
		facts: {branches: built.facts.unmerged.map(branch => ({name: branch.name, files: branch.files}))},
		history: built.facts,
		reused: built.reused,
		buildMs: performance.now() - started,
	};
}

const keptFolder = (root: string) => path.join(root, '.git', 'switchyard', 'cache');

export async function measureLongHistory(repo: LongHistoryRepo, runs: number): Promise<LongHistoryResult> {
	const branches = (await git(repo.root, ['for-each-ref', '--format=%(refname:short)', 'refs/heads'])).split('\n').filter(name => name && name !== 'main');
	const aheadBehindMs: number[] = [];
	const coldMs: number[] = [];
	const warmMs: number[] = [];
	const coldRssKb: number[] = [];
	const warmRssKb: number[] = [];
	// One unmeasured run of each: the first read of a repository pays for the page cache.
	await status(repo.root);
	for (let run = 0; run < runs; run += 1) {
		const loopStarted = performance.now();
		for (const branch of branches) {
			await timedRun('git', ['rev-list', '--left-right', '--count', `main...${branch}`], {cwd: repo.root});
		}

		aheadBehindMs.push(performance.now() - loopStarted);
		await rm(keptFolder(repo.root), {recursive: true, force: true});
		const cold = await status(repo.root);
		coldMs.push(cold.ms);
		coldRssKb.push(cold.maxRssKb);
		const warm = await status(repo.root);
		warmMs.push(warm.ms);
		warmRssKb.push(warm.maxRssKb);
	}

	await rm(keptFolder(repo.root), {recursive: true, force: true});
	const processes = await countProcesses({branches: repo.branches, root: repo.root});
	const keptBytes = (await readFile(path.join(keptFolder(repo.root), 'answers.json'))).length;
	return {
		branches: repo.branches,
		baseCommits: repo.history.options.baseCommits,
		aheadBehindMs,
		coldMs,
		warmMs,
		coldRssKb,
		warmRssKb,
		aheadBehindMedian: median(aheadBehindMs),
		coldMedian: median(coldMs),
		warmMedian: median(warmMs),
		processes,
		keptBytes,
	};
}

/** Figure 3 on this shape: the session starts warm (the copy carries the kept answers). */
export async function measureLongHistoryRefresh(repo: LongHistoryRepo, commits: number): Promise<RefreshResult> {
	return measureRefresh(repo, commits);
}

/** `status --json` with the probe: wall time and the node process's peak RSS. */
async function status(root: string): Promise<{ms: number; maxRssKb: number}> {
	const scratch = await mkdtemp(path.join(os.tmpdir(), 'switchyard-bench-probe-'));
	const probeFile = path.join(scratch, 'probe.json');
	try {
		const {ms} = await timedRun(process.execPath, [...binNodeFlags, '--import', probeModule, switchyardBin, 'status', '--json', '-C', root], {
			env: {...process.env, SWITCHYARD_BENCH_PROBE: probeFile},
		});
		const report = JSON.parse(await readFile(probeFile, 'utf8')) as ProbeReport;
		return {ms, maxRssKb: report.maxRssKb ?? Number.NaN};
	} finally {
		await rm(scratch, {recursive: true, force: true});
	}
}

/** Figure 7 for `bench/run.ts`: its rows, notes and raw samples. */
export async function longHistoryFigures(progress: (message: string) => void, runs: number | undefined): Promise<{rows: Row[]; notes: string[]; raw: unknown}> {
	const repo = await longHistoryRepo();
	progress(`7. long history: ${repo.reused ? 'cached' : 'built'} ${repo.root} (${seconds(repo.buildMs)})`);
	const count = runs ?? 3;
	progress(`7. long history: cold and warm status against the ahead/behind loop, ${count} runs`);
	const result = await measureLongHistory(repo, count);
	const commits = runs ? Math.max(runs, 3) : 10;
	progress(`7. long history: refresh after one commit, ${commits} commits`);
	const refresh = await measureLongHistoryRefresh(repo, commits);
	const label = `${repo.branches} (${result.baseCommits} on main)`;
	const loop = result.aheadBehindMedian;
	const statusCommand = 'node bin/switchyard.js status --json -C <long>';
	const {processes} = result;
	const candidates = processes.candidatePairs + processes.candidatesWithBase;
	const rows: Row[] = [
		{figure: `7. plain git ahead/behind loop, median of ${count}`, repo: label, value: seconds(loop), target: '', met: '', command: 'git rev-list --left-right --count main...<b>, once per branch'},
		{figure: `7. cold status, median of ${count}`, repo: label, value: seconds(result.coldMedian), target: '≤ loop / 2', met: verdict(result.coldMedian <= loop / 2), command: `rm -r .git/switchyard/cache; ${statusCommand}`},
		{figure: `7. warm status, median of ${count}`, repo: label, value: seconds(result.warmMedian), target: '≤ loop / 4 or 1.5 s', met: verdict(result.warmMedian <= Math.max(loop / 4, 1500)), command: `${statusCommand} (again)`},
		{figure: '7. peak RSS, cold / warm status', repo: label, value: `${megabytes(Math.max(...result.coldRssKb))} / ${megabytes(Math.max(...result.warmRssKb))}`, target: '< 300 MB', met: verdict(Math.max(...result.coldRssKb, ...result.warmRssKb) < 300 * 1024), command: `node --import dist/bench/probe.js … ${statusCommand} (maxRSS)`},
		{figure: '7. merges asked / candidates, cold', repo: label, value: `${processes.mergesAsked} / ${candidates} (${processes.candidatePairs} pairs + ${processes.candidatesWithBase} with base)`, target: '= candidates', met: verdict(processes.mergesAsked === candidates), command: 'collector.stats after a cold in-process collect'},
		{figure: '7. refresh after 1 commit, median / max', repo: label, value: `${ms(refresh.medianMs)} / ${ms(Math.max(...refresh.latencies))}`, target: '< 1 s', met: verdict(refresh.latencies.length > 0 && Math.max(...refresh.latencies) < 1000 && refresh.timeouts === 0), command: 'LiveSession in-process; git commit-tree + git update-ref from outside'},
	];
	const notes = [
		`7. a cold status on the long history runs: ${[...processes.bySubcommand].map(([name, value]) => (value > 1 ? `${name} ×${value}` : name)).join(', ')} (${processes.processes} git processes); its kept answers take ${megabytes(result.keptBytes / 1024)}`,
		`7. the heaviest refresh on the long history ran: ${refresh.heaviest.join(', ')}; git processes per refresh max ${refresh.maxProcesses}${refresh.timeouts > 0 ? `; ${refresh.timeouts} commits never shown` : ''}`,
	];
	return {rows, notes, raw: {...result, processes: {...processes, bySubcommand: Object.fromEntries(processes.bySubcommand)}, refresh}};
}
