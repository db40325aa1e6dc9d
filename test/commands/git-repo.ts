/** Real git repositories in temp folders for the command tests. */
import {execFileSync} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

export interface TestRepo {
	root: string;
	git(args: string[], cwd?: string): string;
	remove(): Promise<void>;
}

export async function createRepo(): Promise<TestRepo> {
	const folder = await mkdtemp(path.join(tmpdir(), 'switchyard-claim-'));
	const root = path.join(folder, 'repo');
	const git = (args: string[], cwd = root) => execFileSync('git', args, {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
	execFileSync('git', ['init', '--quiet', '-b', 'main', root]);
	// The machine has no identity; the repo gets its own, as a user's would have one.
	git(['config', 'user.name', 'Test User']);
	git(['config', 'user.email', 'test@example.com']);
	git(['commit', '--quiet', '--allow-empty', '-m', 'initial']);
	return {root, git, remove: () => rm(folder, {recursive: true, force: true})};
}
