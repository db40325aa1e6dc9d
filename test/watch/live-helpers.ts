/** Live sessions in tests: started on a real repository, waited on by state, always closed. */
import {openRepository} from '../../source/repo/open-repository.js';
import type {GitCommandLog} from '../../source/git/command-log.js';
import {LiveSession, type LiveSnapshotState} from '../../source/watch/live-session.js';

const started = new Set<LiveSession>();

export async function startLiveSession(
	root: string,
	now: () => number,
	options: Parameters<LiveSession['start']>[0] & {log?: GitCommandLog} = {},
): Promise<LiveSession> {
	const session = new LiveSession(await openRepository(root, options.log), now);
	started.add(session);
	await session.start(options);
	return session;
}

/** For afterEach, before the repository is removed: a watcher must not outlive its folder. */
export async function closeLiveSessions(): Promise<void> {
	await Promise.all([...started].map(async session => session.close()));
	started.clear();
}

/**
 * The first state that passes, the current one included (so it may be called after
 * the change it waits for); after 10 s, fails with the last error the session showed.
 */
export async function untilState(session: LiveSession, predicate: (state: LiveSnapshotState) => boolean | undefined, what: string): Promise<LiveSnapshotState> {
	if (predicate(session.state)) {
		return session.state;
	}

	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			unsubscribe();
			reject(new Error(`timed out waiting for ${what}; last error: ${session.state.error ?? 'none'}`));
		}, 10_000);
		const unsubscribe = session.subscribe(state => {
			if (predicate(state)) {
				clearTimeout(timer);
				unsubscribe();
				resolve(state);
			}
		});
	});
}
