/**
 * Figure 5 for `status --json`: the peak RSS of the node process, as the process
 * itself reports it at exit (process.resourceUsage().maxRSS via the probe module).
 * git children are separate processes and not included (nor are they in the target).
 */
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {binNodeFlags, probeModule, switchyardBin} from './paths.js';
import {timedRun} from './processes.js';
import type {ProbeReport} from './probe.js';
import {forgetKeptAnswers, type BenchRepo} from './repos.js';

export async function statusPeakRss(repo: Pick<BenchRepo, 'root'>): Promise<number> {
	const scratch = await mkdtemp(path.join(os.tmpdir(), 'switchyard-bench-probe-'));
	const probeFile = path.join(scratch, 'probe.json');
	// A cold run: it reads and keeps the most.
	await forgetKeptAnswers(repo.root);
	try {
		await timedRun(process.execPath, [...binNodeFlags, '--import', probeModule, switchyardBin, 'status', '--json', '-C', repo.root], {
			env: {...process.env, SWITCHYARD_BENCH_PROBE: probeFile},
		});
		const report = JSON.parse(await readFile(probeFile, 'utf8')) as ProbeReport;
		return report.maxRssKb ?? Number.NaN;
	} finally {
		await rm(scratch, {recursive: true, force: true});
	}
}
