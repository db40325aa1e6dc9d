/**
 * Markdown tables whose header names claim fields by synonyms
 * ("Agent | Task | Status | Branch | PR", "Side | Branch / PR | What | Files it touches").
 */
import {fieldForLabel, type ClaimField} from './labels.js';
import {cleanValue, isTableRow, isTableSeparator, splitTableRow} from './markdown.js';

export interface TableRow {
	/** Cell text by field; the first column that maps to a field wins. */
	cells: Map<ClaimField, string>;
	/** 1-based. */
	line: number;
}

export interface Table {
	columns: Array<ClaimField | undefined>;
	header: string[];
	/** 1-based. */
	headerLine: number;
	rows: TableRow[];
}

export type Warn = (line: number, message: string) => void;

/** Tables in lines [from, to): a header row followed by a separator row. */
export function findTables(
	lines: readonly string[],
	fenced: readonly boolean[],
	from: number,
	to: number,
	warn: Warn,
	overrides?: ReadonlyMap<string, ClaimField>,
): Table[] {
	const tables: Table[] = [];
	for (let index = from; index < to - 1; index++) {
		if (fenced[index] || !isTableRow(lines[index]!) || !isTableSeparator(lines[index + 1]!)) {
			continue;
		}

		const header = splitTableRow(lines[index]!).map(cell => cleanValue(cell));
		const columns = header.map(cell => fieldForLabel(cell, overrides));
		const table: Table = {columns, header, headerLine: index + 1, rows: []};
		let row = index + 2;
		for (; row < to && !fenced[row] && isTableRow(lines[row]!); row++) {
			if (isTableSeparator(lines[row]!)) {
				continue;
			}

			const cells = splitTableRow(lines[row]!);
			if (cells.length < header.length) {
				warn(row + 1, `table row has ${cells.length} of ${header.length} cells; missing cells read as empty`);
			}

			const byField = new Map<ClaimField, string>();
			for (let column = 0; column < columns.length && column < cells.length; column++) {
				const field = columns[column];
				if (field && !byField.has(field) && cells[column]!.trim()) {
					byField.set(field, cells[column]!);
				}
			}

			table.rows.push({cells: byField, line: row + 1});
		}

		tables.push(table);
		index = row - 1;
	}

	return tables;
}
