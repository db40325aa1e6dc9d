/**
 * Figure 6, the shape of issue 10's crash (docs/design.md §9, "real repositories are
 * harder"): 250 `codex/` branches forked far back on a 4,200-commit main, 40 of which
 * add 500–2,400 files of generated test vectors, 14–28 MB of patch each (840 MB in
 * all). Measured: a cold `status --json` (the state folder's kept answers removed
 * first) and a warm one right after it (those answers there), each a fresh process,
 * next to plain git's ahead/behind alone, one `rev-list --left-right --count` per
 * agent branch; and the cold run's peak RSS.
 */
import os from 'node:os';
import path from 'node:path';
import {buildHugeDiffRepo, type HugeDiffRepo} from '../fixtures/huge-diffs.js';
import {statusPeakRss} from './memory.js';
import {forgetKeptAnswers} from './repos.js';
import {binNodeFlags, switchyardBin} from './paths.js';
import {timedRun} from './processes.js';
import {megabytes, median, seconds} from './stats.js';
import {verdict, type Row} from './table.js';

export interface HugeDiffResult {
	root: string;
	branches: number;
	hugeBranches: number;
	hugeFiles: number;
	hugePatchBytes: number;
	baseCommits: number;
	buildMs: number;
	reused: boolean;
	runs: number;
	statusMs: number[];
	warmMs: number[];
	aheadBehindMs: number[];
	statusMaxRssKb: number;
}

export async function measureHugeDiffs(runs: number): Promise<HugeDiffResult> {
	const started = performance.now();
	// -2: the deep-history build of generator 2 (a folder of its own, not generator 1's).
	const repo = await buildHugeDiffRepo({dir: path.join(os.tmpdir(), 'switchyard-bench-cache', 'huge-diffs-2')});
	const buildMs = performance.now() - started;
	const statusMs: number[] = [];
	const warmMs: number[] = [];
	const aheadBehindMs: number[] = [];
	const status = async () => (await timedRun(process.execPath, [...binNodeFlags, switchyardBin, 'status', '--json', '-C', repo.root])).ms;
	// One unmeasured run each: the first read of a repository pays for the page cache.
	await status();
	await aheadBehindLoop(repo);
	for (let run = 0; run < runs; run += 1) {
		await forgetKeptAnswers(repo.root);
		statusMs.push(await status());
		warmMs.push(await status());
		aheadBehindMs.push(await aheadBehindLoop(repo));
	}

	return {
		root: repo.root,
		branches: repo.options.branches,
		hugeBranches: repo.options.hugeBranches,
		hugeFiles: repo.hugeFiles,
		hugePatchBytes: repo.hugePatchBytes,
		baseCommits: repo.options.baseCommits,
		buildMs,
		reused: repo.reused,
		runs,
		statusMs,
		warmMs,
		aheadBehindMs,
		statusMaxRssKb: await statusPeakRss(repo),
	};
}

/** Plain git's ahead/behind, the way a script asks it: one process per agent branch. */
async function aheadBehindLoop(repo: HugeDiffRepo): Promise<number> {
	const script = 'for branch in "$@"; do git rev-list --left-right --count "main...$branch" >/dev/null; done';
	return (await timedRun('bash', ['-c', script, 'ahead-behind', ...repo.branchNames], {cwd: repo.root, env: {...process.env, LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0'}})).ms;
}

/** The rows figure 6 adds to the bench table. */
export function hugeDiffRows(result: HugeDiffResult): Row[] {
	const repo = `${result.branches} (huge)`;
	const status = median(result.statusMs);
	const aheadBehind = median(result.aheadBehindMs);
	const ratio = median(result.statusMs.map((value, index) => value / result.aheadBehindMs[index]!));
	const warm = median(result.warmMs);
	const warmRatio = median(result.warmMs.map((value, index) => value / result.aheadBehindMs[index]!));
	return [
		{figure: `6. huge diffs: cold status --json, median of ${result.runs}`, repo, value: seconds(status), target: '', met: '', command: 'node bin/switchyard.js status --json -C <huge> (kept answers removed)'},
		{figure: `6. huge diffs: warm status --json, median of ${result.runs}`, repo, value: seconds(warm), target: '', met: '', command: 'the same, right after the cold run'},
		{figure: `6. huge diffs: plain-git ahead/behind, median of ${result.runs}`, repo, value: seconds(aheadBehind), target: '', met: '', command: 'git rev-list --left-right --count main...<branch>, per branch'},
		{figure: '6. huge diffs: ratio cold status / ahead-behind', repo, value: ratio.toFixed(2), target: '≤ 0.5', met: verdict(ratio <= 0.5), command: 'median of per-run ratios'},
		{figure: '6. huge diffs: ratio warm status / ahead-behind', repo, value: warmRatio.toFixed(2), target: '≤ 0.25 or ≤ 1.5 s', met: verdict(warmRatio <= 0.25 || warm <= 1500), command: 'median of per-run ratios'},
		{figure: '6. huge diffs: peak RSS, status --json', repo, value: megabytes(result.statusMaxRssKb), target: '≤ 300 MB', met: verdict(result.statusMaxRssKb <= 300 * 1024), command: 'node --import dist/bench/probe.js bin/switchyard.js status --json -C <huge> (maxRSS)'},
	];
}

/** What `<huge>` is, printed under the table. */
export function hugeDiffNote(result: HugeDiffResult): string {
	return `6. <huge> = ${result.root}: ${result.branches} codex/ branches forked far back on a ${result.baseCommits.toLocaleString('en-US')}-commit main, ${result.hugeBranches} of them adding ${result.hugeFiles.toLocaleString('en-US')} files of test vectors (${(result.hugePatchBytes / 1024 / 1024).toFixed(0)} MB of patch in all); ${result.reused ? 'cached' : `built in ${seconds(result.buildMs)}`}`;
}
