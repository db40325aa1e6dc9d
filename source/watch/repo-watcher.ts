/**
 * Watches what makes the picture change (DESIGN.md §8): the whole `refs/` tree of
 * the common git dir (agent branches live in nested folders such as
 * refs/heads/claude/, whose changes do not touch refs/heads/ itself), packed-refs,
 * HEAD, FETCH_HEAD, the index, and the coordination files of the working tree.
 * Events are debounced into one named change. Where file events get lost (network
 * file systems, some containers), a one-process ref fingerprint every few seconds
 * is the backstop.
 */
import path from 'node:path';
import {watch, type FSWatcher} from 'chokidar';
import type {RepoLocation} from '../git/repository.js';

export interface RepoChange {
	/** Branch refs may have moved: local, remote-tracking, packed. */
	refs: boolean;
	/** The working tree, index or HEAD changed: repository state and worktree claims. */
	worktree: boolean;
}

export interface WatchOptions {
	debounceMs?: number;
	/** Returns a string that changes whenever any ref changes; polled as a backstop. */
	fingerprint?: () => Promise<string>;
	fingerprintIntervalMs?: number;
}

export interface RepoWatcher {
	ready: Promise<void>;
	close(): Promise<void>;
}

export function watchRepository(
	location: RepoLocation,
	worktreeFiles: string[],
	onChange: (change: RepoChange) => void,
	options: WatchOptions = {},
): RepoWatcher {
	const refPaths = [path.join(location.commonDir, 'refs'), path.join(location.commonDir, 'packed-refs'), path.join(location.commonDir, 'FETCH_HEAD')];
	const stateFiles = new Set([path.join(location.gitDir, 'HEAD'), path.join(location.gitDir, 'index')]);
	// A coordination file may not exist yet: watch its folder (one level) and pick it out by name.
	const coordinationFiles = new Set(worktreeFiles.map(file => path.join(location.root, file)));
	const coordinationFolders = [...new Set([...coordinationFiles].map(file => path.dirname(file)))];
	let pending: RepoChange = {refs: false, worktree: false};
	let timer: NodeJS.Timeout | undefined;
	const flush = () => {
		timer = undefined;
		const change = pending;
		pending = {refs: false, worktree: false};
		onChange(change);
	};

	const note = (kind: keyof RepoChange) => {
		pending[kind] = true;
		timer ??= setTimeout(flush, options.debounceMs ?? 40);
	};

	const isRefPath = (file: string) => refPaths.some(refPath => file === refPath || file.startsWith(refPath + path.sep));
	const refWatcher: FSWatcher = watch([...refPaths, ...stateFiles], {
		ignoreInitial: true,
		// Lock files come and go with every ref update; the rename that follows is what counts.
		ignored: (file: string) => file.endsWith('.lock'),
	});
	refWatcher.on('all', (_event, file) => note(isRefPath(file) ? 'refs' : 'worktree'));
	const fileWatcher: FSWatcher = watch(coordinationFolders, {ignoreInitial: true, depth: 0});
	fileWatcher.on('all', (_event, file) => {
		if (coordinationFiles.has(file)) {
			note('worktree');
		}
	});
	for (const watcher of [refWatcher, fileWatcher]) {
		watcher.on('error', () => {
			// A vanished folder or a permission error must not end the dashboard; the fingerprint covers refs.
		});
	}

	const ready = Promise.all([refWatcher, fileWatcher].map(watcher => new Promise<void>(resolve => watcher.once('ready', () => resolve())))).then(() => undefined);

	let lastFingerprint: string | undefined;
	const poll = options.fingerprint
		? setInterval(async () => {
				try {
					const current = await options.fingerprint!();
					if (lastFingerprint !== undefined && current !== lastFingerprint) {
						note('refs');
					}

					lastFingerprint = current;
				} catch {
					// The next poll tries again.
				}
			}, options.fingerprintIntervalMs ?? 5000)
		: undefined;
	poll?.unref();

	return {
		ready,
		async close() {
			clearTimeout(timer);
			clearInterval(poll);
			await Promise.all([refWatcher.close(), fileWatcher.close()]);
		},
	};
}
