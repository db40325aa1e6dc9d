/**
 * Figure 1: wall time of `switchyard status --json` against bench/baseline.sh (plain
 * git, one process per question), run alternately so both see the same machine
 * state (page cache, CPU frequency, other load). Both get the same unmeasured
 * warm-up, which goes first swaps each run, and the script keeps merge-tree's scratch
 * objects where switchyard keeps them (scratchParent(), memory when there is some).
 */
import {scratchParent} from '../source/git/predict-merges.js';
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
	const runSwitchyard = async () => timedRun(process.execPath, [...binNodeFlags, switchyardBin, 'status', '--json', '-C', repo.root]);
	const baselineEnv = {...process.env, SWITCHYARD_SCRATCH_PARENT: scratchParent()};
	const runBaseline = async () => timedRun('bash', [baselineScript, repo.root, 'main'], {keep: true, env: baselineEnv});
	// One unmeasured run each: the first read of a repository pays for the page cache.
	await runSwitchyard();
	await runBaseline();
	for (let run = 0; run < runs; run += 1) {
		// Alternate who goes first, so neither always runs on the other's warm cache.
		const order = run % 2 === 0 ? ['switchyard', 'baseline'] : ['baseline', 'switchyard'];
		for (const side of order) {
			if (side === 'switchyard') {
				// Cold, like the baseline: without the answers an earlier run kept (figure 7 has warm runs).
				await forgetKeptAnswers(repo.root);
				switchyardMs.push((await runSwitchyard()).ms);
			} else {
				const baseline = await runBaseline();
				baselineMs.push(baseline.ms);
				baselineMerges = Number(/merges=(\d+)/.exec(baseline.stdout)?.[1] ?? Number.NaN);
			}
		}
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
