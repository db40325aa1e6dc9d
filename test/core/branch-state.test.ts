import {describe, expect, test} from 'vitest';
import {branchState, reflogShowsOwnWork} from '../../source/core/branch-state.js';

const history = {line: new Set(['b2', 'b1', 'b0']), mergedTips: new Set(['m1'])};
const state = (sha: string, reflog?: 'created-only' | 'own-work', ahead = 0) => branchState({sha, ahead, baseHistory: () => history, reflog});

describe('branch states', () => {
	test('ahead of base is unmerged; merged in through a merge is merged; on base\'s line it depends on the reflog', () => {
		expect(state('x', undefined, 2)).toBe('unmerged');
		expect(state('m1')).toBe('merged');
		expect(state('side')).toBe('merged');
		expect(state('b1')).toBe('new');
		expect(state('b1', 'created-only')).toBe('new');
		expect(state('b1', 'own-work')).toBe('merged');
	});

	test('the reflog shows own work for commits and real merges, not for creation or moves along base', () => {
		const entry = (message: string, created = false) => ({created, message});
		expect(reflogShowsOwnWork([entry('branch: Created from main', true), entry('merge main: Fast-forward'), entry('rebase (finish): refs/heads/x onto abc')])).toBe(false);
		expect(reflogShowsOwnWork([entry('branch: Created from main', true), entry('commit: add parser')])).toBe(true);
		expect(reflogShowsOwnWork([entry('', true), entry("merge main: Merge made by the 'ort' strategy.")])).toBe(true);
		expect(reflogShowsOwnWork([entry('', true)])).toBe(false);
		// A move without a message cannot be told apart from work: not called new.
		expect(reflogShowsOwnWork([entry('', true), entry('')])).toBe(true);
	});
});
