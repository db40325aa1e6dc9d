/**
 * `switchyard watch --json`: one JSON object per line for every change the live
 * session notices (docs/design.md §5), for scripts and agents. The events are the ones the
 * `watch` log shows, from the one diff in core/watch-events.ts; fetch outcomes join
 * them. Needs no terminal. A first line `{"event":"watching",…}` says the watcher is
 * ready, so a script knows that what it changes from then on is seen.
 */
import type {StatusDocument} from '../core/snapshot.js';
import {diffSnapshots, fetchEvent, watchEventJson} from '../core/watch-events.js';
import {currentTime, openRepository} from '../repo/open-repository.js';
import {LiveSession, type LiveSnapshotState} from './live-session.js';

export interface JsonStreamIo {
	stdout: {write(text: string): unknown};
	stderr: {write(text: string): unknown};
	/** Resolves when the stream should end (a signal); the stream then closes quietly. */
	stop: Promise<unknown>;
	now?: () => number;
}

export async function runWatchJson(directory: string, io: JsonStreamIo): Promise<number> {
	const now = io.now ?? (() => currentTime());
	const repo = await openRepository(directory);
	const session = new LiveSession(repo, now);
	let previous: StatusDocument | null = null;
	let fetchSeen: LiveSnapshotState['lastFetch'] = null;
	let errorSeen: string | null = null;
	const write = (line: string) => io.stdout.write(`${line}\n`);
	session.subscribe(state => {
		if (state.snapshot && state.snapshot !== previous) {
			for (const event of diffSnapshots(previous, state.snapshot, now())) {
				write(watchEventJson(event));
			}

			previous = state.snapshot;
		}

		if (state.lastFetch && state.lastFetch !== fetchSeen) {
			fetchSeen = state.lastFetch;
			write(watchEventJson(fetchEvent(state.lastFetch.at, state.lastFetch.remote, state.lastFetch.error)));
		}

		// Other problems (a broken .switchyard.json, a vanished repository) go to stderr, once each.
		if (state.error !== errorSeen) {
			errorSeen = state.error;
			if (state.error && !state.error.startsWith('fetch failed')) {
				io.stderr.write(`switchyard watch: ${state.error}\n`);
			}
		}
	});

	// The file watcher's handles may be all that is left: keep the process up until stopped.
	const keepAlive = setInterval(() => {}, 2 ** 30);
	try {
		await session.start();
		write(JSON.stringify({time: new Date(now()).toISOString(), event: 'watching', root: repo.location.root, base: session.state.snapshot?.base.name ?? null, message: `watching ${repo.location.root}`}));
		await io.stop;
		return 0;
	} finally {
		clearInterval(keepAlive);
		await session.close();
	}
}
