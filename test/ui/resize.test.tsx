import {afterEach, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {afternoonSnapshot, makeLive} from './factory.js';
import {renderApp} from './render-app.js';

afterEach(() => {
	cleanup();
});

const longestLine = (frame: string): number => Math.max(...frame.split('\n').map(line => [...line].length));

test('the table becomes cards below 100 columns, and back, at once on resize', async () => {
	const app = await renderApp(makeLive(afternoonSnapshot()), {columns: 100});
	expect(app.frame()).toMatch(/branch\s+agent\s+claim\s+check-in/);
	await app.setSize(99, 30);
	expect(app.frame()).not.toMatch(/branch\s+agent\s+claim/);
	expect(app.frame()).toContain('claim: Training improvements · lib/training');
	expect(app.frame()).toContain('claude · ↑3 ↓1 · last 25m · conflicts 1 · 2 h 15 min idle');
	expect(longestLine(app.frame())).toBeLessThanOrEqual(99);
	await app.setSize(130, 30);
	expect(app.frame()).toMatch(/branch\s+agent\s+claim\s+check-in/);
});

test.each([40, 60, 80])('watch at %i columns fits the width and keeps staleness in words', async columns => {
	const app = await renderApp(makeLive(afternoonSnapshot()), {mode: 'watch', columns, rows: 24});
	expect(longestLine(app.frame())).toBeLessThanOrEqual(columns);
	expect(app.frame()).toMatch(/2h idle/);
	expect(app.frame()).toMatch(/5h stale/);
	expect(app.frame()).toContain('events');
});

test('narrow cards still fit at 45 columns', async () => {
	const app = await renderApp(makeLive(afternoonSnapshot()), {columns: 45, rows: 24});
	expect(longestLine(app.frame())).toBeLessThanOrEqual(45);
	expect(app.frame()).toContain('blocked');
});

test('the frame is shorter than the terminal, so Ink does not clear the screen on every frame', async () => {
	const app = await renderApp(makeLive(afternoonSnapshot()), {columns: 120, rows: 20});
	expect(app.frame().split('\n').length).toBeLessThan(20);
	await app.setSize(120, 12);
	expect(app.frame().split('\n').length).toBeLessThan(12);
});
