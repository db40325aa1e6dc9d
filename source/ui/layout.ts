/**
 * Layout at each terminal size, as one pure function (docs/style.md §6.6, after lazygit's
 * window arrangement helper): screens ask it how many rows they may draw and in
 * which shape, and tests pin every breakpoint without a terminal.
 */

export type AppMode = 'dashboard' | 'watch';
export type LayoutKind = 'table' | 'cards' | 'watch';

/** Named breakpoints (docs/design.md §5): the table needs 100 columns; `watch` is built for 40–80. */
export const breakpoints = {table: 100, watchMin: 40, watchMax: 80} as const;

/** Lines every screen spends outside its body: header, notice or filter, status line, footer. */
export const chromeLines = 4;

// Ink clears the whole terminal on every frame once the output is as tall as the
// window, which flickers; one spare line keeps it on the cheap incremental path.
const spareLines = 1;

export const cardHeight = 3;

export interface Layout {
	kind: LayoutKind;
	columns: number;
	rows: number;
	/** Lines available to the screen's body (everything but the chrome). */
	bodyHeight: number;
	/** How many rows (table, watch) or cards fit in the list. */
	visibleItems: number;
	/** Lines for `watch`'s event log (0 in other layouts). */
	eventLogHeight: number;
	/** Narrower than `watch` is built for: drop everything but branch, age and verdict. */
	cramped: boolean;
}

export interface LayoutInput {
	columns: number;
	rows: number;
	mode: AppMode;
}

export function chooseLayout({columns, rows, mode}: LayoutInput): Layout {
	const bodyHeight = Math.max(3, rows - chromeLines - spareLines);
	const cramped = columns < breakpoints.watchMin;
	if (mode === 'watch') {
		// The live list gets about 60 %, the event log the rest (minus its title line).
		const visibleItems = Math.max(1, Math.floor(bodyHeight * 0.6));
		const eventLogHeight = Math.max(1, bodyHeight - visibleItems - 1);
		return {kind: 'watch', columns, rows, bodyHeight, visibleItems, eventLogHeight, cramped};
	}

	if (columns >= breakpoints.table) {
		// One line goes to the column headings.
		return {kind: 'table', columns, rows, bodyHeight, visibleItems: Math.max(1, bodyHeight - 1), eventLogHeight: 0, cramped};
	}

	return {
		kind: 'cards',
		columns,
		rows,
		bodyHeight,
		visibleItems: Math.max(1, Math.floor(bodyHeight / cardHeight)),
		eventLogHeight: 0,
		cramped,
	};
}

export interface TableColumns {
	marker: number;
	branch: number;
	agent: number;
	claim: number;
	checkin: number;
	aheadBehind: number;
	/** How long ago the branch's last commit was. */
	activity: number;
	conflicts: number;
	readiness: number;
}

/**
 * Column widths of the wide table; branch and claim share what the fixed columns leave.
 * When no branch has a claim, the claim and check-in columns (width 0: not drawn) give
 * their width to the branch names instead of saying "no claim" on every row. With a
 * saved checklist on some row, the readiness cell also says `12/16`, `2 failed` or
 * `out of date`.
 */
export function tableColumns(columns: number, options: {claims?: boolean; checklist?: boolean} = {}): TableColumns {
	const claims = options.claims ?? true;
	const fixed = {marker: 2, agent: 9, checkin: claims ? 17 : 0, aheadBehind: 13, activity: 6, conflicts: 10, readiness: options.checklist ? 21 : 10};
	const fixedTotal = Object.values(fixed).reduce((sum, width) => sum + width, 0);
	const flexible = Math.max(20, columns - fixedTotal);
	// Branch names are what rows are found by: they get a little more than half.
	const branch = claims ? Math.ceil(flexible * 0.55) : flexible;
	return {...fixed, branch, claim: flexible - branch};
}

/** A window of `height` items that keeps `cursor` visible, moving as little as possible from `previousStart`. */
export function scrollWindow({count, cursor, height, previousStart}: {
	count: number;
	cursor: number;
	height: number;
	previousStart: number;
}): {start: number; end: number} {
	const size = Math.max(1, height);
	let start = Math.min(Math.max(0, previousStart), Math.max(0, count - size));
	if (cursor < start) {
		start = cursor;
	} else if (cursor >= start + size) {
		start = cursor - size + 1;
	}

	start = Math.max(0, start);
	return {start, end: Math.min(count, start + size)};
}

/** The wide table's column headings with their widths, the columns of width 0 left out: one list for Ink's table and the hand-drawn first frame. */
export function tableHeadings(widths: TableColumns): Array<[string, number]> {
	return ([
		['', widths.marker],
		['branch', widths.branch],
		['agent', widths.agent],
		['claim', widths.claim],
		['check-in', widths.checkin],
		['ahead/behind', widths.aheadBehind],
		['last', widths.activity],
		['conflicts', widths.conflicts],
		['readiness', widths.readiness],
	] satisfies Array<[string, number]>).filter(([, width]) => width > 0);
}
