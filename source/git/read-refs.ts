/**
 * All branch refs in one `for-each-ref`: local heads, remote-tracking refs, and
 * which branch each remote's HEAD points at (for base detection).
 */
import type {GitRunner} from './git-runner.js';

export interface RefSnapshot {
	/** Local branch name → tip sha. */
	local: Map<string, string>;
	/** Remote name → (branch name → tip sha). */
	remotes: Map<string, Map<string, string>>;
	/** Remote name → the branch its HEAD points at (`origin/HEAD` → `main`). */
	remoteHeads: Map<string, string>;
}

export async function readRefs(git: GitRunner): Promise<RefSnapshot> {
	const output = await git.run(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(symref)', 'refs/heads', 'refs/remotes']);
	return parseRefs(output);
}

export function parseRefs(output: string): RefSnapshot {
	const snapshot: RefSnapshot = {local: new Map(), remotes: new Map(), remoteHeads: new Map()};
	for (const line of output.split('\n')) {
		const [refname = '', sha = '', symref = ''] = line.split('\0');
		if (refname.startsWith('refs/heads/')) {
			snapshot.local.set(refname.slice('refs/heads/'.length), sha);
			continue;
		}

		if (!refname.startsWith('refs/remotes/')) {
			continue;
		}

		const rest = refname.slice('refs/remotes/'.length);
		const slash = rest.indexOf('/');
		if (slash <= 0) {
			continue;
		}

		const remote = rest.slice(0, slash);
		const branch = rest.slice(slash + 1);
		if (branch === 'HEAD') {
			const prefix = `refs/remotes/${remote}/`;
			if (symref.startsWith(prefix)) {
				snapshot.remoteHeads.set(remote, symref.slice(prefix.length));
			}

			continue;
		}

		let branches = snapshot.remotes.get(remote);
		if (!branches) {
			branches = new Map();
			snapshot.remotes.set(remote, branches);
		}

		branches.set(branch, sha);
	}

	return snapshot;
}

/** A string that changes whenever any branch ref moves: the watcher's backstop poll. */
export async function readRefFingerprint(git: GitRunner): Promise<string> {
	return git.run(['for-each-ref', '--format=%(objectname)%(refname)', 'refs/heads', 'refs/remotes']);
}
