import {describe, expect, test} from 'vitest';
import {buildDashboardRows, checkinAgeAt, type RowOptions} from '../../source/ui/state/dashboard-rows.js';
import {conflictSummary} from '../../source/ui/format.js';
import {afternoonSnapshot, fakeSha, makeAgent, makeBranch, makeClaim, makeSnapshot, minutesBefore, testNow} from './factory.js';

const options: RowOptions = {filter: '', sort: 'agent', showMerged: false, now: testNow};
const keysOf = (partial: Partial<RowOptions>): string[] => buildDashboardRows(afternoonSnapshot(), {...options, ...partial}).rows.map(row => row.key);

describe('buildDashboardRows', () => {
	test('one row per branch plus agents with a claim and no branch; merged folded into a count', () => {
		const model = buildDashboardRows(afternoonSnapshot(), options);
		expect(model.rows.map(row => row.key)).toEqual([
			'claude/training-improvements',
			'codex/tracking-fix',
			'agent:copilot',
			'gemini/ui-refresh',
		]);
		expect(model.hiddenMergedCount).toBe(1);
		expect(model.totalCount).toBe(5);
	});

	test('M shows merged branches', () => {
		expect(keysOf({showMerged: true})).toContain('claude/old-docs');
	});

	test('a claim naming one branch is not repeated on the agent\'s other branches', () => {
		const rows = buildDashboardRows(afternoonSnapshot(), {...options, showMerged: true}).rows;
		expect(rows.find(row => row.key === 'claude/training-improvements')?.claim?.work).toBe('Training improvements');
		expect(rows.find(row => row.key === 'claude/old-docs')?.claim).toBeNull();
	});

	test('a merged branch whose merge was reverted on base is shown, not folded, and says so in its conflicts cell', () => {
		const reverted = makeBranch('gemini/search', {merged: true, ahead: 0, revertedOnBase: {merge: fakeSha('m'), revert: fakeSha('r'), source: 'ledger'}});
		const snapshot = makeSnapshot({branches: [reverted, makeBranch('claude/old', {merged: true, ahead: 0})]});
		const model = buildDashboardRows(snapshot, options);
		expect(model.rows.map(row => row.key)).toEqual(['gemini/search']);
		expect(model.hiddenMergedCount).toBe(1);
		expect(conflictSummary(reverted, false)).toBe('reverted on base');
	});

	test('the base branch is never a row', () => {
		const snapshot = makeSnapshot({branches: [makeBranch('main'), makeBranch('claude/x')]});
		expect(buildDashboardRows(snapshot, options).rows.map(row => row.key)).toEqual(['claude/x']);
	});

	test('filter matches branch, agent and claim text, case-insensitively', () => {
		expect(keysOf({filter: 'CODEX'})).toEqual(['codex/tracking-fix']);
		expect(keysOf({filter: 'api docs'})).toEqual(['agent:copilot']);
		expect(keysOf({filter: 'nothing-like-this'})).toEqual([]);
	});

	test('sort by readiness: the most urgent first (blocked, warn, pending, ready, merged), then rows without a branch', () => {
		expect(keysOf({sort: 'readiness'})).toEqual([
			'gemini/ui-refresh',
			'claude/training-improvements',
			'codex/tracking-fix',
			'agent:copilot',
		]);
		const snapshot = makeSnapshot({branches: [
			makeBranch('a/ready'),
			makeBranch('b/merged', {merged: true, ahead: 0}),
			makeBranch('c/pending', {mergesCleanly: null, readiness: {verdict: 'pending', reasons: ['waiting for conflict prediction']}}),
			makeBranch('d/warn', {readiness: {verdict: 'warn', reasons: ['wip commit: abc1234 wip']}}),
			makeBranch('e/blocked', {readiness: {verdict: 'blocked', reasons: ['conflicts with base on 1 file: a.ts']}}),
		]});
		expect(buildDashboardRows(snapshot, {...options, sort: 'readiness', showMerged: true}).rows.map(row => row.key)).toEqual(['e/blocked', 'd/warn', 'c/pending', 'a/ready', 'b/merged']);
	});

	test('sort by check-in age puts the stalest claim first', () => {
		expect(keysOf({sort: 'check-in age'})).toEqual([
			'gemini/ui-refresh',
			'claude/training-improvements',
			'codex/tracking-fix',
			'agent:copilot',
		]);
	});

	test('sort by last activity puts the newest commit first', () => {
		expect(keysOf({sort: 'last activity'})[0]).toBe('codex/tracking-fix');
	});

	test('no snapshot, no rows', () => {
		expect(buildDashboardRows(null, options)).toMatchObject({rows: [], hiddenMergedCount: 0, totalCount: 0, anyClaim: false});
	});

	test('non-agent branches sort after agents', () => {
		const snapshot = makeSnapshot({
			branches: [makeBranch('feat/search', {agent: null}), makeBranch('claude/x')],
			agents: [makeAgent('claude', ['claude/x'], null)],
		});
		expect(buildDashboardRows(snapshot, options).rows.map(row => row.key)).toEqual(['claude/x', 'feat/search']);
	});
});

describe('checkinAgeAt', () => {
	test('from the check-in time when it parses', () => {
		expect(checkinAgeAt(makeClaim('claude', {lastCheckin: minutesBefore(90)}), minutesBefore(30), testNow)).toBe(90);
	});

	test('else from the snapshot\'s age plus the time since it was taken', () => {
		expect(checkinAgeAt(makeClaim('claude', {lastCheckin: undefined, checkinAgeMinutes: 10}), minutesBefore(30), testNow)).toBe(40);
		expect(checkinAgeAt(makeClaim('claude', {lastCheckin: undefined, checkinAgeMinutes: null}), minutesBefore(30), testNow)).toBeNull();
	});
});
