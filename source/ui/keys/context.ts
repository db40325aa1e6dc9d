/** What `disabledReason` may look at: a few facts about the moment, computed once per render. */
export interface KeyContext {
	/** A snapshot has arrived. */
	hasSnapshot: boolean;
	/** Rows on the dashboard after filtering and folding. */
	rowCount: number;
	/** A fetch is running already. */
	fetching: boolean;
	/** The conflict-map cell under the cursor lists at least one file. */
	cellHasConflicts: boolean;
	/** On the checklist screen: whether its commands are running, and whether an earlier head's answers can be carried over. */
	checklist?: {running: boolean; canCarry: boolean; editing: boolean};
	/** The checklist can open: a repository (its store) is behind the UI. */
	canChecklist?: boolean;
	/** The selected dashboard row is a branch (a claim without one has no checklist). */
	selectedBranch?: boolean;
	/** The pager and branch deletion can run: a repository is behind the UI. */
	canAct?: boolean;
	/** How many merged branches `D` would offer from the selected row. */
	deletableCount?: number;
}

/** The flows are built in a later issue; their keys are listed now so that muscle memory can form. */
export const flowNotBuiltReason = 'comes with the integration/checklist/revert flow';
