import {describe, expect, test} from 'vitest';
import {
	applyMotion,
	initialScreenState,
	screenReducer,
	selectedPosition,
	topLayer,
	type ScreenAction,
	type ScreenState,
} from '../../source/ui/state/screen-state.js';

const keys = ['claude/a', 'codex/b', 'gemini/c'];
const run = (...actions: ScreenAction[]): ScreenState => actions.reduce(screenReducer, initialScreenState);

describe('screenReducer', () => {
	test('moves the cursor by key and clamps at both ends', () => {
		expect(run({type: 'move', by: 1, keys}).selectedKey).toBe('codex/b');
		expect(run({type: 'move', by: -1, keys}).selectedKey).toBe('claude/a');
		expect(run({type: 'move', by: 5, keys}).selectedKey).toBe('gemini/c');
		expect(run({type: 'move', by: 'bottom', keys}, {type: 'move', by: 'top', keys}).selectedKey).toBe('claude/a');
	});

	test('the selection follows its branch when the rows reorder', () => {
		const state = run({type: 'move', by: 1, keys});
		expect(selectedPosition(state, ['gemini/c', 'claude/a', 'codex/b'])).toBe(2);
	});

	test('a vanished selection falls back to its old position, clamped', () => {
		const state = run({type: 'move', by: 'bottom', keys});
		expect(selectedPosition(state, ['claude/a'])).toBe(0);
		expect(selectedPosition(state, ['x', 'y', 'z', 'w'])).toBe(2);
	});

	test('esc pops one layer at a time and never the dashboard', () => {
		const state = run(
			{type: 'push', layer: {kind: 'details', rowKey: 'claude/a', scroll: 0}},
			{type: 'push', layer: {kind: 'help', scroll: 0}},
			{type: 'back'},
		);
		expect(topLayer(state).kind).toBe('details');
		expect(topLayer(screenReducer(screenReducer(state, {type: 'back'}), {type: 'back'})).kind).toBe('dashboard');
	});

	test('esc on the dashboard clears the filter first', () => {
		const state = run({type: 'filter-start'}, {type: 'filter-type', text: 'cla'}, {type: 'filter-accept'});
		expect(state.filter).toBe('cla');
		expect(state.filterEditing).toBe(false);
		const cleared = screenReducer(state, {type: 'back'});
		expect(cleared.filter).toBe('');
		expect(screenReducer(cleared, {type: 'back'})).toBe(cleared);
	});

	test('the filter takes text and backspace, and esc clears it while typing', () => {
		const typing = run({type: 'filter-start'}, {type: 'filter-type', text: 'gem'}, {type: 'filter-backspace'});
		expect(typing.filter).toBe('ge');
		expect(screenReducer(typing, {type: 'filter-clear'})).toMatchObject({filter: '', filterEditing: false});
	});

	test('sort cycles agent → readiness → check-in age → last activity → agent', () => {
		const sorts = [1, 2, 3, 4].map(count => run(...Array.from({length: count}, (): ScreenAction => ({type: 'cycle-sort'}))).sort);
		expect(sorts).toEqual(['readiness', 'check-in age', 'last activity', 'agent']);
	});

	test('toggle opens a layer and closes it when it is on top', () => {
		const open = run({type: 'toggle', layer: {kind: 'git-log', scroll: 0}});
		expect(topLayer(open).kind).toBe('git-log');
		expect(topLayer(screenReducer(open, {type: 'toggle', layer: {kind: 'git-log', scroll: 0}})).kind).toBe('dashboard');
	});

	test('scroll clamps to the given maximum', () => {
		const state = run({type: 'push', layer: {kind: 'details', rowKey: 'x', scroll: 0}}, {type: 'scroll', by: 'bottom', max: 7});
		expect(topLayer(state)).toMatchObject({scroll: 7});
		expect(topLayer(screenReducer(state, {type: 'scroll', by: -1, max: 3}))).toMatchObject({scroll: 2});
	});

	test('the conflict-map cursor stays inside the grid', () => {
		const state = run(
			{type: 'push', layer: {kind: 'conflict-map', row: 0, column: 1}},
			{type: 'map-move', rows: 2, columns: 3, by: {row: 5, column: 5}},
		);
		expect(topLayer(state)).toEqual({kind: 'conflict-map', row: 1, column: 2});
	});

	test('a notice lasts until the next action', () => {
		const state = run({type: 'notice', text: 'i: comes later'});
		expect(state.notice).toBe('i: comes later');
		expect(screenReducer(state, {type: 'cycle-sort'}).notice).toBeNull();
	});

	test('merged branches are hidden until toggled', () => {
		expect(initialScreenState.showMerged).toBe(false);
		expect(run({type: 'toggle-merged'}).showMerged).toBe(true);
	});
});

test('applyMotion', () => {
	expect(applyMotion(0, -1, 4)).toBe(0);
	expect(applyMotion(3, 'bottom', 4)).toBe(4);
	expect(applyMotion(3, 1, -1)).toBe(0);
});

describe('folding and the agents view', () => {
	test('z folds an agent and unfolds it, keeping the cursor on the named row', () => {
		const folded = run({type: 'toggle-fold', agent: 'codex', rowKey: 'fold:codex'});
		expect(folded).toMatchObject({foldedAgents: ['codex'], selectedKey: 'fold:codex'});
		expect(screenReducer(folded, {type: 'toggle-fold', agent: 'codex', rowKey: 'codex/b'})).toMatchObject({foldedAgents: [], selectedKey: 'codex/b'});
	});

	test('p cycles the period of the agents view 30d → all → 7d → 30d, and only there', () => {
		const opened = run({type: 'push', layer: {kind: 'agents', scroll: 0, period: '30d'}});
		const periods = [1, 2, 3].map(count => topLayer(Array.from({length: count}).reduce<ScreenState>(state => screenReducer(state, {type: 'cycle-period'}), opened)));
		expect(periods.map(layer => layer.kind === 'agents' ? layer.period : null)).toEqual(['all', '7d', '30d']);
		expect(run({type: 'cycle-period'})).toEqual(initialScreenState);
	});
});
