/**
 * `npm run bench`: docs/design.md §9 measured on generated repositories of 25, 100 and 500
 * agent branches (built once, cached under the system temp folder). Prints one table;
 * every figure names the command that produced it. Nothing here asserts: the figures
 * are for people, and timings vary by machine.
 *
 *   node dist/bench/run.js [--only=1,2,3,4,5,6,7] [--runs=N]
 *
 * 7 is the long-history shape (bench/long-history.ts).
 */
import {mkdir, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {TmuxServer, type DashboardRun} from './dashboard.js';
import {measureFullStatus, type FullStatusResult} from './full-status.js';
import {hugeDiffNote, hugeDiffRows, measureHugeDiffs} from './huge-diffs.js';
import {longHistoryFigures} from './long-history.js';
import {statusPeakRss} from './memory.js';
import {countProcesses, type ProcessCountResult} from './process-count.js';
import {measureRefresh, type RefreshResult} from './refresh.js';
import {benchRepo, cacheDir, type BenchRepo} from './repos.js';
import {megabytes, median, ms, seconds} from './stats.js';
import {renderTable, verdict, type Row} from './table.js';

const sizes = [25, 100, 500] as const;
const options = parseArguments(process.argv.slice(2));
const started = performance.now();
const progress = (message: string) => process.stderr.write(`[${seconds(performance.now() - started).padStart(8)}] ${message}\n`);

const loadBefore = os.loadavg()[0]!;
const repos = new Map<number, BenchRepo>();
for (const size of sizes) {
	const repo = await benchRepo(size);
	repos.set(size, repo);
	progress(`${size} branches: ${repo.reused ? 'cached' : 'built'} ${repo.root} (${seconds(repo.buildMs)})`);
}

const rows: Row[] = [];
/** Printed under the table: what a figure is made of. */
const notes: string[] = [];
const raw: Record<string, unknown> = {};
const repo = (size: number) => repos.get(size)!;

if (options.only.has(1)) {
	const results: FullStatusResult[] = [];
	for (const size of sizes) {
		const runs = options.runs ?? (size >= 500 ? 3 : 5);
		progress(`1. status --json against baseline.sh, ${size} branches, ${runs} alternating runs`);
		results.push(await measureFullStatus(repo(size), runs));
	}

	raw['fullStatus'] = results;
	for (const result of results) {
		rows.push(
			{figure: `1. status --json, median of ${result.runs}`, repo: `${result.branches}`, value: seconds(result.switchyardMedian), target: '', met: '', command: 'node bin/switchyard.js status --json -C <repo>'},
			{figure: `1. plain-git baseline, median of ${result.runs}`, repo: `${result.branches}`, value: `${seconds(result.baselineMedian)} (${result.baselineMerges} merge-trees)`, target: '', met: '', command: 'bash bench/baseline.sh <repo> main'},
			{
				figure: '1. ratio switchyard / baseline',
				repo: `${result.branches}`,
				value: result.ratio.toFixed(2),
				target: result.branches === 100 ? '≤ 0.25' : '',
				met: result.branches === 100 ? verdict(result.ratio <= 0.25) : '',
				command: 'median of per-run ratios',
			},
		);
	}
}

if (options.only.has(2)) {
	const results: ProcessCountResult[] = [];
	for (const size of sizes) {
		progress(`2. git processes of one full status, ${size} branches`);
		results.push(await countProcesses(repo(size)));
	}

	raw['processes'] = results.map(result => ({...result, bySubcommand: Object.fromEntries(result.bySubcommand)}));
	for (const result of results) {
		notes.push(`2. one status at ${result.branches} branches runs: ${[...result.bySubcommand].map(([name, count]) => (count > 1 ? `${name} ×${count}` : name)).join(', ')}`);
	}

	// merge-tree runs in up to one process per core (at most 8) when there are many merges; the rest is a fixed set.
	const mergeTrees = (result: ProcessCountResult) => result.bySubcommand.get('merge-tree') ?? 0;
	const flat = results.every(result => result.processes - mergeTrees(result) === results[0]!.processes - mergeTrees(results[0]!) && mergeTrees(result) <= Math.min(8, os.availableParallelism()));
	for (const result of results) {
		rows.push(
			{
				figure: '2. git processes, one status',
				repo: `${result.branches}`,
				value: `${result.processes}`,
				target: 'flat (merge-tree ≤ cores)',
				met: verdict(flat),
				command: 'openRepository + collector.collect, GitCommandLog',
			},
			{
				figure: '2. merges asked / candidates',
				repo: `${result.branches}`,
				value: `${result.mergesAsked} / ${result.candidatePairs + result.candidatesWithBase} (${result.candidatePairs} pairs + ${result.candidatesWithBase} with base)`,
				target: '= candidates',
				met: verdict(result.mergesAsked === result.candidatePairs + result.candidatesWithBase),
				command: 'collector.stats after that collect',
			},
			{
				// Candidates are counted after the pair cap: pairs beyond it are neither candidates nor asked.
				figure: '2. overlapping pairs left unchecked (pair cap)',
				repo: `${result.branches}`,
				value: `${result.pairsSkipped}`,
				target: '0',
				met: verdict(result.pairsSkipped === 0),
				command: 'collector.stats.pairsSkipped',
			},
		);
	}
}

if (options.only.has(3)) {
	const commits = options.runs ? Math.max(options.runs, 3) : 20;
	progress(`3. incremental refresh, 100 branches, ${commits} commits`);
	const result: RefreshResult = await measureRefresh(repo(100), commits);
	raw['refresh'] = result;
	notes.push(`3. the heaviest refresh ran: ${result.heaviest.join(', ')}${result.fingerprintPolls > 0 ? `; ${result.fingerprintPolls} ref-fingerprint polls (the watcher's 5 s backstop) fell inside windows and are not counted` : ''}`);
	const command = 'LiveSession in-process; git commit-tree + git update-ref from outside';
	rows.push(
		{figure: `3. refresh after 1 commit, median of ${result.latencies.length}`, repo: '100', value: ms(result.medianMs), target: '< 300 ms', met: verdict(result.medianMs < 300), command},
		{figure: '3. refresh after 1 commit, p95', repo: '100', value: ms(result.p95Ms), target: '', met: '', command},
		{
			figure: '3. git processes per refresh, max',
			repo: '100',
			value: `${result.maxProcesses} (median ${median(result.processCounts)})`,
			target: '≤ 5',
			met: verdict(result.maxProcesses <= 5),
			command: 'GitCommandLog records between update-ref and the new snapshot',
		},
	);
	if (result.timeouts > 0) {
		rows.push({figure: '3. commits never shown (10 s limit)', repo: '100', value: `${result.timeouts}`, target: '0', met: verdict(false), command});
	}
}

if (options.only.has(4) || options.only.has(5)) {
	const tmux = new TmuxServer();
	await tmux.start();
	try {
		if (options.only.has(4)) {
			const runs: DashboardRun[] = [];
			const count = options.runs ?? 5;
			progress(`4. first frame in tmux, 100 branches, ${count} starts`);
			for (let index = 0; index < count; index += 1) {
				runs.push(await tmux.runDashboard(repo(100)));
			}

			raw['firstFrame'] = runs;
			const tmuxCommand = `tmux new-session -d -x 160 -y 50 'node bin/switchyard.js -C <repo>'; capture-pane -p every ~${Math.round(median(runs.map(run => run.pollIntervalMs)))} ms`;
			const probeCommand = 'same start, stdout write times from node --import dist/bench/probe.js';
			// The first useful frame is the first branch row; the splash before Ink loads is its own line.
			const frame = median(runs.map(run => run.screen.rows));
			rows.push(
				{figure: `4. first frame (a branch row) on screen, median of ${count}`, repo: '100', value: `${ms(frame)} (written ${ms(median(runs.map(run => run.inProcess.rows)))})`, target: '< 400 ms', met: verdict(frame < 400), command: tmuxCommand},
				{figure: '4. splash on screen', repo: '100', value: `${ms(median(runs.map(run => run.screen.splash)))} ("${runs[0]!.splashLine}"; written ${ms(median(runs.map(run => run.inProcess.splash)))}, node up at ${ms(median(runs.map(run => run.inProcess.nodeStarted)))})`, target: '', met: '', command: `${tmuxCommand}; ${probeCommand}`},
				{figure: '4. conflicts filled in on screen', repo: '100', value: `${ms(median(runs.map(run => run.screen.conflicts)))} (written ${ms(median(runs.map(run => run.inProcess.conflicts)))})`, target: '', met: '', command: tmuxCommand},
			);
		}

		if (options.only.has(5)) {
			progress('5. peak memory, 500 branches');
			const status = await statusPeakRss(repo(500));
			const dashboard = await tmux.runDashboard(repo(500));
			raw['memory'] = {statusMaxRssKb: status, dashboard};
			const dashboardPeak = Math.max(dashboard.maxRssKb, Number.isNaN(dashboard.vmHwmKb) ? 0 : dashboard.vmHwmKb);
			rows.push(
				{figure: '5. peak RSS, status --json', repo: '500', value: megabytes(status), target: '< 150 MB', met: verdict(status < 150 * 1024), command: 'node --import dist/bench/probe.js bin/switchyard.js status --json -C <repo> (maxRSS)'},
				{
					figure: '5. peak RSS, dashboard',
					repo: '500',
					value: `${megabytes(dashboardPeak)} (rows ${ms(dashboard.screen.rows)}, conflicts ${ms(dashboard.screen.conflicts)})`,
					target: '< 150 MB',
					met: verdict(dashboardPeak < 150 * 1024),
					command: 'tmux … node --import dist/bench/probe.js bin/switchyard.js -C <repo>, run until conflicts shown, q (maxRSS, /proc VmHWM)',
				},
			);
		}
	} finally {
		await tmux.stop();
	}
}

if (options.only.has(6)) {
	progress('6. huge diffs: cold and warm status --json against plain-git ahead/behind, 250 branches');
	const result = await measureHugeDiffs(options.runs ?? 3);
	raw['hugeDiffs'] = result;
	rows.push(...hugeDiffRows(result));
	notes.push(hugeDiffNote(result));
}

if (options.only.has(7)) {
	const figures = await longHistoryFigures(progress, options.runs);
	rows.push(...figures.rows);
	notes.push(...figures.notes);
	raw['longHistory'] = figures.raw;
}

const output = path.join(path.dirname(cacheDir(0)), 'last-run.json');
await mkdir(path.dirname(output), {recursive: true});
await writeFile(output, JSON.stringify({rows, raw}, null, 2));
progress('done');
process.stdout.write(`\n${renderTable(rows)}\n\n`);
for (const note of notes) {
	process.stdout.write(`${note}\n`);
}

process.stdout.write(`<repo>: ${sizes.map(size => `${size} = ${repo(size).root}`).join(', ')} (base 1,500 commits, 800 files, seed 1)\n`);
process.stdout.write(`git ${await gitVersion()}, node ${process.version}, ${os.cpus().length} CPUs, load average ${loadBefore.toFixed(1)} before / ${os.loadavg()[0]!.toFixed(1)} after; total ${seconds(performance.now() - started)}\n`);
process.stdout.write(`raw samples: ${output}\n`);

function parseArguments(args: string[]): {only: Set<number>; runs: number | undefined} {
	let only = new Set([1, 2, 3, 4, 5, 6, 7]);
	let runs: number | undefined;
	for (const arg of args) {
		if (arg.startsWith('--only=')) {
			only = new Set(arg.slice('--only='.length).split(',').map(Number));
		} else if (arg.startsWith('--runs=')) {
			runs = Math.max(1, Number(arg.slice('--runs='.length)));
		} else {
			process.stderr.write(`bench: unknown argument ${arg} (use --only=1,2,3,4,5,6,7 and --runs=N)\n`);
			process.exit(2);
		}
	}

	return {only, runs};
}

async function gitVersion(): Promise<string> {
	const {git} = await import('./processes.js');
	return (await git(process.cwd(), ['--version'])).replace('git version ', '');
}
