/**
 * The base branch (docs/design.md §2): from config, else what the remote's HEAD points
 * at, else the first of main, master, trunk that exists, locally or on the remote.
 */
import {RepositoryError} from '../git/repository.js';
import type {RefSnapshot} from '../git/read-refs.js';

export interface BaseBranch {
	name: string;
	sha: string;
	/** Whether the base tip is a local head (else only the remote-tracking ref exists). */
	local: boolean;
}

/** `headBranch` names the branch HEAD points at, which an empty repository's first commit goes to. */
export function detectBase(refs: RefSnapshot, configured: string | undefined, remote: string, headBranch?: string | null): BaseBranch {
	const remoteBranches = refs.remotes.get(remote);
	const find = (name: string): BaseBranch | undefined => {
		const localSha = refs.local.get(name);
		if (localSha) {
			return {name, sha: localSha, local: true};
		}

		const remoteSha = remoteBranches?.get(name);
		return remoteSha ? {name, sha: remoteSha, local: false} : undefined;
	};

	if (configured) {
		const base = find(configured.replace(new RegExp(`^${escape(remote)}/`), ''));
		if (!base) {
			throw new RepositoryError(`the base branch "${configured}" from .switchyard.json does not exist: create it or change "base"`);
		}

		return base;
	}

	const remoteHead = refs.remoteHeads.get(remote);
	const candidates = [...(remoteHead ? [remoteHead] : []), 'main', 'master', 'trunk'];
	for (const name of candidates) {
		const base = find(name);
		if (base) {
			return base;
		}
	}

	if (refs.local.size === 0 && refs.remotes.size === 0) {
		throw new RepositoryError(`this repository has no commits yet: make a first commit on ${headBranch ?? 'main'}, then run switchyard again`);
	}

	throw new RepositoryError('no base branch found (no main, master or trunk, and no origin/HEAD): set "base" in .switchyard.json');
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
