/**
 * What a merge or revert commit's message says (DESIGN §6.3 step 1, step 5): the
 * branch a merge brought in, read from the messages git and forges write, and the
 * commit a revert undoes.
 */

/** `Merge branch 'x'`, `Merge remote-tracking branch 'origin/x'`, `Merge pull request #12 from owner/x`. */
const mergePatterns: Array<{pattern: RegExp; strip?: 'remote' | 'owner'}> = [
	{pattern: /^Merge branch '([^']+)'/},
	{pattern: /^Merge remote-tracking branch '([^']+)'/, strip: 'remote'},
	{pattern: /^Merge pull request #\d+ from (\S+)/, strip: 'owner'},
	{pattern: /^Merge branch "([^"]+)"/},
];

/**
 * The branch a merge commit's subject names, without the remote (`origin/`) or the
 * fork owner (`owner/`) in front; undefined when the subject is not a merge message.
 */
export function mergedBranchName(subject: string): string | undefined {
	for (const {pattern, strip} of mergePatterns) {
		const name = pattern.exec(subject)?.[1];
		if (name) {
			return strip ? name.slice(name.indexOf('/') + 1) || name : name;
		}
	}

	return undefined;
}

const revertsLine = /^This reverts commit ([0-9a-f]{40,64})\b/m;

/** The commit a revert's message says it reverts (`This reverts commit <sha>`), if any. */
export function revertedCommitIn(message: string): string | undefined {
	return revertsLine.exec(message)?.[1];
}
