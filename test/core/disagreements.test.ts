import {describe, expect, it} from 'vitest';
import {groupDisagreements} from '../../source/core/agent-rows.js';

describe('disagreements between copies of a claim', () => {
	it('that say the same thing are one entry naming every ref, in the order first met', () => {
		const grouped = groupDisagreements([
			{ref: 'worktree', field: 'module', value: 'Theme tokens'},
			{ref: 'main', field: 'work', value: 'Dark mode'},
			{ref: 'main', field: 'module', value: 'Theme tokens'},
			{ref: 'claude/x', field: 'module', value: 'Theme tokens'},
			{ref: 'claude/x', field: 'module', value: 'Themes'},
		]);
		expect(grouped).toEqual([
			{refs: ['worktree', 'main', 'claude/x'], field: 'module', value: 'Theme tokens'},
			{refs: ['main'], field: 'work', value: 'Dark mode'},
			{refs: ['claude/x'], field: 'module', value: 'Themes'},
		]);
	});

	it('that differ only by where a separator falls stay apart', () => {
		expect(groupDisagreements([
			{ref: 'a', field: 'work', value: 'x","y'},
			{ref: 'b', field: 'work","x', value: 'y'},
		])).toHaveLength(2);
	});
});
