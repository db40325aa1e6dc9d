/**
 * Edits cells of markdown tables in place: finds tables the way the reader does
 * (findTables), and changes only the content between two pipes, so every other cell,
 * the pipes, the indentation and the line ending stay byte for byte. Pure.
 */
import {dominantEol, insertLines, type Line} from './edit-lines.js';
import type {ClaimField} from './labels.js';
import {fencedLines, tableCellSpans} from './markdown.js';
import {findTables} from './tables.js';

export interface EditableTable {
	/** The field each header cell names, as the reader maps it. */
	columns: Array<ClaimField | undefined>;
	headerIndex: number;
	/** 0-based indexes of the data rows (separator rows left out). */
	rows: number[];
}

/** The tables in lines [start, end), as the reader finds them. */
export function findEditableTables(lines: readonly Line[], start: number, end: number): EditableTable[] {
	const texts = lines.map(line => line.text);
	const ignoreWarning = () => undefined;
	return findTables(texts, fencedLines(texts), start, end, ignoreWarning).map(table => ({
		columns: table.columns,
		headerIndex: table.headerLine - 1,
		rows: table.rows.map(row => row.line - 1),
	}));
}

/** The column of a field, if the table has one. */
export function columnOf(table: EditableTable, field: ClaimField): number | undefined {
	const column = table.columns.indexOf(field);
	return column < 0 ? undefined : column;
}

/**
 * The row with the given cells' content replaced. A row shorter than the table gets
 * the missing cells added at its end, so that a value never lands in the wrong column.
 */
export function setRowCells(text: string, values: ReadonlyMap<number, string>): string {
	const spans = tableCellSpans(text);
	let result = '';
	let at = 0;
	for (const [column, span] of spans.entries()) {
		const value = values.get(column);
		if (value !== undefined) {
			result += text.slice(at, span.start) + fillCell(text.slice(span.start, span.end), value);
			at = span.end;
		}
	}

	return withMissingCells(result + text.slice(at), spans.length, values);
}

/**
 * Adds a row after the table's last row, shaped like that row (or the header when the
 * last row is short or absent): same indentation, pipes and cell widths.
 */
export function appendTableRow(lines: Line[], table: EditableTable, values: ReadonlyMap<number, string>): void {
	const lastIndex = table.rows.at(-1);
	const lastRow = lastIndex === undefined ? undefined : lines[lastIndex]!.text;
	const template = lastRow !== undefined && tableCellSpans(lastRow).length === table.columns.length ? lastRow : lines[table.headerIndex]!.text;
	const cells = new Map(table.columns.map((_, column) => [column, values.get(column) ?? '']));
	// After the separator row when the table has no rows yet.
	const after = lastIndex ?? table.headerIndex + 1;
	const eol = lines[after]!.eol || dominantEol(lines);
	insertLines(lines, after + 1, [setRowCells(template, cells)], eol);
}

function withMissingCells(text: string, count: number, values: ReadonlyMap<number, string>): string {
	const last = Math.max(-1, ...values.keys());
	if (last < count) {
		return text;
	}

	const body = text.trimEnd();
	const trailing = text.slice(body.length);
	const closed = body.endsWith('|');
	let added = '';
	for (let column = count; column <= last; column++) {
		const value = values.get(column);
		const cell = value ? ` ${escapeCell(value)} ` : ' ';
		// A row closed by a pipe stays closed; an open one stays open.
		added += closed ? `${cell}|` : ` |${cell.trimEnd()}`;
	}

	return body + added + trailing;
}

/**
 * The new content of a cell: its leading and trailing space kept, and padded to its
 * old width when shorter, so that aligned columns stay aligned. A longer value grows.
 */
function fillCell(old: string, value: string): string {
	const lead = old.startsWith(' ') || old.startsWith('\t') ? ' ' : '';
	const trail = old.endsWith(' ') || old.endsWith('\t') ? ' ' : '';
	const filled = value ? lead + escapeCell(value) + trail : lead;
	const missing = displayWidth(old) - displayWidth(filled);
	return missing > 0 ? filled + ' '.repeat(missing) : filled;
}

/** A pipe inside a value would end its cell and shift every column after it. */
function escapeCell(value: string): string {
	return value.replaceAll('|', '\\|');
}

const zeroWidth = /[\p{M}\p{Emoji_Modifier}\u{200B}-\u{200D}\u{2060}\u{FE00}-\u{FE0F}]/u;
const wide = /[\p{Emoji_Presentation}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u{3000}-\u{303F}\u{FF01}-\u{FF60}\u{FFE0}-\u{FFE6}]/u;

/**
 * Columns a text takes in an editor, the way table formatters count them: emoji and
 * East Asian letters take two, marks and joined emoji none. One pass over the code
 * points (Intl.Segmenter takes seconds on a long cell, and cells can be hostile).
 */
function displayWidth(text: string): number {
	let width = 0;
	let last = 0;
	let joined = false;
	for (const char of text) {
		if (char < '\u0300') {
			width += 1;
			last = 1;
			joined = false;
		} else if (char === '\u200D') {
			joined = true;
		} else if (char === '\uFE0F') {
			// A text symbol shown as emoji (⚠️) becomes wide.
			width += last === 1 ? 1 : 0;
			last = 2;
		} else if (!zeroWidth.test(char)) {
			const own = wide.test(char) ? 2 : 1;
			width += joined ? 0 : own;
			last = own;
			joined = false;
		}
	}

	return width;
}
