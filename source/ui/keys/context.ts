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
}

/** The flows are built in a later issue; their keys are listed now so that muscle memory can form. */
export const flowNotBuiltReason = 'comes with the integration/checklist/revert flow';
