/**
 * Keeps a StatusDocument current for the dashboard and `watch`: a first snapshot at
 * once without conflict prediction, then the full one; after that, every watched
 * change is one refresh through the same collector (only what moved is asked of
 * git), a background `git fetch --prune` on the configured interval and on demand.
 * Refreshes never overlap: changes that arrive during one are folded into the next.
 */
import {ConfigError} from '../core/config.js';
import type {StatusDocument} from '../core/snapshot.js';
import {nextStalenessChange} from '../core/staleness.js';
import type {SwitchyardConfig} from '../core/types.js';
import type {OpenRepository} from '../repo/open-repository.js';
import {fetchRemote} from '../git/fetch-remote.js';
import {readRefFingerprint} from '../git/read-refs.js';
import {SnapshotCollector, type FirstLook} from '../snapshot/collector.js';
import {parseRepoConfig, readRepoConfigText} from '../store/config-file.js';
import {watchRepository, type RepoChange, type RepoWatcher} from './repo-watcher.js';

export interface LiveSnapshotState {
	/** With `start({firstLook: true})`: branch names, agents and claims, before the first snapshot. */
	firstLook: FirstLook | null;
	snapshot: StatusDocument | null;
	conflictsPending: boolean;
	fetching: boolean;
	error: string | null;
	lastRefreshAt: number | null;
	/** The last fetch's outcome: when it ended and its error, if any. */
	lastFetch: {at: number; remote: string; error: string | null} | null;
	/** Conflicts are predicted with the uncommitted work of linked worktrees (`setIncludeUncommitted`). */
	includeUncommitted: boolean;
}

type Listener = (state: LiveSnapshotState) => void;

/** Runs `run` once after `delayMs`; returns the cancel. Injected by tests that drive the clock. */
export type Schedule = (run: () => void, delayMs: number) => () => void;

const realSchedule: Schedule = (run, delayMs) => {
	const timer = setTimeout(run, delayMs);
	timer.unref();
	return () => clearTimeout(timer);
};

export interface LiveSessionOptions {
	watch?: boolean;
	fetch?: boolean;
	clockIntervalMs?: number;
	/** How the session waits for the next staleness crossing; real timers unless a test drives the clock. */
	schedule?: Schedule;
	/** Publish the collector's first look (refs and claims only) before the first snapshot: the dashboard's first rows. */
	firstLook?: boolean;
}

export class LiveSession {
	state: LiveSnapshotState = {firstLook: null, snapshot: null, conflictsPending: true, fetching: false, error: null, lastRefreshAt: null, lastFetch: null, includeUncommitted: false};
	readonly #listeners = new Set<Listener>();
	#watcher: RepoWatcher | undefined;
	#fetchTimer: NodeJS.Timeout | undefined;
	#clockTimer: NodeJS.Timeout | undefined;
	#cancelStalenessWake: (() => void) | undefined;
	#schedule: Schedule = realSchedule;
	#running: Promise<void> | undefined;
	#queued: RepoChange | undefined;
	#closed = false;
	#watchOptions: LiveSessionOptions = {};
	#config: SwitchyardConfig;
	#collector: SnapshotCollector;
	#configText: string | null;
	/** A .switchyard.json that could not be used; shown until it is fixed. */
	#configProblem: string | null = null;

	constructor(
		readonly repo: OpenRepository,
		readonly now: () => number,
	) {
		this.#config = repo.config;
		this.#collector = repo.collector;
		this.#configText = readRepoConfigText(repo.location.root);
	}

	/** The settings in force: those of the last valid .switchyard.json. */
	get config(): SwitchyardConfig {
		return this.#config;
	}

	subscribe(listener: Listener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Optionally the first look, then the first cheap snapshot, then conflicts, then watching and fetching. */
	async start(options: LiveSessionOptions = {}): Promise<void> {
		this.#watchOptions = options;
		this.#schedule = options.schedule ?? realSchedule;
		await this.#guard(async () => {
			if (options.firstLook) {
				this.#set({firstLook: await this.#collector.firstLook(this.now())});
			}

			const quick = await this.#collector.collect(this.now(), {refs: true, worktree: true}, {conflicts: false});
			this.#set({snapshot: quick, conflictsPending: true, lastRefreshAt: this.now()});
			const full = await this.#collector.collect(this.now(), {refs: false, worktree: false}, {keep: false});
			this.#set({snapshot: full, conflictsPending: false, lastRefreshAt: this.now()});
			// Kept for the next start after the screen has the answers, not before.
			await this.#collector.keepAnswers();
		});
		if (this.#closed) {
			return;
		}

		await this.#startWatching();
		// What changed after the refs were read and before the watcher was ready raised no
		// event, and the ref fingerprint starts from after it: look once more. Everything
		// unchanged comes from the caches (two git processes).
		if (this.#watcher) {
			this.refresh();
		}

		// Check-ins cross the idle and stale thresholds as time passes, with nothing on
		// disk changing: re-judge them from the cached facts, which asks git nothing.
		this.#clockTimer = setInterval(() => this.refresh({refs: false, worktree: false}), options.clockIntervalMs ?? 30_000);
		this.#clockTimer.unref();

		this.#startFetchTimer();
	}

	async #startWatching(): Promise<void> {
		if (this.#watchOptions.watch === false || this.#closed) {
			return;
		}

		const files = {coordinationFiles: this.#config.coordinationFiles, known: this.#collector.worktreeCoordinationFiles};
		this.#watcher = watchRepository(this.repo.location, files, change => this.refresh(change), {
			fingerprint: async () => readRefFingerprint(this.repo.git),
		});
		await this.#watcher.ready;
	}

	#startFetchTimer(): void {
		clearInterval(this.#fetchTimer);
		const interval = this.#config.fetchIntervalSeconds;
		if (this.#watchOptions.fetch !== false && interval > 0) {
			this.#fetchTimer = setInterval(() => this.fetch(), interval * 1000);
			this.#fetchTimer.unref();
		}
	}

	/**
	 * A changed .switchyard.json takes effect at once: a new collector (its caches hold
	 * judgements made under the old settings), and the watcher and fetch timer follow
	 * the new patterns and interval. An invalid file changes nothing but the status
	 * line, which names the key, until it is fixed.
	 */
	async #reloadConfig(): Promise<boolean> {
		const text = readRepoConfigText(this.repo.location.root);
		if (text === this.#configText) {
			return false;
		}

		this.#configText = text;
		let config: SwitchyardConfig;
		try {
			config = parseRepoConfig(text);
		} catch (error) {
			if (!(error instanceof ConfigError)) {
				throw error;
			}

			// The error's message already names the file and the key: written once.
			this.#configProblem = `${error.message}; keeping the previous settings`;
			return false;
		}

		this.#configProblem = null;
		const patternsChanged = JSON.stringify(config.coordinationFiles) !== JSON.stringify(this.#config.coordinationFiles);
		this.#config = config;
		this.#collector = new SnapshotCollector(this.repo.git, this.repo.location, config);
		this.#collector.includeUncommitted = this.state.includeUncommitted;
		this.#startFetchTimer();
		if (patternsChanged && this.#watcher) {
			await this.#watcher.close();
			this.#watcher = undefined;
			await this.#startWatching();
		}

		return true;
	}

	/**
	 * Predict conflicts with (or without) the uncommitted work of branches checked out in
	 * linked worktrees, from the next snapshot on: one refresh, from the cached facts.
	 */
	setIncludeUncommitted(on: boolean): void {
		this.#collector.includeUncommitted = on;
		this.#set({includeUncommitted: on});
		this.refresh({refs: false, worktree: false});
	}

	/** Recomputes what the change names; with no change named, everything. */
	refresh(change: RepoChange = {refs: true, worktree: true}): void {
		if (this.#running) {
			const queued = this.#queued;
			this.#queued = {
				refs: change.refs || (queued?.refs ?? false),
				worktree: change.worktree || (queued?.worktree ?? false),
				config: (change.config ?? false) || (queued?.config ?? false),
			};
			return;
		}

		this.#running = this.#guard(async () => {
			const reloaded = change.config ? await this.#reloadConfig() : false;
			const hint = reloaded ? {refs: true, worktree: true} : change;
			const snapshot = await this.#collector.collect(this.now(), hint, {keep: false});
			this.#watcher?.watchFiles(this.#collector.worktreeCoordinationFiles);
			this.#set({snapshot, conflictsPending: false, lastRefreshAt: this.now(), error: this.#configProblem});
			await this.#collector.keepAnswers();
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
		const remote = this.#config.remote;
		void fetchRemote(this.repo.git, remote).then(
			() => {
				this.#set({fetching: false, lastFetch: {at: this.now(), remote, error: null}});
				this.refresh({refs: true, worktree: false});
			},
			(error: unknown) => {
				const message = error instanceof Error ? error.message : String(error);
				this.#set({fetching: false, error: `fetch failed: ${message}`, lastFetch: {at: this.now(), remote, error: message}});
			},
		);
	}

	/** Resolves once the state passes `predicate` (the current state included), or the session closed. */
	async until(predicate: (state: LiveSnapshotState) => boolean): Promise<void> {
		if (predicate(this.state) || this.#closed) {
			return;
		}

		await new Promise<void>(resolve => {
			const unsubscribe = this.subscribe(state => {
				if (predicate(state) || this.#closed) {
					unsubscribe();
					resolve();
				}
			});
		});
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
		this.#cancelStalenessWake?.();
		await this.#watcher?.close();
	}

	/** The clock tick re-judges ages; a threshold crossing is also met on time, to the second. */
	#wakeAtNextStalenessChange(snapshot: StatusDocument): void {
		this.#cancelStalenessWake?.();
		this.#cancelStalenessWake = undefined;
		const checkins = snapshot.agents.map(agent => agent.claim?.lastCheckin ?? agent.claim?.startedAt);
		const next = nextStalenessChange(checkins, this.now(), this.#config.staleness);
		if (next === null || this.#closed) {
			return;
		}

		// Timers run late, never early: a few milliseconds past the crossing is after it.
		this.#cancelStalenessWake = this.#schedule(() => this.refresh({refs: false, worktree: false}), Math.min(next - this.now() + 5, 2 ** 31 - 1));
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
		if (patch.snapshot) {
			this.#wakeAtNextStalenessChange(patch.snapshot);
		}

		for (const listener of this.#listeners) {
			listener(this.state);
		}
	}
}
