import os from 'node:os';
import {describe, expect, it} from 'vitest';
import {addedFilesLeavingACore, mergeProcesses, splitQuestions, type MergeQuestion} from '../../source/git/predict-merges.js';

const question = (name: string, weight: number): MergeQuestion => ({ours: 'base', theirs: name, weight});

describe('splitting merges across merge-tree processes', () => {
	it('uses one process for a few merges, and never more than the cores or 8', () => {
		expect(mergeProcesses(0)).toBe(0);
		expect(mergeProcesses(1)).toBe(1);
		expect(mergeProcesses(16)).toBe(1);
		expect(mergeProcesses(17)).toBe(Math.min(2, os.availableParallelism()));
		expect(mergeProcesses(100_000)).toBe(Math.min(8, os.availableParallelism()));
	});

	it('never takes every core while Node reads many added files, and always runs at least one', () => {
		const cores = os.availableParallelism();
		for (const count of [17, 100, 100_000]) {
			expect(mergeProcesses(count, addedFilesLeavingACore)).toBeLessThanOrEqual(Math.max(1, cores - 1));
			expect(mergeProcesses(count, addedFilesLeavingACore)).toBeGreaterThanOrEqual(1);
			// Fewer added files: the reading is short, the merges may take every core.
			expect(mergeProcesses(count, addedFilesLeavingACore - 1)).toBe(mergeProcesses(count));
		}

		expect(mergeProcesses(0, addedFilesLeavingACore)).toBe(0);
		if (cores === 2) {
			// The CI machine: one merge process beside the reading instead of two.
			expect(mergeProcesses(100, addedFilesLeavingACore)).toBe(1);
		}
	});

	it('gives every question to exactly one group, groups of about equal weight', () => {
		const questions = [question('a', 100), question('b', 60), question('c', 50), question('d', 30), question('e', 20), question('f', 10), question('g', 10)];
		const groups = splitQuestions(questions, 2);
		expect(groups.flat().map(item => item.theirs).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
		const loads = groups.map(group => group.reduce((sum, item) => sum + item.weight!, 0));
		expect(loads.sort((x, y) => x - y)).toEqual([140, 140]);
		expect(splitQuestions(questions.slice(0, 1), 4)).toHaveLength(1);
		expect(splitQuestions([], 4)).toEqual([]);
	});
});
