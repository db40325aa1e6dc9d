/**
 * Watches what makes the picture change (docs/design.md §8): the whole `refs/` tree of
 * the common git dir (agent branches live in nested folders such as
 * refs/heads/claude/, whose changes do not touch refs/heads/ itself), packed-refs,
 * HEAD, FETCH_HEAD, the index, and the coordination files of the working tree.
 * Events are debounced into one named change. Where file events get lost (network
 * file systems, some containers), a one-process ref fingerprint every few seconds
 * is the backstop.
 */
import {existsSync} from 'node:fs';
import path from 'node:path';
import {watch, type FSWatcher} from 'chokidar';
import {coordinationFolders, matchesCoordinationPath} from '../core/claims/index.js';
import type {RepoLocation} from '../git/repository.js';
import {configFileName} from '../store/config-file.js';

export interface RepoChange {
	/** Branch refs may have moved: local, remote-tracking, packed. */
	refs: boolean;
	/** The working tree, index or HEAD changed: repository state and worktree claims. */
	worktree: boolean;
	/** `.switchyard.json` changed in the working tree. */
	config?: boolean;
}

export interface WatchOptions {
	debounceMs?: number;
	/** Returns a string that changes whenever any ref changes; polled as a backstop. */
	fingerprint?: () => Promise<string>;
	fingerprintIntervalMs?: number;
}

/** Which working-tree files count: the configured patterns, and the files already known. */
export interface WorktreeFiles {
	coordinationFiles: readonly string[];
	known: readonly string[];
}

export interface RepoWatcher {
	ready: Promise<void>;
	/** Also watch the folders of these files (found since, e.g. by status in a new folder). */
	watchFiles(files: readonly string[]): void;
	close(): Promise<void>;
}

/** How long after a new folder under refs/ to look at the refs once more. */
const newFolderSecondLookMs = 300;

/** Folders that fill up with generated files: never worth a recursive watch. */
const neverWatched = /(?:^|[/\\])(?:\.git|node_modules)(?:[/\\]|$)/;

export function watchRepository(
	location: RepoLocation,
	files: WorktreeFiles,
	onChange: (change: RepoChange) => void,
	options: WatchOptions = {},
): RepoWatcher {
	const refPaths = [path.join(location.commonDir, 'refs'), path.join(location.commonDir, 'packed-refs'), path.join(location.commonDir, 'FETCH_HEAD')];
	const stateFiles = new Set([path.join(location.gitDir, 'HEAD'), path.join(location.gitDir, 'index')]);
	let pending: RepoChange = {refs: false, worktree: false};
	let timer: NodeJS.Timeout | undefined;
	const flush = () => {
		timer = undefined;
		const change = pending;
		pending = {refs: false, worktree: false};
		onChange(change);
	};

	let closed = false;
	const note = (kind: keyof RepoChange) => {
		if (closed) {
			return;
		}

		pending[kind] = true;
		timer ??= setTimeout(flush, options.debounceMs ?? 40);
	};

	const isRefPath = (file: string) => refPaths.some(refPath => file === refPath || file.startsWith(refPath + path.sep));
	const refWatcher: FSWatcher = watch([...refPaths, ...stateFiles], {
		ignoreInitial: true,
		// Lock files come and go with every ref update; the rename that follows is what counts.
		ignored: (file: string) => file.endsWith('.lock'),
	});
	refWatcher.on('all', (event, file) => {
		note(isRefPath(file) ? 'refs' : 'worktree');
		// A ref renamed into place in a folder that has only just appeared (the first
		// branch under refs/heads/jules/) can beat the folder's own watch: look again.
		if (event === 'addDir' && isRefPath(file)) {
			setTimeout(() => note('refs'), newFolderSecondLookMs).unref();
		}
	});

	const coordination = watchCoordinationFiles(location.root, files, note);
	ignoreErrors(refWatcher);

	// The first reading is taken now, not at the first poll: a change that the file
	// events miss in between would otherwise become the baseline and never be seen.
	let lastFingerprint: string | undefined;
	const firstFingerprint = options.fingerprint?.().then(
		fingerprint => {
			lastFingerprint ??= fingerprint;
		},
		() => undefined,
	);
	const ready = Promise.all([readyOf(refWatcher), coordination.ready, firstFingerprint]).then(() => undefined);
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
		watchFiles: coordination.watchFiles,
		async close() {
			closed = true;
			clearTimeout(timer);
			clearInterval(poll);
			await Promise.all([refWatcher.close(), coordination.close()]);
		},
	};
}

/**
 * The working tree's coordination files and .switchyard.json. They may not exist
 * yet: their folders are watched and events picked out by pattern. A folder that
 * does not exist yet is waited for from its nearest existing parent, whose new
 * folders are looked at again.
 */
function watchCoordinationFiles(root: string, files: WorktreeFiles, note: (kind: 'worktree' | 'config') => void): RepoWatcher {
	const ignored = (file: string) => neverWatched.test(path.relative(root, file));
	const onFileEvent = (event: string, file: string) => {
		const relative = path.relative(root, file).split(path.sep).join('/');
		if (relative === configFileName) {
			note('config');
		} else if (matchesCoordinationPath(relative, files.coordinationFiles) || known.has(relative)) {
			note('worktree');
		} else if (event === 'addDir') {
			watchFolders();
		}
	};

	const shallowWatcher = new FolderWatcher({depth: 0, ignored}, onFileEvent);
	const deepWatcher = new FolderWatcher({ignored}, onFileEvent);
	/** Absolute folder → whether files may sit anywhere below it. */
	const wanted = new Map<string, boolean>();
	const watching = new Set<string>();
	const known = new Set<string>();
	let started = false;
	const watchFolders = () => {
		let added = false;
		for (const [folder, recursive] of wanted) {
			let existing = folder;
			while (!existsSync(existing) && existing.startsWith(root + path.sep)) {
				existing = path.dirname(existing);
			}

			const deep = recursive && existing === folder;
			const key = `${deep ? 'deep' : 'shallow'} ${existing}`;
			if (!watching.has(key)) {
				watching.add(key);
				added = true;
				(deep ? deepWatcher : shallowWatcher).add(existing);
			}
		}

		// Files written into a folder before its watch began raise no event of their
		// own: a new folder is a change in itself, and status finds what is in it.
		if (added && started) {
			note('worktree');
		}
	};

	const want = (folder: string, recursive: boolean) => {
		const absolute = path.join(root, folder);
		wanted.set(absolute, (wanted.get(absolute) ?? false) || recursive);
	};

	const watchFiles = (paths: readonly string[]) => {
		for (const file of paths) {
			known.add(file);
			want(path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file), false);
		}

		watchFolders();
	};

	for (const {folder, recursive} of coordinationFolders(files.coordinationFiles)) {
		want(folder, recursive);
	}

	watchFiles(files.known);
	started = true;
	return {
		ready: Promise.all([shallowWatcher.ready, deepWatcher.ready]).then(() => undefined),
		watchFiles,
		async close() {
			await Promise.all([shallowWatcher.close(), deepWatcher.close()]);
		},
	};
}

/**
 * One chokidar watcher for folders added over time, made on the first folder: a
 * watcher given no path at all never becomes ready.
 */
class FolderWatcher {
	#watcher: FSWatcher | undefined;
	#ready: Promise<void> = Promise.resolve();

	constructor(
		readonly options: {depth?: number; ignored: (file: string) => boolean},
		readonly onEvent: (event: string, file: string) => void,
	) {}

	get ready(): Promise<void> {
		return this.#ready;
	}

	add(folder: string): void {
		if (this.#watcher) {
			this.#watcher.add(folder);
			return;
		}

		this.#watcher = watch(folder, {ignoreInitial: true, ...this.options});
		this.#watcher.on('all', this.onEvent);
		ignoreErrors(this.#watcher);
		this.#ready = readyOf(this.#watcher);
	}

	async close(): Promise<void> {
		await this.#watcher?.close();
	}
}

function ignoreErrors(watcher: FSWatcher): void {
	watcher.on('error', () => {
		// A vanished folder or a permission error must not end the dashboard; the fingerprint covers refs.
	});
}

async function readyOf(watcher: FSWatcher): Promise<void> {
	return new Promise(resolve => watcher.once('ready', () => resolve()));
}
