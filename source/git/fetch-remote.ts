/** `git fetch --prune` of one remote; `--` so a remote name can never pass for an option. */
import {GitCommandError, type GitRunner} from './git-runner.js';

export class NoRemoteError extends Error {
	constructor(readonly remote: string) {
		super(`there is no remote "${remote}" to fetch from: add one (git remote add ${remote} <url>) or set "remote" in .switchyard.json`);
		this.name = 'NoRemoteError';
	}
}

export async function fetchRemote(git: GitRunner, remote: string): Promise<void> {
	try {
		await git.run(['fetch', '--prune', '--quiet', '--', remote], {writes: true});
	} catch (error) {
		// git's own words ("does not appear to be a git repository") hide the plain fact.
		if (error instanceof GitCommandError && /does not appear to be a git repository|No such remote/i.test(error.stderr)) {
			throw new NoRemoteError(remote);
		}

		throw error;
	}
}
