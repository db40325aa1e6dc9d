/**
 * Figure 1: wall time of `switchyard status --json` against bench/baseline.sh (plain
 * git, one process per question), run alternately so both see the same machine
 * state (page cache, CPU frequency, other load).
 */
import {forgetKeptAnswers, type BenchRepo} from './repos.js';
import {baselineScript, binNodeFlags, switchyardBin} from './paths.js';
import {timedRun} from './processes.js';
import {median} from './stats.js';

export interface FullStatusResult {
	branches: number;
	runs: number;
	switchyardMs: number[];
	baselineMs: number[];
	switchyardMedian: number;
	baselineMedian: number;
	/** Median of the per-run ratios (each run pairs one switchyard with one baseline). */
	ratio: number;
	/** Merges the baseline script ran (its candidates), to set beside switchyard's. */
	baselineMerges: number;
}

export async function measureFullStatus(repo: BenchRepo, runs: number): Promise<FullStatusResult> {
	const switchyardMs: number[] = [];
	const baselineMs: number[] = [];
	let baselineMerges = Number.NaN;
	// One unmeasured run each: the first read of a repository pays for the page cache.
	await timedRun(process.execPath, [...binNodeFlags, switchyardBin, 'status', '--json', '-C', repo.root]);
	for (let run = 0; run < runs; run += 1) {
		// Cold, like the baseline: without the answers an earlier run kept (figure 6 has warm runs).
		await forgetKeptAnswers(repo.root);
		switchyardMs.push((await timedRun(process.execPath, [...binNodeFlags, switchyardBin, 'status', '--json', '-C', repo.root])).ms);
		const baseline = await timedRun('bash', [baselineScript, repo.root, 'main'], {keep: true});
		baselineMs.push(baseline.ms);
		baselineMerges = Number(/merges=(\d+)/.exec(baseline.stdout)?.[1] ?? Number.NaN);
	}

	return {
		branches: repo.branches,
		runs,
		switchyardMs,
		baselineMs,
		switchyardMedian: median(switchyardMs),
		baselineMedian: median(baselineMs),
		ratio: median(switchyardMs.map((value, index) => value / baselineMs[index]!)),
		baselineMerges,
	};
}
