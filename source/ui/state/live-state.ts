/**
 * The contract between the UI and the rest of the app. The status pipeline and the
 * watcher produce a new `LiveState` object whenever something changes; the UI only
 * renders it and calls `DashboardActions` to ask for work. Nothing here does I/O.
 */
import type {StatusDocument} from '../../core/snapshot.js';

export interface LiveState {
	/** The newest repository snapshot; null before the first one has been computed. */
	snapshot: StatusDocument | null;
	/** Conflict prediction is still running: conflict cells show a spinner and fill in later. */
	conflictsPending: boolean;
	/** A background `git fetch` is running. */
	fetching: boolean;
	/** The last refresh or fetch error, shown in the status line; never a crash. */
	error: string | null;
	/** When the last snapshot was produced (ms since epoch), for "refreshed 12 s ago". */
	lastRefreshAt: number | null;
	/** Conflicts are predicted with the uncommitted work of linked worktrees (`u`); off when absent. */
	includeUncommitted?: boolean;
}

/** Intents the UI dispatches; the caller decides how (and whether) to carry them out. */
export interface DashboardActions {
	/** Recompute the snapshot now (the `r` key). */
	refresh(): void;
	/** Run `git fetch` now, then refresh (the `f` key). */
	fetch(): void;
	/** Predict conflicts with (true) or without the uncommitted work of linked worktrees (the `u` key). */
	setIncludeUncommitted(on: boolean): void;
	/** Leave the program (the `q` and ctrl-c keys); restoring the terminal is the caller's job. */
	quit(): void;
}

/** The state before the first snapshot, handy for callers and tests. */
export const emptyLiveState: LiveState = {
	snapshot: null,
	conflictsPending: false,
	fetching: false,
	error: null,
	lastRefreshAt: null,
};
