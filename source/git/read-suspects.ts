/**
 * The suspects of a broken base (DESIGN §6.3 step 1): the newest commits of base's
 * first-parent line, each with its time, files (against its first parent) and, for a
 * merge, the branch it brought in and how many commits. Three git processes whatever
 * the count: one `log --first-parent`, one `for-each-ref`, one `log` of the merged
 * commits.
 */
import {CommitGraph} from '../core/commit-graph.js';
import {mergedBranchName, revertedCommitIn} from '../core/merge-messages.js';
import type {GitRunner} from './git-runner.js';
import {readCommits} from './read-commits.js';

export interface Suspect {
	commit: string;
	/** First parent: base before this commit. */
	parent: string;
	/** The merged side for a merge; undefined for a plain commit. */
	mergedTip?: string;
	/** The branch a merge brought in (from its message, else a branch at the merged tip). */
	branch?: string;
	/** Committer time, seconds since the epoch. */
	time: number;
	subject: string;
	/** Commits the merge brought (1 for a plain commit). */
	commits: number;
	/** Files changed against the first parent (the first 50), and how many in all. */
	files: string[];
	fileCount: number;
	/** For a revert: the commit it reverts (`This reverts commit <sha>`). */
	reverts?: string;
}

const keptFiles = 50;

/** The last `count` commits of `tip`'s first-parent line, newest first. */
export async function readSuspects(git: GitRunner, tip: string, count: number): Promise<Suspect[]> {
	const output = await git.run(['log', '--first-parent', '-m', '--name-only', '-z', '--no-show-signature', `-n${count}`, '--format=%x1e%H%x1f%P%x1f%ct%x1f%s%x1f%b%x1f', '--end-of-options', tip]);
	const suspects: Suspect[] = [];
	for (const record of output.split('\u001E')) {
		const fields = record.split('\u001F');
		if (fields.length < 6) {
			continue;
		}

		const [commit = '', parentList = '', time = '0', subject = '', body = ''] = fields;
		const files = fields.at(-1)!.split('\0').map(name => name.replace(/^\n/, '')).filter(Boolean);
		const [parent = '', mergedTip] = parentList.split(' ');
		const reverts = revertedCommitIn(body);
		suspects.push({
			commit,
			parent,
			...(mergedTip ? {mergedTip} : {}),
			time: Number(time),
			subject,
			commits: 1,
			files: files.slice(0, keptFiles),
			fileCount: files.length,
			...(reverts ? {reverts} : {}),
		});
	}

	await attribute(git, suspects);
	return suspects;
}

/** Names each merge's branch and counts its commits. */
async function attribute(git: GitRunner, suspects: Suspect[]): Promise<void> {
	const merges = suspects.filter(suspect => suspect.mergedTip);
	if (merges.length === 0) {
		return;
	}

	const branchesAt = new Map<string, string[]>();
	const refs = await git.run(['for-each-ref', '--format=%(objectname) %(refname)', 'refs/heads/', 'refs/remotes/']);
	for (const line of refs.split('\n')) {
		const space = line.indexOf(' ');
		if (space > 0) {
			const name = line.slice(space + 1).replace(/^refs\/heads\//, '').replace(/^refs\/remotes\/[^/]+\//, '');
			branchesAt.set(line.slice(0, space), [...(branchesAt.get(line.slice(0, space)) ?? []), name]);
		}
	}

	// The merged commits only: everything reachable from the window's tips but not from before it.
	const oldest = suspects.at(-1)!.parent;
	const graph = new CommitGraph();
	graph.add(await readCommits(git, [suspects[0]!.commit], oldest ? [oldest] : []));
	for (const merge of merges) {
		merge.branch = mergedBranchName(merge.subject) ?? branchesAt.get(merge.mergedTip!)?.find(name => name !== 'HEAD');
		merge.commits = graph.aheadBehind(merge.mergedTip!, graph.ancestorsOf(merge.parent), 0).ahead;
	}
}
