/**
 * The claims a new claim is checked against beyond the file it writes (docs/design.md §3
 * "Read"): every other copy the status view reads (base, every agent branch, the
 * remote's after a fetch) through the one SnapshotCollector, merged per agent by the
 * one rule (`mergeAgentClaims`: the freshest check-in wins). The file being written
 * is re-read under its lock and joins the merge there, so a claim made a moment ago
 * in this working tree is never judged from an older read.
 */
import path from 'node:path';
import {mergeAgentClaims} from '../core/claims/index.js';
import type {Claim} from '../core/types.js';
import {fetchRemote, NoRemoteError} from '../git/fetch-remote.js';
import type {OpenRepository} from '../repo/open-repository.js';

export interface OtherCopies {
	/** Each agent's freshest claim among the copies other than the written file in this working tree. */
	claims: Claim[];
	base: string;
	/** Why the fetch did not happen, when --fetch was given and it failed. */
	fetchProblem?: string;
}

export async function readOtherCopies(repo: OpenRepository, options: {now: Date; writtenFile: string; fetch: boolean}): Promise<OtherCopies> {
	let fetchProblem: string | undefined;
	if (options.fetch) {
		try {
			await fetchRemote(repo.git, repo.config.remote);
		} catch (error) {
			fetchProblem = error instanceof NoRemoteError ? error.message : `fetch failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
		}
	}

	// Conflicts are not needed to know who holds what: merge-tree is skipped.
	const document = await repo.collector.collect(options.now.getTime(), {refs: true, worktree: true}, {conflicts: false});
	const written = path.relative(repo.location.root, options.writtenFile).split(path.sep).join('/');
	const claims = document.agents
		.map(agent => agent.claim)
		.filter((claim): claim is NonNullable<typeof claim> => claim !== null)
		.filter(claim => !(claim.source.ref === 'worktree' && claim.source.file === written));
	return {claims, base: document.base.name, fetchProblem};
}

/** The claims of the written file's fresh text joined with the other copies: one claim per agent. */
export function withOtherCopies(fileClaims: readonly Claim[], copies: OtherCopies | undefined): Claim[] {
	if (!copies || copies.claims.length === 0) {
		return [...fileClaims];
	}

	return [...mergeAgentClaims([...fileClaims, ...copies.claims], copies.base).values()].map(entry => entry.claim);
}
