import {describe, expect, test} from 'vitest';
import {breakpoints, chooseLayout, scrollWindow, tableColumns} from '../../source/ui/layout.js';

describe('chooseLayout', () => {
	test.each([
		[160, 'table'],
		[100, 'table'],
		[99, 'cards'],
		[60, 'cards'],
		[30, 'cards'],
	] as const)('dashboard at %i columns is %s', (columns, kind) => {
		expect(chooseLayout({columns, rows: 40, mode: 'dashboard'}).kind).toBe(kind);
	});

	test.each([40, 60, 80, 120])('watch at %i columns stays watch', columns => {
		expect(chooseLayout({columns, rows: 30, mode: 'watch'}).kind).toBe('watch');
	});

	test('the body leaves room for the chrome and one spare line', () => {
		const layout = chooseLayout({columns: 120, rows: 30, mode: 'dashboard'});
		expect(layout.bodyHeight).toBe(25);
		// One line goes to the table's headings.
		expect(layout.visibleItems).toBe(24);
	});

	test('cards are three lines each', () => {
		expect(chooseLayout({columns: 80, rows: 30, mode: 'dashboard'}).visibleItems).toBe(8);
	});

	test('watch splits the body between the list and the event log', () => {
		const layout = chooseLayout({columns: 60, rows: 30, mode: 'watch'});
		expect(layout.visibleItems + layout.eventLogHeight + 1).toBe(layout.bodyHeight);
		expect(layout.eventLogHeight).toBeGreaterThan(0);
	});

	test('below the watch breakpoint the layout is cramped', () => {
		expect(chooseLayout({columns: breakpoints.watchMin - 1, rows: 20, mode: 'watch'}).cramped).toBe(true);
		expect(chooseLayout({columns: breakpoints.watchMin, rows: 20, mode: 'watch'}).cramped).toBe(false);
	});

	test('a tiny terminal still gets a body', () => {
		const layout = chooseLayout({columns: 20, rows: 3, mode: 'dashboard'});
		expect(layout.bodyHeight).toBeGreaterThanOrEqual(3);
		expect(layout.visibleItems).toBeGreaterThanOrEqual(1);
	});
});

test('table columns fill the width', () => {
	for (const columns of [100, 120, 200]) {
		const widths = tableColumns(columns);
		const total = Object.values(widths).reduce((sum, width) => sum + width, 0);
		expect(total).toBe(columns);
		expect(widths.branch).toBeGreaterThan(10);
	}
});

describe('scrollWindow', () => {
	test('keeps the cursor visible and moves as little as possible', () => {
		expect(scrollWindow({count: 100, cursor: 0, height: 10, previousStart: 0})).toEqual({start: 0, end: 10});
		expect(scrollWindow({count: 100, cursor: 10, height: 10, previousStart: 0})).toEqual({start: 1, end: 11});
		expect(scrollWindow({count: 100, cursor: 5, height: 10, previousStart: 3})).toEqual({start: 3, end: 13});
		expect(scrollWindow({count: 100, cursor: 2, height: 10, previousStart: 3})).toEqual({start: 2, end: 12});
	});

	test('shrinks with the list', () => {
		expect(scrollWindow({count: 4, cursor: 3, height: 10, previousStart: 50})).toEqual({start: 0, end: 4});
		expect(scrollWindow({count: 0, cursor: 0, height: 10, previousStart: 0})).toEqual({start: 0, end: 0});
	});
});
