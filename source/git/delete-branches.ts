/**
 * `D` on the dashboard: deletes merged branches with `git branch -d` only (never
 * `-D`, DESIGN §7: git itself refuses a branch whose work is not merged, or one
 * checked out in a worktree). One command per branch, so each refusal is git's own
 * line about that branch.
 */
import {GitCommandError, type GitRunner} from './git-runner.js';

export interface DeleteOutcome {
	deleted: string[];
	/** Branches git kept, each with git's reason in one line. */
	refused: Array<{branch: string; reason: string}>;
}

export async function deleteMergedBranches(git: GitRunner, branches: readonly string[]): Promise<DeleteOutcome> {
	const outcome: DeleteOutcome = {deleted: [], refused: []};
	for (const branch of branches) {
		try {
			// One at a time: each answer is about one branch.
			await git.run(['branch', '-d', '--end-of-options', branch], {writes: true});
			outcome.deleted.push(branch);
		} catch (error) {
			if (!(error instanceof GitCommandError)) {
				throw error;
			}

			outcome.refused.push({branch, reason: error.message.replace(/^error:\s*/, '')});
		}
	}

	return outcome;
}
