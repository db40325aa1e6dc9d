/**
 * The small acts on the selected branch that leave the dashboard's own state alone:
 * its diff or log in the user's pager (`d`, `l`) and deleting merged branches (`D`).
 * The command layer provides them (it knows the repository and the environment); the
 * screens do no I/O of their own.
 */
import type {BranchRow} from '../../core/snapshot.js';
import type {BranchPage} from '../../git/branch-pages.js';
import type {DeleteOutcome} from '../../git/delete-branches.js';

export type {BranchPage as PageKind} from '../../git/branch-pages.js';

/** A page written and ready: `show` runs the pager and needs the terminal to itself until it returns. */
export interface PreparedPage {
	/** Runs the pager synchronously; returns a one-line problem, or null when it ran. */
	show(): string | null;
}

export type {DeleteOutcome} from '../../git/delete-branches.js';

export interface BranchActs {
	/** Writes the branch's diff (`base...branch`) or log (`base..branch`) for the pager. */
	preparePage(kind: BranchPage, base: string, branch: BranchRow): Promise<PreparedPage>;
	/** `git branch -d` of each branch; refusals are returned, not thrown. */
	deleteBranches(branches: readonly string[]): Promise<DeleteOutcome>;
}
