/**
 * The one way to open a repository (docs/design.md §8): its location, its
 * `.switchyard.json`, one git runner at the top of the working tree and the command log
 * every git call is recorded in. Every command, the dashboard and the watcher open it
 * here, the same way.
 */
import {existsSync, statSync} from 'node:fs';
import path from 'node:path';
import type {SwitchyardConfig} from '../core/types.js';
import {GitCommandLog} from '../git/command-log.js';
import {GitRunner} from '../git/git-runner.js';
import {locateRepository, RepositoryError, type RepoLocation} from '../git/repository.js';
import {loadRepoConfigWithHash} from '../store/config-file.js';
import {SnapshotCollector} from '../snapshot/collector.js';

export interface OpenRepository {
	git: GitRunner;
	location: RepoLocation;
	config: SwitchyardConfig;
	/** sha256 of the `.switchyard.json` bytes `config` was read from; null when there is none. */
	configHash: string | null;
	collector: SnapshotCollector;
}

/**
 * The repository alone: where it is, and one git runner at the top of its working tree.
 * For `init`, which writes the config and so must not need a valid one.
 */
export async function locateOnly(directory: string, log = new GitCommandLog()): Promise<{git: GitRunner; location: RepoLocation}> {
	const cwd = path.resolve(directory);
	if (!existsSync(cwd) || !statSync(cwd).isDirectory()) {
		throw new RepositoryError(`${cwd} is not a folder: check the -C path`);
	}

	const location = await locateRepository(new GitRunner(cwd, log));
	// From here on git runs at the top of the working tree, whatever folder we were started in.
	return {git: new GitRunner(location.root, log), location};
}

export async function openRepository(directory: string, log = new GitCommandLog()): Promise<OpenRepository> {
	const {git, location} = await locateOnly(directory, log);
	const {config, hash: configHash} = loadRepoConfigWithHash(location.root);
	return {git, location, config, configHash, collector: new SnapshotCollector(git, location, config)};
}

/** `SWITCHYARD_NOW` pins the clock for tests and demos; otherwise the real time. */
export function currentTime(env: NodeJS.ProcessEnv = process.env): number {
	const pinned = env['SWITCHYARD_NOW'];
	const time = pinned ? Date.parse(pinned) : Number.NaN;
	return Number.isNaN(time) ? Date.now() : time;
}
