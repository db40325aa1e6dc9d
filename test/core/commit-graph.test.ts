/**
 * Ahead/behind and merge bases from the in-memory graph, checked against sets of
 * ancestors computed the plain way on random histories: a main line with merges of
 * side branches (some forked from side branches, some merged twice), and branches
 * forked from the line, from side branches, and merging main back in. The shortcut for
 * a fork on base's line (`lineAncestorCounts`) must give what the full walk gives.
 */
import {describe, expect, it} from 'vitest';
import {CommitGraph, type CommitInfo} from '../../source/core/commit-graph.js';

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): (below: number) => number {
	let state = seed;
	return below => {
		state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
		return (state >>> 8) % below;
	};
}

function history(seed: number): {commits: CommitInfo[]; base: string; tips: string[]} {
	const pick = random(seed);
	const commits: CommitInfo[] = [];
	const add = (parents: string[]) => {
		const sha = `c${commits.length}`;
		commits.push({sha, parents, time: commits.length, subject: sha});
		return sha;
	};

	const line = [add([])];
	const sides: string[] = [];
	for (let step = 0; step < 120; step++) {
		const roll = pick(10);
		if (roll < 5) {
			line.push(add([line.at(-1)!]));
		} else if (roll < 8 || sides.length === 0) {
			// A side branch of a few commits, from the line or from another side branch.
			let tip = pick(3) === 0 && sides.length > 0 ? sides[pick(sides.length)]! : line[pick(line.length)]!;
			for (let count = 1 + pick(4); count > 0; count--) {
				tip = add([tip]);
			}

			sides.push(tip);
		} else {
			// A merge of a side branch (perhaps one merged before) into the line.
			line.push(add([line.at(-1)!, sides[pick(sides.length)]!]));
		}
	}

	const tips: string[] = [];
	for (let count = 0; count < 40; count++) {
		const roll = pick(4);
		let tip = roll === 0 && sides.length > 0 ? sides[pick(sides.length)]! : line[pick(line.length)]!;
		for (let ahead = pick(4); ahead > 0; ahead--) {
			tip = add([tip]);
		}

		// Some branches merge main in: their frontier has two commits.
		if (roll === 3) {
			tip = add([tip, line[pick(line.length)]!]);
		}

		tips.push(tip);
	}

	return {commits, base: line.at(-1)!, tips};
}

function ancestors(commits: CommitInfo[], sha: string): Set<string> {
	const bySha = new Map(commits.map(commit => [commit.sha, commit]));
	const seen = new Set<string>([sha]);
	const stack = [sha];
	while (stack.length > 0) {
		for (const parent of bySha.get(stack.pop()!)!.parents) {
			if (!seen.has(parent)) {
				seen.add(parent);
				stack.push(parent);
			}
		}
	}

	return seen;
}

describe('ahead/behind from the commit graph', () => {
	it('equals the plain count of ancestors, with and without the line shortcut', () => {
		let shortcuts = 0;
		let others = 0;
		for (let seed = 1; seed <= 30; seed++) {
			const {commits, base, tips} = history(seed);
			const graph = new CommitGraph();
			graph.add(commits);
			const marks = graph.ancestorsOf(base);
			const count = CommitGraph.count(marks);
			const lineCounts = graph.lineAncestorCounts(base);
			const ofBase = ancestors(commits, base);
			const memo = new Map<string, Set<string>>();
			const ancestorsOf = (sha: string) => memo.get(sha) ?? memo.set(sha, ancestors(commits, sha)).get(sha)!;
			for (const tip of tips) {
				const ofTip = ancestors(commits, tip);
				const shared = [...ofTip].filter(sha => ofBase.has(sha));
				// Best common ancestors: shared commits that are no other shared commit's ancestor.
				const best = shared.filter(sha => !shared.some(other => other !== sha && ancestorsOf(other).has(sha)));
				const expected = {ahead: ofTip.size - shared.length, behind: ofBase.size - shared.length, mergeBases: best.sort()};
				const walked = graph.aheadBehind(tip, marks, count);
				const cut = graph.aheadBehind(tip, marks, count, lineCounts);
				expect({ahead: walked.ahead, behind: walked.behind, mergeBases: [...walked.mergeBases].sort()}).toEqual(expected);
				expect({ahead: cut.ahead, behind: cut.behind, mergeBases: [...cut.mergeBases].sort()}).toEqual(expected);
				const onLine = best.length === 1 && lineCounts[commits.findIndex(commit => commit.sha === best[0])]! > 0;
				shortcuts += onLine ? 1 : 0;
				others += onLine ? 0 : 1;
			}
		}

		// Both ways were taken often: forks from the line, and from side branches or with main merged in.
		expect(shortcuts).toBeGreaterThan(300);
		expect(others).toBeGreaterThan(100);
	});
});
