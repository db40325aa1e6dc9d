/** The common start of every command: find the repository, read its config. */
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

export async function openRepository(directory: string, log = new GitCommandLog()): Promise<OpenRepository> {
	const cwd = path.resolve(directory);
	if (!existsSync(cwd) || !statSync(cwd).isDirectory()) {
		throw new RepositoryError(`${cwd} is not a folder: check the -C path`);
	}

	const git = new GitRunner(cwd, log);
	const location = await locateRepository(git);
	const {config, hash: configHash} = loadRepoConfigWithHash(location.root);
	// From here on git runs at the top of the working tree, whatever folder we were started in.
	const rootGit = new GitRunner(location.root, log);
	return {git: rootGit, location, config, configHash, collector: new SnapshotCollector(rootGit, location, config)};
}

/** `SWITCHYARD_NOW` pins the clock for tests and demos; otherwise the real time. */
export function currentTime(env: NodeJS.ProcessEnv = process.env): number {
	const pinned = env['SWITCHYARD_NOW'];
	const time = pinned ? Date.parse(pinned) : Number.NaN;
	return Number.isNaN(time) ? Date.now() : time;
}
