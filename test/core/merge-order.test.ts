import {describe, expect, it} from 'vitest';
import {suggestMergeOrder} from '../../source/core/merge-order.js';

const none = () => false;

describe('suggested merge order', () => {
	it('puts a branch another depends on first', () => {
		expect(suggestMergeOrder([{branch: 'a', dependsOn: ['b']}, {branch: 'b', dependsOn: []}], none)).toEqual(['b', 'a']);
	});

	it('puts branches without predicted conflicts before those with, fewest first', () => {
		const pairs = new Set(['x|y', 'y|x', 'x|z', 'z|x']);
		const conflicts = (a: string, b: string) => pairs.has(`${a}|${b}`);
		const order = suggestMergeOrder(['x', 'y', 'z', 'w'].map(branch => ({branch, dependsOn: []})), conflicts);
		expect(order).toEqual(['w', 'y', 'z', 'x']);
	});

	it('ignores dependencies on branches not chosen, and survives a cycle', () => {
		expect(suggestMergeOrder([{branch: 'a', dependsOn: ['b', 'q']}, {branch: 'b', dependsOn: ['a']}], none)).toHaveLength(2);
	});
});
