/**
 * Which merges stand reverted on base (DESIGN §6.3 step 5): git's faulty-merge
 * pitfall — once a merge is reverted, merging the same branch again brings only its
 * newer commits; the revert must itself be reverted first. A merge stands reverted
 * when a commit on base's first-parent line reverts it (named in the revert ledger,
 * or found by its message `This reverts commit <merge>`) and no later commit on that
 * line reverts the revert.
 */
import {mergedBranchName, revertedCommitIn} from './merge-messages.js';

export interface FirstParentCommit {
	sha: string;
	parents: string[];
	subject: string;
	/** The full message, for reverts (subject `Revert "…"`); others may leave it out. */
	message?: string;
}

export interface KnownRevert {
	/** The reverted merge commit. */
	commit: string;
	revertCommit: string;
	branch?: string;
}

export interface RevertedMerge {
	merge: string;
	/** The merge's second parent: the branch's commits that base no longer holds. */
	mergedTip: string;
	revert: string;
	/** The branch, from the ledger or the merge's message. */
	branch?: string;
	source: 'ledger' | 'history';
}

/** Whether a subject looks like git's revert message, so its full message is worth reading. */
export function isRevertSubject(subject: string): boolean {
	return subject.startsWith('Revert "');
}

/**
 * The merges that stand reverted, given base's first-parent line (newest first, as
 * far as it was read) and the ledger's entries.
 */
export function revertedMerges(line: readonly FirstParentCommit[], ledger: readonly KnownRevert[]): RevertedMerge[] {
	const onLine = new Map(line.map(commit => [commit.sha, commit]));
	// What each commit on the line reverts, and which reverts are themselves reverted.
	const reverts = new Map<string, string>();
	for (const commit of line) {
		const reverted = commit.message ? revertedCommitIn(commit.message) : undefined;
		if (reverted) {
			reverts.set(commit.sha, reverted);
		}
	}

	const revertedAgain = new Set(reverts.values());
	const found = new Map<string, RevertedMerge>();
	const consider = (merge: string, revert: string, branch: string | undefined, source: RevertedMerge['source']) => {
		const mergeCommit = onLine.get(merge);
		if (!mergeCommit || mergeCommit.parents.length < 2 || !onLine.has(revert) || revertedAgain.has(revert) || found.has(merge)) {
			return;
		}

		const name = branch ?? mergedBranchName(mergeCommit.subject);
		found.set(merge, {merge, mergedTip: mergeCommit.parents[1]!, revert, ...(name ? {branch: name} : {}), source});
	};

	for (const entry of ledger) {
		consider(entry.commit, entry.revertCommit, entry.branch, 'ledger');
	}

	for (const [revert, merge] of reverts) {
		consider(merge, revert, undefined, 'history');
	}

	return [...found.values()];
}
