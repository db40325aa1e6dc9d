/** `git fetch --prune` of one remote; `--` so a remote name can never pass for an option. */
import type {GitRunner} from './git-runner.js';

export async function fetchRemote(git: GitRunner, remote: string): Promise<void> {
	await git.run(['fetch', '--prune', '--quiet', '--', remote], {writes: true});
}
