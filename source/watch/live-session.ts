/**
 * Keeps a StatusDocument current for the dashboard and `watch`: a first snapshot at
 * once without conflict prediction, then the full one; after that, every watched
 * change is one refresh through the same collector (only what moved is asked of
 * git), a background `git fetch --prune` on the configured interval and on demand.
 * Refreshes never overlap: changes that arrive during one are folded into the next.
 */
import type {StatusDocument} from '../core/snapshot.js';
import type {OpenRepository} from '../commands/open-repository.js';
import {fetchRemote} from '../git/fetch-remote.js';
import {readRefFingerprint} from '../git/read-refs.js';
import {watchRepository, type RepoChange, type RepoWatcher} from './repo-watcher.js';

export interface LiveSnapshotState {
	snapshot: StatusDocument | null;
	conflictsPending: boolean;
	fetching: boolean;
	error: string | null;
	lastRefreshAt: number | null;
}

type Listener = (state: LiveSnapshotState) => void;

export class LiveSession {
	state: LiveSnapshotState = {snapshot: null, conflictsPending: true, fetching: false, error: null, lastRefreshAt: null};
	readonly #listeners = new Set<Listener>();
	#watcher: RepoWatcher | undefined;
	#fetchTimer: NodeJS.Timeout | undefined;
	#clockTimer: NodeJS.Timeout | undefined;
	#running: Promise<void> | undefined;
	#queued: RepoChange | undefined;
	#closed = false;

	constructor(
		readonly repo: OpenRepository,
		readonly now: () => number,
	) {}

	subscribe(listener: Listener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** First cheap snapshot, then conflicts, then watching and fetching. */
	async start(options: {watch?: boolean; fetch?: boolean; clockIntervalMs?: number} = {}): Promise<void> {
		await this.#guard(async () => {
			const quick = await this.repo.collector.collect(this.now(), {refs: true, worktree: true}, {conflicts: false});
			this.#set({snapshot: quick, conflictsPending: true, lastRefreshAt: this.now()});
			const full = await this.repo.collector.collect(this.now(), {refs: false, worktree: false});
			this.#set({snapshot: full, conflictsPending: false, lastRefreshAt: this.now()});
		});
		if (this.#closed) {
			return;
		}

		if (options.watch !== false) {
			const worktreeFiles = [...this.repo.collector.worktreeCoordinationFiles, '.switchyard.json'];
			this.#watcher = watchRepository(this.repo.location, worktreeFiles, change => this.refresh(change), {
				fingerprint: async () => readRefFingerprint(this.repo.git),
			});
			await this.#watcher.ready;
		}

		// Check-ins cross the idle and stale thresholds as time passes, with nothing on
		// disk changing: re-judge them from the cached facts, which asks git nothing.
		this.#clockTimer = setInterval(() => this.refresh({refs: false, worktree: false}), options.clockIntervalMs ?? 30_000);
		this.#clockTimer.unref();

		const interval = this.repo.config.fetchIntervalSeconds;
		if (options.fetch !== false && interval > 0) {
			this.#fetchTimer = setInterval(() => this.fetch(), interval * 1000);
			this.#fetchTimer.unref();
		}
	}

	/** Recomputes what the change names; with no change named, everything. */
	refresh(change: RepoChange = {refs: true, worktree: true}): void {
		if (this.#running) {
			this.#queued = {refs: change.refs || (this.#queued?.refs ?? false), worktree: change.worktree || (this.#queued?.worktree ?? false)};
			return;
		}

		this.#running = this.#guard(async () => {
			const snapshot = await this.repo.collector.collect(this.now(), change);
			this.#set({snapshot, conflictsPending: false, lastRefreshAt: this.now(), error: null});
		}).finally(() => {
			this.#running = undefined;
			const queued = this.#queued;
			this.#queued = undefined;
			if (queued && !this.#closed) {
				this.refresh(queued);
			}
		});
	}

	/** `git fetch --prune` of the configured remote; the ref events that follow refresh the picture. */
	fetch(): void {
		if (this.state.fetching || this.#closed) {
			return;
		}

		this.#set({fetching: true});
		void fetchRemote(this.repo.git, this.repo.config.remote).then(
			() => {
				this.#set({fetching: false});
				this.refresh({refs: true, worktree: false});
			},
			(error: unknown) => this.#set({fetching: false, error: `fetch failed: ${error instanceof Error ? error.message : String(error)}`}),
		);
	}

	/** Resolves once no refresh is running or queued: for tests and the bench. */
	async settled(): Promise<void> {
		while (this.#running) {
			await this.#running;
		}
	}

	async close(): Promise<void> {
		this.#closed = true;
		clearInterval(this.#fetchTimer);
		clearInterval(this.#clockTimer);
		await this.#watcher?.close();
	}

	async #guard(work: () => Promise<void>): Promise<void> {
		try {
			await work();
		} catch (error) {
			this.#set({error: error instanceof Error ? error.message.split('\n')[0]! : String(error), conflictsPending: false});
		}
	}

	#set(patch: Partial<LiveSnapshotState>): void {
		this.state = {...this.state, ...patch};
		for (const listener of this.#listeners) {
			listener(this.state);
		}
	}
}
