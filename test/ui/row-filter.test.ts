import {describe, expect, test} from 'vitest';
import {buildDashboardRows, type RowOptions} from '../../source/ui/state/dashboard-rows.js';
import {parseFilter} from '../../source/ui/state/row-filter.js';
import {afternoonSnapshot, makeBranch, makeSnapshot, minutesBefore, testNow} from './factory.js';

const options: RowOptions = {filter: '', sort: 'agent', showMerged: false, now: testNow};
const keysOf = (filter: string): string[] => buildDashboardRows(afternoonSnapshot(), {...options, filter}).rows.map(row => row.key);

describe('parseFilter', () => {
	test('quick filters and words, each understood', () => {
		expect(parseFilter('is:Blocked  agent:codex age:>30d behind:<10 nav')).toEqual({
			terms: [
				{kind: 'verdict', verdict: 'blocked'},
				{kind: 'agent', agent: 'codex'},
				{kind: 'age', compare: {op: '>', value: 30 * 24 * 60}},
				{kind: 'behind', compare: {op: '<', value: 10}},
			],
			words: ['nav'],
			problems: [],
		});
		expect(parseFilter('age:2h behind:7').terms).toEqual([{kind: 'age', compare: {op: '>', value: 120}}, {kind: 'behind', compare: {op: '=', value: 7}}]);
	});

	test('what it cannot understand is said, not silently matched as a word', () => {
		const parsed = parseFilter('is:blokced age:soon');
		expect(parsed.terms).toEqual([]);
		expect(parsed.words).toEqual([]);
		expect(parsed.problems).toEqual([
			'unknown is:blokced (is: takes blocked, warn, pending, ready, merged, new, conflict, stale)',
			'age:soon: write age:>30d, age:<2h (m, h, d, w)',
		]);
	});
});

describe('quick filters on the dashboard rows', () => {
	test('by verdict, conflict, staleness and agent, combined with words', () => {
		expect(keysOf('is:blocked')).toEqual(['gemini/ui-refresh']);
		expect(keysOf('is:warn')).toEqual(['claude/training-improvements', 'codex/tracking-fix']);
		expect(keysOf('is:conflict')).toEqual(['claude/training-improvements', 'codex/tracking-fix', 'gemini/ui-refresh']);
		expect(keysOf('is:stale')).toEqual(['gemini/ui-refresh']);
		expect(keysOf('agent:codex')).toEqual(['codex/tracking-fix']);
		expect(keysOf('is:warn tracking')).toEqual(['codex/tracking-fix']);
		expect(keysOf('is:ready')).toEqual([]);
	});

	test('is:merged shows merged branches though they are folded by default', () => {
		expect(keysOf('is:merged')).toEqual(['claude/old-docs']);
	});

	test('by age of the last commit and by distance behind base', () => {
		expect(keysOf('age:>1d')).toEqual(['gemini/ui-refresh']);
		expect(keysOf('age:<10m')).toEqual(['codex/tracking-fix']);
		expect(keysOf('behind:>10')).toEqual(['gemini/ui-refresh']);
		expect(keysOf('behind:0')).toEqual(['codex/tracking-fix']);
	});

	test('is:new finds branches with no commits of their own', () => {
		const snapshot = makeSnapshot({branches: [makeBranch('claude/fresh', {state: 'new', ahead: 0, lastCommitAt: minutesBefore(60 * 24 * 40)}), makeBranch('claude/x')]});
		const rows = (filter: string) => buildDashboardRows(snapshot, {...options, filter}).rows.map(row => row.key);
		expect(rows('is:new')).toEqual(['claude/fresh']);
		expect(rows('is:new age:>30d')).toEqual(['claude/fresh']);
		expect(rows('is:new age:>50d')).toEqual([]);
	});
});

describe('folding an agent', () => {
	const many = makeSnapshot({branches: [
		makeBranch('codex/a', {readiness: {verdict: 'blocked', reasons: ['conflicts with base on 1 file: a.ts']}}),
		makeBranch('codex/b', {readiness: {verdict: 'warn', reasons: ['wip commit: abc1234 wip']}}),
		makeBranch('codex/c'),
		makeBranch('codex/d'),
		makeBranch('claude/x'),
	]});

	test("an agent's branches become one line with counts by verdict, sorted as its most urgent branch", () => {
		const model = buildDashboardRows(many, {...options, sort: 'readiness', foldedAgents: ['codex']});
		expect(model.rows.map(row => row.key)).toEqual(['fold:codex', 'claude/x']);
		expect(model.rows[0]!.fold).toEqual({agent: 'codex', counts: {blocked: 1, warn: 1, ready: 2}, total: 4});
	});

	test('the fold counts what the filter kept', () => {
		const model = buildDashboardRows(many, {...options, filter: 'is:ready', foldedAgents: ['codex']});
		expect(model.rows.map(row => row.fold?.counts ?? row.key)).toEqual(['claude/x', {ready: 2}]);
	});
});
