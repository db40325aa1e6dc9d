import {describe, expect, it} from 'vitest';
import {checkinAgeMinutes, formatAge, nextStalenessChange, stalenessOf} from '../../source/core/staleness.js';

const now = Date.parse('2026-04-25T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now - minutes * 60_000).toISOString();

describe('staleness', () => {
	it.each([
		[0, 'active'],
		[119, 'active'],
		[120, 'idle'],
		[239, 'idle'],
		[240, 'stale'],
		[60 * 24 * 3, 'stale'],
	] as const)('a check-in %i minutes old is %s (2 h / 4 h)', (minutes, expected) => {
		expect(stalenessOf(checkinAgeMinutes(minutesAgo(minutes), now))).toBe(expected);
	});

	it('is unknown without a check-in or with an unreadable one', () => {
		expect(stalenessOf(checkinAgeMinutes(undefined, now))).toBe('unknown');
		expect(stalenessOf(checkinAgeMinutes('soon', now))).toBe('unknown');
	});

	it('follows configured thresholds', () => {
		const config = {activeHours: 1, staleHours: 8};
		expect(stalenessOf(59, config)).toBe('active');
		expect(stalenessOf(60, config)).toBe('idle');
		expect(stalenessOf(479, config)).toBe('idle');
		expect(stalenessOf(480, config)).toBe('stale');
	});

	it('counts a check-in from the future as just now, never negative', () => {
		expect(checkinAgeMinutes(new Date(now + 3_600_000).toISOString(), now)).toBe(0);
	});

	it('formats ages in words a table cell can hold', () => {
		expect(formatAge(null)).toBe('never');
		expect(formatAge(45)).toBe('45 min');
		expect(formatAge(135)).toBe('2 h 15 min');
		expect(formatAge(120)).toBe('2 h');
		expect(formatAge(60 * 24 * 3)).toBe('3 days');
		expect(formatAge(0)).toBe('just now');
		expect(formatAge(11 * 60 + 5)).toBe('11 h');
		expect(formatAge(null, 'compact')).toBe('—');
		expect(formatAge(11 * 60 + 5, 'compact')).toBe('11h');
		expect(formatAge(60 * 24 * 3, 'compact')).toBe('3d');
	});
});

describe('the next change of a staleness word', () => {
	it('is the soonest crossing still ahead, of any check-in', () => {
		// 100 min ago: idle in 20 min; 200 min ago: stale in 40 min.
		expect(nextStalenessChange([minutesAgo(100), minutesAgo(200)], now)).toBe(now + 20 * 60_000);
		expect(nextStalenessChange([minutesAgo(200)], now)).toBe(now + 40 * 60_000);
		expect(nextStalenessChange([minutesAgo(10)], now, {activeHours: 1, staleHours: 3})).toBe(now + 50 * 60_000);
	});

	it('is null when every check-in is stale, unknown or unreadable', () => {
		expect(nextStalenessChange([minutesAgo(300), undefined, 'not a date'], now)).toBeNull();
		expect(nextStalenessChange([], now)).toBeNull();
	});

	it('never names the present moment, which has already been judged', () => {
		expect(nextStalenessChange([minutesAgo(120)], now)).toBe(now + 120 * 60_000);
	});
});

describe('formatAgo', () => {
	it('never says "just now ago"', async () => {
		const {formatAgo} = await import('../../source/core/staleness.js');
		expect(formatAgo(0)).toBe('just now');
		expect(formatAgo(12)).toBe('12 min ago');
		expect(formatAgo(3 * 24 * 60)).toBe('3 days ago');
		expect(formatAgo(null)).toBe('never');
	});
});
