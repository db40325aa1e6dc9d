/**
 * Labelled values in a run of markdown lines: "**Model**: x", "- Status: done",
 * "| Branch | claude/x |", "### Files Being Modified" followed by a list. Each value
 * keeps the list items that follow it, which is how files and checklists are written.
 */
import {fieldForLabel, type ClaimField} from './labels.js';
import {
	cleanValue,
	isTableRow,
	isTableSeparator,
	parseHeading,
	parseLabelled,
	parseListLine,
	splitTableRow,
} from './markdown.js';

export interface FieldItem {
	text: string;
	/** 1-based. */
	line: number;
	checked?: boolean;
}

export interface FieldEntry {
	/** Undefined for an emphasised label no table knows ("**Priority:** high"). */
	field?: ClaimField;
	label: string;
	value: string;
	items: FieldItem[];
	/** 1-based. */
	line: number;
	checked?: boolean;
}

export interface ReadFieldsOptions {
	overrides?: ReadonlyMap<string, ClaimField>;
}

/** Reads lines [from, to), skipping fenced lines. */
export function readFields(
	lines: readonly string[],
	fenced: readonly boolean[],
	from: number,
	to: number,
	options: ReadFieldsOptions = {},
): FieldEntry[] {
	const entries: FieldEntry[] = [];
	let current: FieldEntry | undefined;
	let currentIndent = 0;
	let blankSinceItems = false;
	let inRecordTable = false;

	for (let index = from; index < to; index++) {
		if (fenced[index]) {
			continue;
		}

		const raw = lines[index]!;
		if (!isTableRow(raw)) {
			inRecordTable = false;
		}

		if (raw.trim() === '') {
			if (current && (current.value || current.items.length > 0)) {
				blankSinceItems = true;
			}

			continue;
		}

		const heading = parseHeading(raw);
		if (heading) {
			// "### **Status**: ✅ COMPLETE" is a labelled value written as a heading.
			const inline = parseLabelled(heading.text);
			const inlineField = inline?.value ? fieldForLabel(inline.label, options.overrides) : undefined;
			if (inline && inlineField) {
				current = {field: inlineField, label: inline.label, value: inline.value, items: [], line: index + 1};
				entries.push(current);
				currentIndent = -1;
				blankSinceItems = false;
				continue;
			}

			const label = cleanValue(heading.text).replace(/[:：]$/, '');
			const field = fieldForLabel(label, options.overrides);
			current = field ? {field, label, value: '', items: [], line: index + 1} : undefined;
			if (current) {
				entries.push(current);
				currentIndent = -1;
				blankSinceItems = false;
			}

			continue;
		}

		if (isTableRow(raw)) {
			current = undefined;
			if (index + 1 < to && isTableSeparator(lines[index + 1]!)) {
				// A header row. A table whose columns are fields (Agent | Task | Status) holds
				// records, read by findTables; only a two-column table holds labelled values.
				const header = splitTableRow(raw).map(cell => fieldForLabel(cleanValue(cell), options.overrides));
				inRecordTable = header.filter(Boolean).length >= 2;
				index++;
				continue;
			}

			if (!inRecordTable && !isTableSeparator(raw)) {
				const cells = splitTableRow(raw);
				const label = cleanValue(cells[0] ?? '');
				const field = cells.length >= 2 ? fieldForLabel(label, options.overrides) : undefined;
				if (field) {
					entries.push({field, label, value: cells[1]!, items: [], line: index + 1});
				}
			}

			continue;
		}

		const line = parseListLine(raw);
		const labelled = parseLabelled(line.text);
		const field = labelled ? fieldForLabel(labelled.label, options.overrides) : undefined;
		if (labelled && (field || labelled.emphasised)) {
			current = {field, label: labelled.label, value: labelled.value, items: [], line: index + 1, checked: line.checked};
			entries.push(current);
			currentIndent = line.indent;
			blankSinceItems = false;
			continue;
		}

		if (current && belongsTo(current, currentIndent, line, blankSinceItems)) {
			current.items.push({text: line.text, line: index + 1, checked: line.checked});
			continue;
		}

		current = undefined;
	}

	return entries;
}

/** An empty label takes the list below it; a label with a value only takes deeper items. */
function belongsTo(
	entry: FieldEntry,
	entryIndent: number,
	line: {indent: number; isItem: boolean},
	blankSinceItems: boolean,
): boolean {
	if (entry.value === '') {
		return line.isItem || line.indent > entryIndent || (!blankSinceItems && entry.items.length > 0 && line.indent > 0);
	}

	return line.isItem && line.indent > entryIndent;
}
