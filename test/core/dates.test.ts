import {describe, expect, it, test} from 'vitest';
import {parseClaimDate, parseExpectedTime} from '../../source/core/dates.js';
import {cpuMs} from '../cpu-time.js';

// test/setup.ts runs every test with TZ=UTC, so a time without a zone reads as UTC here.
const date = (iso: string) => ({kind: 'date', iso});

describe('parseClaimDate', () => {
	test.each([
		['2026-04-25T10:11', '2026-04-25T10:11:00.000Z'],
		['2026-08-25T20:40Z', '2026-08-25T20:40:00.000Z'],
		['2026-04-25T10:11:30+09:00', '2026-04-25T01:11:30.000Z'],
		['2026-04-25T10:11:30.000Z', '2026-04-25T10:11:30.000Z'],
		['2026-04-25T10:11:30.5Z', '2026-04-25T10:11:30.500Z'],
		['2026-04-25T10:11:30.123456Z', '2026-04-25T10:11:30.123Z'],
		['2026-04-25T10:11-0530', '2026-04-25T15:41:00.000Z'],
		['2025-12-03 15:00:00', '2025-12-03T15:00:00.000Z'],
		['2025-12-03 15:00', '2025-12-03T15:00:00.000Z'],
		['2025-12-03 16:45 JST', '2025-12-03T07:45:00.000Z'],
		['2025-12-03 16:45 UTC', '2025-12-03T16:45:00.000Z'],
		['2025-12-03 16:45 GMT', '2025-12-03T16:45:00.000Z'],
		['2025-12-03 08:00 PST', '2025-12-03T16:00:00.000Z'],
		['2025-07-03 08:00 PDT', '2025-07-03T15:00:00.000Z'],
		['2025-12-03 10:00 EST', '2025-12-03T15:00:00.000Z'],
		['2025-12-03 10:00 CET', '2025-12-03T09:00:00.000Z'],
		['2025-07-03 10:00 CEST', '2025-07-03T08:00:00.000Z'],
		['2025-12-03 10:00 IST', '2025-12-03T04:30:00.000Z'],
		['2025-12-03 10:00 AEST', '2025-12-03T00:00:00.000Z'],
		['2025-12-03 18:00 UTC+8', '2025-12-03T10:00:00.000Z'],
		['2025-12-03 18:00 jst', '2025-12-03T09:00:00.000Z'],
		['2025-12-03 evening', '2025-12-03T00:00:00.000Z'],
		['2025-12-03 16:45 evening', '2025-12-03T16:45:00.000Z'],
		['2025-12-03 morning', '2025-12-03T00:00:00.000Z'],
		['2025-12-03', '2025-12-03T00:00:00.000Z'],
		['2025/12/03', '2025-12-03T00:00:00.000Z'],
		['Dec 3, 2025', '2025-12-03T00:00:00.000Z'],
		['June 29, 2025', '2025-06-29T00:00:00.000Z'],
		['Sept 9, 2025', '2025-09-09T00:00:00.000Z'],
		['3 Dec 2025', '2025-12-03T00:00:00.000Z'],
		['Wed, Dec 3, 2025 at 3:05 PM', '2025-12-03T15:05:00.000Z'],
		['Dec 3, 2025 12:30 am', '2025-12-03T00:30:00.000Z'],
		['2025-12-03 15:00:00 (per AI_HANDOFF.md)', '2025-12-03T15:00:00.000Z'],
		['2025-12-03 - after standup', '2025-12-03T00:00:00.000Z'],
		['**2025-12-03 15:00**', '2025-12-03T15:00:00.000Z'],
		['`2026-08-25T20:40Z`', '2026-08-25T20:40:00.000Z'],
		['  2025-12-03  ', '2025-12-03T00:00:00.000Z'],
	])('%s', (text, iso) => {
		expect(parseClaimDate(text)).toEqual(date(iso));
	});

	test('boundaries of the calendar and the clock', () => {
		expect(parseClaimDate('2024-02-29')).toEqual(date('2024-02-29T00:00:00.000Z'));
		expect(parseClaimDate('2025-02-29')).toEqual({kind: 'invalid'});
		expect(parseClaimDate('2025-12-31T23:59:59Z')).toEqual(date('2025-12-31T23:59:59.000Z'));
		expect(parseClaimDate('2026-01-01T00:00:00+14:00')).toEqual(date('2025-12-31T10:00:00.000Z'));
		expect(parseClaimDate('2025-12-03T24:00')).toEqual({kind: 'invalid'});
		expect(parseClaimDate('2025-12-03T12:60')).toEqual({kind: 'invalid'});
		expect(parseClaimDate('2025-13-01')).toEqual({kind: 'invalid'});
		expect(parseClaimDate('2025-04-31')).toEqual({kind: 'invalid'});
		expect(parseClaimDate('2025-12-03T10:00+15:00')).toEqual({kind: 'invalid'});
		expect(parseClaimDate('2025-12-03 13:00 PM')).toEqual({kind: 'invalid'});
	});

	test.each(['N/A', 'n/a', 'never', 'None', 'TBD', 'Unknown', 'Unknown (lost in rebase)', '—', '-', '', '   ', 'null', '**N/A**'])(
		'%j is unknown',
		text => {
			expect(parseClaimDate(text)).toEqual({kind: 'unknown'});
		},
	);

	test.each([
		'sometime yesterday',
		'tomorrow',
		'12/03/2025',
		'03.12.2025',
		'2025-12-03 16:45 XYZ',
		'Decembrr 3, 2025',
		'1733238000',
		'2025-12-03T10:00 and then some words',
	])('%j is invalid, never guessed', text => {
		expect(parseClaimDate(text)).toEqual({kind: 'invalid'});
	});

	test('very long values are invalid, and quickly so', () => {
		const {ms} = cpuMs(() => {
			expect(parseClaimDate('x'.repeat(100_000))).toEqual({kind: 'invalid'});
			expect(parseClaimDate(`2025-12-03 ${' '.repeat(50_000)}x`)).toEqual({kind: 'invalid'});
			expect(parseClaimDate(`${'*'.repeat(50_000)}x`)).toEqual({kind: 'invalid'});
			expect(parseClaimDate(`2025-12-03 (${'remark '.repeat(10_000)})`)).toEqual(date('2025-12-03T00:00:00.000Z'));
		});
		// Linear work takes a few ms; catastrophic backtracking on these would take seconds.
		expect(ms).toBeLessThan(500);
	});
});

describe('parseExpectedTime', () => {
	const now = new Date('2026-01-05T10:00:00Z');
	it.each([
		['2h', '2026-01-05T12:00:00.000Z'],
		['90m', '2026-01-05T11:30:00.000Z'],
		['1h30m', '2026-01-05T11:30:00.000Z'],
		['1h 30min', '2026-01-05T11:30:00.000Z'],
		['1d', '2026-01-06T10:00:00.000Z'],
		['2026-01-05T18:00Z', '2026-01-05T18:00:00.000Z'],
		['Jan 7, 2026', '2026-01-07T00:00:00.000Z'],
	])('%s is %s', (text, iso) => {
		expect(parseExpectedTime(text, now)?.toISOString()).toBe(iso);
	});

	it.each(['', 'soon', 'TBD', '2x', 'h'])('%j is not a time', text => {
		expect(parseExpectedTime(text, now)).toBeUndefined();
	});
});
