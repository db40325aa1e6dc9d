/**
 * One graph walk: every commit reachable from the given tips (and not from the
 * excluded ones), with parents, time and subject, in a single `git log` process.
 */
import type {CommitInfo} from '../core/commit-graph.js';
import type {GitRunner} from './git-runner.js';

const fieldSeparator = '\u001F';

export async function readCommits(git: GitRunner, include: string[], exclude: string[] = []): Promise<CommitInfo[]> {
	if (include.length === 0) {
		return [];
	}

	// Revisions go on stdin: hundreds of tips would not fit a command line, and a
	// ref name can never be mistaken for an option there.
	// `^sha` rather than a `--not` line: git before 2.42 refuses options on stdin.
	const input = [...include, ...exclude.map(sha => `^${sha}`)].join('\n') + '\n';
	const output = await git.run(['log', '--stdin', '--no-show-signature', `--format=%H${'%x1f'}%P${'%x1f'}%ct${'%x1f'}%s`], {input});
	return parseCommitLines(output);
}

export function parseCommitLines(output: string): CommitInfo[] {
	const commits: CommitInfo[] = [];
	for (const line of output.split('\n')) {
		if (line.length < 40) {
			continue;
		}

		const [sha = '', parents = '', time = '0', ...subject] = line.split(fieldSeparator);
		commits.push({
			sha,
			parents: parents ? parents.split(' ') : [],
			time: Number(time),
			// A subject may itself contain the separator; it is the last field, so rejoin.
			subject: subject.join(fieldSeparator),
		});
	}

	return commits;
}

/** The full messages of the given commits, in one `git log --no-walk` process. */
export async function readMessages(git: GitRunner, commits: string[]): Promise<Map<string, string>> {
	const messages = new Map<string, string>();
	if (commits.length === 0) {
		return messages;
	}

	const output = await git.run(['log', '--no-walk=unsorted', '--stdin', '--no-show-signature', '--format=%x1e%H%x1f%B'], {input: commits.join('\n') + '\n'});
	for (const record of output.split('\u001E')) {
		const separator = record.indexOf(fieldSeparator);
		if (separator === 40 || separator === 64) {
			messages.set(record.slice(0, separator), record.slice(separator + 1));
		}
	}

	return messages;
}
