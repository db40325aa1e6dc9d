/**
 * The bench repositories: built once with the fast-import fixture and kept outside
 * the working copy (a build takes seconds, a bench run many times that), and copied
 * to a scratch folder whenever a measurement writes to one, so the cache stays pristine.
 */
import {cp, mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {buildManyBranchRepo, type ManyBranchFacts} from '../fixtures/many-branches.js';

export const benchSeed = 1;

export interface BenchRepo {
	branches: number;
	root: string;
	facts: ManyBranchFacts;
	reused: boolean;
	buildMs: number;
}

export function cacheDir(branches: number, seed = benchSeed): string {
	return path.join(os.tmpdir(), 'switchyard-bench-cache', `${branches}-${seed}`);
}

export async function benchRepo(branches: number): Promise<BenchRepo> {
	const started = performance.now();
	const built = await buildManyBranchRepo({branches, seed: benchSeed, dir: cacheDir(branches)});
	return {branches, root: built.root, facts: built.facts, reused: built.reused, buildMs: performance.now() - started};
}

/**
 * Removes the answers `status` keeps in the repository's state folder, so that the
 * next run is a first (cold) one, the figure that compares with plain git.
 */
export async function forgetKeptAnswers(root: string): Promise<void> {
	await rm(path.join(root, '.git', 'switchyard', 'cache'), {recursive: true, force: true});
}

/** A throwaway copy of a cached repository; `remove` deletes the copy only. */
export async function scratchCopy(repo: Pick<BenchRepo, 'root'>): Promise<{root: string; remove: () => Promise<void>}> {
	const parent = await mkdtemp(path.join(os.tmpdir(), 'switchyard-bench-run-'));
	const root = path.join(parent, 'repo');
	await cp(repo.root, root, {recursive: true});
	return {root, remove: () => rm(parent, {recursive: true, force: true})};
}
