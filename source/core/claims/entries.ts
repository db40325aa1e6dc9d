/**
 * Sections that hold several records one after another ("### In Progress" with an
 * entry per model): records are split at sub-headings, at table rows and where a
 * label repeats ("**Model**: a … **Model**: b").
 */
import {headingsBetween, type MarkdownDocument} from './document.js';
import {readFields, type FieldEntry} from './fields.js';
import type {ClaimField} from './labels.js';
import {findTables, type Warn} from './tables.js';

export interface EntryGroup {
	entries: FieldEntry[];
	/** The sub-heading the record sits under, if any: often the agent's name. */
	heading?: string;
	/** 1-based line of the record's first value (or its sub-heading). */
	line: number;
}

export function readEntryGroups(
	document: MarkdownDocument,
	from: number,
	to: number,
	warn: Warn,
	overrides?: ReadonlyMap<string, ClaimField>,
	/** False when the caller reads the tables itself. */
	includeTables = true,
): EntryGroup[] {
	const groups: EntryGroup[] = [];
	const children = headingsBetween(document, from, to);
	const ranges: Array<{from: number; to: number; heading?: string; line?: number}> = [];
	let start = from;
	let heading: string | undefined;
	let line: number | undefined;
	for (const child of children) {
		ranges.push({from: start, to: child.index, heading, line});
		start = child.index + 1;
		heading = child.text;
		line = child.index + 1;
	}

	ranges.push({from: start, to, heading, line});

	for (const range of ranges) {
		const tables = includeTables ? findTables(document.lines, document.fenced, range.from, range.to, warn, overrides) : [];
		for (const table of tables) {
			if (table.columns.filter(Boolean).length < 2) {
				continue;
			}

			for (const row of table.rows) {
				const entries: FieldEntry[] = [...row.cells].map(([field, value]) => ({
					field,
					label: table.header[table.columns.indexOf(field)] ?? field,
					value,
					items: [],
					line: row.line,
				}));
				groups.push({entries, heading: range.heading, line: row.line});
			}
		}

		let current: EntryGroup | undefined;
		let seen = new Set<ClaimField | undefined>();
		for (const entry of readFields(document.lines, document.fenced, range.from, range.to, {overrides})) {
			if (!current || (entry.field && seen.has(entry.field))) {
				current = {entries: [], heading: range.heading, line: current ? entry.line : (range.line ?? entry.line)};
				seen = new Set();
				groups.push(current);
			}

			current.entries.push(entry);
			seen.add(entry.field);
		}
	}

	return groups;
}
