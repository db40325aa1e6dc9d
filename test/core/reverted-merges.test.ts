/** Which merges stand reverted on base, and what the merge messages name (core, no git). */
import {describe, expect, it} from 'vitest';
import {mergedBranchName, revertedCommitIn} from '../../source/core/merge-messages.js';
import {revertedMerges, type FirstParentCommit} from '../../source/core/reverted-merges.js';

const sha = (label: string) => label.padEnd(40, '0');
const merge = (label: string, parent: string, side: string, branch: string): FirstParentCommit => ({sha: sha(label), parents: [sha(parent), sha(side)], subject: `Merge branch '${branch}'`});
const revert = (label: string, parent: string, reverted: string, subject: string): FirstParentCommit => ({sha: sha(label), parents: [sha(parent)], subject: `Revert "${subject}"`, message: `Revert "${subject}"\n\nThis reverts commit ${sha(reverted)}, reversing\nchanges made to ${sha(parent)}.\n`});

describe('mergedBranchName', () => {
	it('reads the branch of git and forge merge messages, without remote or fork owner', () => {
		expect(mergedBranchName("Merge branch 'claude/x'")).toBe('claude/x');
		expect(mergedBranchName("Merge branch 'claude/x' (claude) into test/integration-20260105-0900")).toBe('claude/x');
		expect(mergedBranchName("Merge remote-tracking branch 'origin/codex/y' into main")).toBe('codex/y');
		expect(mergedBranchName('Merge pull request #12 from owner/gemini/z')).toBe('gemini/z');
		expect(mergedBranchName('fix: merge two lists')).toBeUndefined();
	});

	it('finds the reverted commit in a revert message', () => {
		expect(revertedCommitIn(`Revert "x"\n\nThis reverts commit ${sha('a1')}.\n`)).toBe(sha('a1'));
		expect(revertedCommitIn('Revert "x"\n\nno line here\n')).toBeUndefined();
	});
});

describe('revertedMerges', () => {
	// Newest first: r reverts m2; m1 and m2 are merges.
	const line = [revert('e1', 'c2', 'c2', "Merge branch 'gemini/s'"), merge('c2', 'c1', 'd2', 'gemini/s'), merge('c1', 'b0', 'd1', 'claude/a'), {sha: sha('b0'), parents: [], subject: 'initial'}];

	it('finds a reverted merge from base history alone, naming its branch and merged tip', () => {
		expect(revertedMerges(line, [])).toEqual([{merge: sha('c2'), mergedTip: sha('d2'), revert: sha('e1'), branch: 'gemini/s', source: 'history'}]);
	});

	it('prefers the ledger, and ignores a ledger entry whose revert is not on base (undone)', () => {
		expect(revertedMerges(line, [{commit: sha('c2'), revertCommit: sha('e1'), branch: 'gemini/s'}])[0]!.source).toBe('ledger');
		expect(revertedMerges(line.slice(1), [{commit: sha('c2'), revertCommit: sha('e1'), branch: 'gemini/s'}])).toEqual([]);
	});

	it('counts a merge whose revert was itself reverted as back', () => {
		const again = revert('ee', 'e1', 'e1', 'Revert "Merge branch \'gemini/s\'"');
		expect(revertedMerges([again, ...line], [])).toEqual([]);
	});
});
