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
	/** With `{times: true}`: each tip's committer time, seconds since the epoch, by sha. */
	times?: Map<string, number>;
}

/**
 * `times`: also each tip's committer time (for-each-ref then reads every tip's commit,
 * so only the first look, which has no commit graph yet, asks for it).
 */
export async function readRefs(git: GitRunner, options: {times?: boolean} = {}): Promise<RefSnapshot> {
	const output = await git.run(['for-each-ref', `--format=%(refname)%00%(objectname)%00%(symref)${options.times ? '%00%(committerdate:unix)' : ''}`, 'refs/heads', 'refs/remotes']);
	return parseRefs(output, options);
}

export function parseRefs(output: string, options: {times?: boolean} = {}): RefSnapshot {
	const snapshot: RefSnapshot = {local: new Map(), remotes: new Map(), remoteHeads: new Map(), ...(options.times ? {times: new Map()} : {})};
	for (const line of output.split('\n')) {
		const [refname = '', sha = '', symref = '', time = ''] = line.split('\0');
		if (snapshot.times && sha && time) {
			snapshot.times.set(sha, Number(time));
		}

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
