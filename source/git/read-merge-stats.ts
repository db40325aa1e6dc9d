/**
 * Lines each merge on base's first-parent line brought (added and removed against its
 * first parent), in one `git log` process streamed line by line: what "what each agent
 * built" counts (issue 17), never a process per branch.
 */
import type {GitRunner} from './git-runner.js';

export interface MergeLines {
	added: number;
	removed: number;
}

/** Merges of base's first-parent line since `sinceSeconds` (all when null): sha → lines. */
export async function readMergeLines(git: GitRunner, baseSha: string, sinceSeconds: number | null = null): Promise<Map<string, MergeLines>> {
	const stats = new Map<string, MergeLines>();
	let current: MergeLines | undefined;
	const args = ['log', '--first-parent', '--merges', '--diff-merges=first-parent', '--numstat', '--no-renames', '--format=%x1e%H'];
	if (sinceSeconds !== null) {
		args.push(`--since=@${Math.floor(sinceSeconds)}`);
	}

	await git.runLines([...args, '--end-of-options', baseSha], line => {
		if (line.startsWith('\u001E')) {
			current = {added: 0, removed: 0};
			stats.set(line.slice(1), current);
			return;
		}

		// `12\t3\tpath`; binary files say `-\t-\tpath` and count no lines.
		const match = /^(\d+|-)\t(\d+|-)\t/.exec(line);
		if (match && current) {
			current.added += match[1] === '-' ? 0 : Number(match[1]);
			current.removed += match[2] === '-' ? 0 : Number(match[2]);
		}
	}, {maxRecordBytes: 4096});
	return stats;
}
