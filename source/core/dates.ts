/**
 * Dates as people and agents write them in coordination files (docs/design.md §3 "Dates").
 * Pure. A date that cannot be read is `invalid`, never guessed: the caller warns.
 */

export type ClaimDate = {kind: 'date'; iso: string} | {kind: 'unknown'} | {kind: 'invalid'};

const unknown: ClaimDate = {kind: 'unknown'};
const invalid: ClaimDate = {kind: 'invalid'};

/** Anything longer is prose, not a date; the bound also keeps every regex below cheap. */
const maxDateLength = 120;

/** Words that say "no date" on purpose. */
const unknownWords = new Set([
	'',
	'n/a',
	'na',
	'n.a',
	'never',
	'none',
	'tbd',
	'tba',
	'tbc',
	'unknown',
	'-',
	'--',
	'—',
	'–',
	'?',
	'null',
	'nil',
	'undefined',
	'not set',
	'not yet',
]);

/** Zone abbreviations, in minutes east of UTC. CST and IST take their most common reading in these files (US Central, India). */
const zoneOffsets: Record<string, number> = {
	UTC: 0,
	GMT: 0,
	Z: 0,
	WET: 0,
	WEST: 60,
	BST: 60,
	CET: 60,
	CEST: 120,
	EET: 120,
	EEST: 180,
	MSK: 180,
	IST: 330,
	ICT: 420,
	WIB: 420,
	SGT: 480,
	HKT: 480,
	AWST: 480,
	JST: 540,
	KST: 540,
	ACST: 570,
	ACDT: 630,
	AEST: 600,
	AEDT: 660,
	NZST: 720,
	NZDT: 780,
	HST: -600,
	AKST: -540,
	AKDT: -480,
	PST: -480,
	PDT: -420,
	MST: -420,
	MDT: -360,
	CST: -360,
	CDT: -300,
	EST: -300,
	EDT: -240,
	BRT: -180,
	ART: -180,
};

const monthNames = [
	'january',
	'february',
	'march',
	'april',
	'may',
	'june',
	'july',
	'august',
	'september',
	'october',
	'november',
	'december',
];

interface DateParts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	millisecond: number;
	/** Minutes east of UTC; undefined means local time of the process. */
	offset?: number;
}

/** Reads one date value; see docs/design.md §3 for the accepted forms. */
export function parseClaimDate(text: string): ClaimDate {
	// The remark goes first, by plain search, so that the bound below judges the value alone.
	const value = stripDecoration(cutRemark(text.trim()));
	if (isUnknownWord(value)) {
		return unknown;
	}

	if (value.length > maxDateLength) {
		return invalid;
	}

	const parts = readNumericDate(value) ?? readMonthNameDate(value);
	if (!parts || !isValid(parts)) {
		return invalid;
	}

	const time = toEpochMilliseconds(parts);
	return Number.isFinite(time) ? {kind: 'date', iso: new Date(time).toISOString()} : invalid;
}

function stripDecoration(text: string): string {
	// The bound keeps every pattern below cheap on hostile input; longer text is no date anyway.
	if (text.length > maxDateLength) {
		return text;
	}

	let value = text.trim();
	// Markdown emphasis and code marks around the whole value: **2025-12-03**, `2025-12-03`.
	for (let pass = 0; pass < 3; pass++) {
		const stripped = value.replace(/^[*_`~]+/, '').replace(/[*_`~]+$/, '').trim();
		if (stripped === value) {
			break;
		}

		value = stripped;
	}

	return value;
}

function isUnknownWord(value: string): boolean {
	if (value.length > maxDateLength) {
		return false;
	}

	const word = value.toLowerCase().replace(/[.!:]+$/, '').trim();
	return unknownWords.has(word) || /^unknown\b/.test(word);
}

/** Cuts a remark that follows the value: "2025-12-03 15:00:00 (per AI_HANDOFF.md)". */
function cutRemark(value: string): string {
	let end = value.length;
	for (const separator of ['(', '[', ' — ', ' – ', ' - ', ';', ' | ']) {
		const index = value.indexOf(separator);
		if (index >= 0 && index < end) {
			end = index;
		}
	}

	return value.slice(0, end).trim();
}

const numericDate = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})/;
const monthFirst = /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})/i;
const dayFirst = /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})/i;

function readNumericDate(value: string): DateParts | undefined {
	const match = numericDate.exec(value);
	if (!match) {
		return undefined;
	}

	return readTimeAndZone(value.slice(match[0].length), Number(match[1]), Number(match[2]), Number(match[3]));
}

function readMonthNameDate(value: string): DateParts | undefined {
	const first = monthFirst.exec(value);
	if (first) {
		const month = monthNumber(first[1]!);
		return month ? readTimeAndZone(value.slice(first[0].length), Number(first[3]), month, Number(first[2])) : undefined;
	}

	const second = dayFirst.exec(value);
	if (second) {
		const month = monthNumber(second[2]!);
		return month ? readTimeAndZone(value.slice(second[0].length), Number(second[3]), month, Number(second[1])) : undefined;
	}

	return undefined;
}

/** 1-12 for a month name or its abbreviation of at least three letters ("Sept" too). */
function monthNumber(word: string): number | undefined {
	const lower = word.toLowerCase();
	const name = lower === 'sept' ? 'sep' : lower;
	const index = monthNames.findIndex(month => month.startsWith(name));
	return index >= 0 ? index + 1 : undefined;
}

const timePattern = /^(?:T|\s*,\s*|\s+at\s+|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?/i;
const meridiemPattern = /^\s*([ap])\.?m\.?(?![a-z])/i;
const offsetPattern = /^\s*(?:(?:UTC|GMT)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?(?![\d:])/i;
const zoneWordPattern = /^\s*([a-z]{1,5})(?![a-z])/i;
const dayPartPattern = /^\s*(?:in the\s+)?(?:early\s+|late\s+)?(?:morning|afternoon|evening|night|tonight|noon|midnight|eod|cob|end of day)(?![a-z])/i;

function readTimeAndZone(rest: string, year: number, month: number, day: number): DateParts | undefined {
	const parts: DateParts = {year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0};
	let remaining = rest;

	const time = timePattern.exec(remaining);
	if (time) {
		parts.hour = Number(time[1]);
		parts.minute = Number(time[2]);
		parts.second = time[3] ? Number(time[3]) : 0;
		parts.millisecond = time[4] ? Number(time[4].slice(0, 3).padEnd(3, '0')) : 0;
		remaining = remaining.slice(time[0].length);

		const meridiem = meridiemPattern.exec(remaining);
		if (meridiem) {
			if (parts.hour < 1 || parts.hour > 12) {
				return undefined;
			}

			const pm = meridiem[1]!.toLowerCase() === 'p';
			parts.hour = (parts.hour % 12) + (pm ? 12 : 0);
			remaining = remaining.slice(meridiem[0].length);
		}
	}

	// A zone: Z, +09:00, UTC+9, or a zone word such as JST.
	const offset = offsetPattern.exec(remaining);
	if (offset) {
		const hours = Number(offset[2]);
		const minutes = offset[3] ? Number(offset[3]) : 0;
		if (hours > 14 || minutes > 59) {
			return undefined;
		}

		parts.offset = (offset[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
		remaining = remaining.slice(offset[0].length);
	} else {
		const word = zoneWordPattern.exec(remaining);
		const zone = word ? zoneOffsets[word[1]!.toUpperCase()] : undefined;
		if (word && zone !== undefined) {
			parts.offset = zone;
			remaining = remaining.slice(word[0].length);
			// "UTC+2" after a word zone is not supported on purpose; it falls through to the end check.
		}
	}

	// A day part says nothing a date with or without a time does not; it is ignored.
	const dayPart = dayPartPattern.exec(remaining);
	if (dayPart) {
		remaining = remaining.slice(dayPart[0].length);
	}

	return /^[\s.,]*$/.test(remaining) ? parts : undefined;
}

function isValid(parts: DateParts): boolean {
	const daysInMonth = new Date(Date.UTC(parts.year, parts.month, 0)).getUTCDate();
	return (
		parts.year >= 1000 &&
		parts.month >= 1 &&
		parts.month <= 12 &&
		parts.day >= 1 &&
		parts.day <= daysInMonth &&
		parts.hour <= 23 &&
		parts.minute <= 59 &&
		parts.second <= 59
	);
}

function toEpochMilliseconds(parts: DateParts): number {
	if (parts.offset === undefined) {
		// No zone written: the local time of the process, as a person reading the file would.
		const local = new Date(2000, 0, 1);
		local.setFullYear(parts.year, parts.month - 1, parts.day);
		local.setHours(parts.hour, parts.minute, parts.second, parts.millisecond);
		return local.getTime();
	}

	const utc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, parts.millisecond);
	return utc - parts.offset * 60_000;
}

/**
 * When an agent expects to be done, as given on the command line: a duration from
 * now (`2h`, `90m`, `1h30m`, `1d`) or any date form of `parseClaimDate`. Undefined
 * when it is neither.
 */
export function parseExpectedTime(text: string, now: Date): Date | undefined {
	const duration = /^\s*(?:(\d{1,3})\s*d)?\s*(?:(\d{1,4})\s*h)?\s*(?:(\d{1,5})\s*m(?:in)?)?\s*$/i.exec(text);
	if (duration && (duration[1] ?? duration[2] ?? duration[3]) !== undefined) {
		const [days, hours, minutes] = [duration[1], duration[2], duration[3]].map(part => Number(part ?? 0));
		return new Date(now.getTime() + (((days! * 24) + hours!) * 60 + minutes!) * 60_000);
	}

	const date = parseClaimDate(text);
	return date.kind === 'date' ? new Date(date.iso) : undefined;
}
