/**
 * Figure 2: git processes behind one full status, counted exactly in-process with the
 * GitCommandLog every GitRunner records into (open + collect, as `status` runs them),
 * and how many merges reached merge-tree against how many candidates there were.
 */
import {GitCommandLog} from '../source/git/command-log.js';
import {openRepository} from '../source/repo/open-repository.js';
import {forgetKeptAnswers, type BenchRepo} from './repos.js';

export interface ProcessCountResult {
	branches: number;
	processes: number;
	/** Subcommand → count, e.g. `merge-tree ×1`. */
	bySubcommand: Map<string, number>;
	mergesAsked: number;
	candidatePairs: number;
	candidatesWithBase: number;
	/** Pairs the 20,000-pair cap left unchecked: candidates are counted after it. */
	pairsSkipped: number;
	inProcessMs: number;
}

/** A cold status: the answers kept by earlier runs are removed first. */
export async function countProcesses(repo: Pick<BenchRepo, 'branches' | 'root'>): Promise<ProcessCountResult> {
	await forgetKeptAnswers(repo.root);
	const log = new GitCommandLog(100_000);
	const started = performance.now();
	const {collector} = await openRepository(repo.root, log);
	await collector.collect(Date.now());
	const inProcessMs = performance.now() - started;
	const bySubcommand = new Map<string, number>();
	for (const record of log.records) {
		const name = subcommand(record.args);
		bySubcommand.set(name, (bySubcommand.get(name) ?? 0) + 1);
	}

	return {
		branches: repo.branches,
		processes: log.records.length,
		bySubcommand,
		mergesAsked: collector.stats.mergesAsked,
		candidatePairs: collector.stats.candidatePairs,
		candidatesWithBase: collector.stats.candidatesWithBase,
		pairsSkipped: collector.stats.pairsSkipped,
		inProcessMs,
	};
}

/** The git subcommand of an argument array: its first word that is not an option. */
export function subcommand(args: readonly string[]): string {
	// `-c key=value` puts a value after an option; it holds an `=`, so it is skipped too.
	return args.find(arg => !arg.startsWith('-') && !arg.includes('=')) ?? '?';
}
