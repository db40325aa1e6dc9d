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
	/** The selected branch exists only on the remote (no local branch to merge). */
	selectedRemoteOnly?: boolean;
	/** Branches marked for integration (space), and whether the integration can run here (a repository behind the UI). */
	markedCount?: number;
	canIntegrate?: boolean;
	/** The revert flow can run here (a repository behind the UI). */
	canRevert?: boolean;
	/**
	 * On a flow screen (integration, revert): whether it is ready to run (the dry run is
	 * done, the suspects are read), whether a verification runs, and on a conflict whether
	 * the person is resolving it by hand (r was pressed) and whether skip is offered.
	 */
	flow?: {ready: boolean; verifying: boolean; resolving?: boolean; skippable?: boolean};
	/** The agent of the selected dashboard row, if it has one (`z` folds its branches). */
	selectedAgent?: string | null;
	/** The pager and branch deletion can run: a repository is behind the UI. */
	canAct?: boolean;
	/** How many merged branches `D` would offer from the selected row. */
	deletableCount?: number;
}
