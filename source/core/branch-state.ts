/**
 * A branch's state (docs/design.md §2, branch states): *new* (no commits of its own, never
 * merged: just created by an agent), *unmerged* (commits ahead of base), *merged* (its
 * work reached base). Pure: the facts come from the commit graph and the reflog.
 */
import type {FirstParentHistory} from './commit-graph.js';

export type BranchState = 'new' | 'unmerged' | 'merged';

export interface BranchStateFacts {
	sha: string;
	ahead: number;
	/** Base's first-parent line and the tips its merges took in; asked only for a branch with nothing ahead. */
	baseHistory: () => FirstParentHistory;
	/**
	 * What the branch's reflog says: `created-only` (its creation, perhaps moves along
	 * base), `own-work` (commits, merges made on it), or undefined when there is none
	 * (a remote-tracking branch, reflogs turned off).
	 */
	reflog?: 'created-only' | 'own-work';
}

export function branchState(facts: BranchStateFacts): BranchState {
	if (facts.ahead > 0) {
		return 'unmerged';
	}

	// Reachable from base but not on its first-parent line: it came in through a merge.
	const history = facts.baseHistory();
	if (!history.line.has(facts.sha) || history.mergedTips.has(facts.sha)) {
		return 'merged';
	}

	// On base's own line: created from base, or fast-forwarded into it after commits of its own.
	return facts.reflog === 'own-work' ? 'merged' : 'new';
}

/**
 * Reads reflog entries ("branch: Created from main", "commit: fix", "merge main:
 * Fast-forward", "rebase (finish): …"): own work is a commit, cherry-pick, revert or a
 * real merge made on the branch; moving along base is not. A move without a message
 * (`git update-ref` from a tool) cannot be told apart, so it counts as work: a branch
 * is called new only when nothing says otherwise.
 */
export function reflogShowsOwnWork(entries: Iterable<{created: boolean; message: string}>): boolean {
	for (const {created, message} of entries) {
		if (/^(?:commit|cherry-pick|revert)\b/.test(message) || (/^merge\b/.test(message) && !/Fast-forward\s*$/.test(message)) || (!created && message.trim() === '')) {
			return true;
		}
	}

	return false;
}
