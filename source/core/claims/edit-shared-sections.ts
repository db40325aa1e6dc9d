/**
 * Edits the sections every agent shares: one module's list line and table row in
 * "Available Modules for Work", and entries appended to "Emergency Overrides" and
 * "Completed Work". Each edit touches only its own line (in a table, only its own
 * cells) or adds one. Pure.
 */
import {agentKeyForName} from '../agents.js';
import type {AgentResolver} from '../types.js';
import {isEmptyValue} from './claim.js';
import {dominantEol, insertLines, isBlank, type Line} from './edit-lines.js';
import {
	findHeadings,
	findSharedSection,
	parseListItem,
	sectionEnd,
	sharedSectionHeadings,
	type SharedSection,
} from './edit-sections.js';
import {appendTableRow, columnOf, findEditableTables, setRowCells, type EditableTable} from './edit-tables.js';
import {cleanValue, splitTableRow} from './markdown.js';

/** Adds `entry` after the last non-blank line of the section, creating the section at the end when absent. */
export function appendToSection(lines: Line[], section: SharedSection, entry: string, resolve: AgentResolver): void {
	const eol = dominantEol(lines);
	const headings = findHeadings(lines);
	const heading = findSharedSection(headings, section, resolve);
	if (!heading) {
		const texts = isBlank(lines.at(-1)) || lines.length === 0 ? [] : [''];
		texts.push(`## ${sharedSectionHeadings[section]}`, '', entry);
		insertLines(lines, lines.length, texts, eol);
		return;
	}

	const end = sectionEnd(headings, heading, lines.length);
	let at = afterLastListItem(lines, heading.index + 1, end) ?? end;
	while (at > heading.index + 1 && isBlank(lines[at - 1])) {
		at--;
	}

	const texts = at === heading.index + 1 ? ['', entry] : [entry];
	if (at < lines.length && !isBlank(lines[at])) {
		texts.push('');
	}

	insertLines(lines, at, texts, eol);
}

/** After the section's last list item (a log ends there even when prose follows), if it has one. */
function afterLastListItem(lines: readonly Line[], start: number, end: number): number | undefined {
	let after: number | undefined;
	for (let index = start; index < end; index++) {
		const text = lines[index]!.text;
		if (parseListItem(text) || (after === index && /^\s+\S/.test(text))) {
			after = index + 1;
		}
	}

	return after;
}

const marker = /^(?:[\p{Extended_Pictographic}\u{FE0F}\u{200D}]+[ \t]*)+/u;
const trailingMarker = /[\s\p{Extended_Pictographic}\u{FE0F}\u{200D}]+$/u;
const statusSuffix = /[ \t]*(?:[-–—:|][ \t]*)?\(?[ \t]*(?:[\p{Extended_Pictographic}\u{FE0F}]+[ \t]*)?\b(?:claimed by|available|free|unclaimed|open)\b.*$/iu;

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function mentions(text: string, module: string): boolean {
	return new RegExp(`(?:^|[^\\p{L}\\p{N}_])${escapeRegExp(module)}(?:$|[^\\p{L}\\p{N}_])`, 'iu').test(text);
}

/** The module's own words of a list item: its status marker and "CLAIMED BY …" or "available" removed. */
function moduleWords(value: string, module: string): string {
	let words = value.replace(marker, '');
	const suffix = statusSuffix.exec(words);
	// Only a status after the module's name: "Available endpoints" names no status.
	if (suffix && mentions(words.slice(0, suffix.index), module)) {
		words = words.slice(0, suffix.index);
	}

	return words.replace(trailingMarker, '');
}

/** The agent key named by "CLAIMED BY <Agent>" in a module line, if any. */
export function claimedByOf(value: string, resolve: AgentResolver): string | undefined {
	const match = /claimed by[ \t]*:?[ \t]*(?:\*\*)?([^\s(\[,;*]+(?:[ \t]+[^\s(\[,;*—–-]+)*)/i.exec(value);
	return match ? agentKeyForName(match[1]!, resolve) : undefined;
}

interface ModuleLine {
	index: number;
	lead: string;
	value: string;
}

interface LineRange {
	start: number;
	end: number;
}

/** The lines of "Available Modules for Work" after its heading, if the file has that section. */
function findModulesSection(lines: readonly Line[], resolve: AgentResolver): LineRange | undefined {
	const headings = findHeadings(lines);
	const heading = findSharedSection(headings, 'modules', resolve);
	return heading ? {start: heading.index + 1, end: sectionEnd(headings, heading, lines.length)} : undefined;
}

function findModuleLine(lines: readonly Line[], section: LineRange, module: string): ModuleLine | undefined {
	for (let index = section.start; index < section.end; index++) {
		const item = parseListItem(lines[index]!.text);
		if (item && mentions(item.value, module)) {
			return {index, ...item};
		}
	}

	return undefined;
}

/** A table of the section that lists modules and says who has them: a module column, and an agent or status column. */
interface ModuleTable {
	table: EditableTable;
	module: number;
	agent?: number;
	status?: number;
}

function findModuleTables(lines: readonly Line[], section: LineRange): ModuleTable[] {
	const tables: ModuleTable[] = [];
	for (const table of findEditableTables(lines, section.start, section.end)) {
		const module = columnOf(table, 'module');
		const agent = columnOf(table, 'agent');
		const status = columnOf(table, 'status');
		if (module !== undefined && (agent !== undefined || status !== undefined)) {
			tables.push({table, module, agent, status});
		}
	}

	return tables;
}

interface ModuleRow {
	table: ModuleTable;
	index: number;
}

/** The first row, in any of the tables, whose module cell names the module. */
function findModuleRow(lines: readonly Line[], tables: readonly ModuleTable[], module: string): ModuleRow | undefined {
	for (const table of tables) {
		for (const index of table.table.rows) {
			const cell = splitTableRow(lines[index]!.text)[table.module];
			if (cell !== undefined && mentions(cell, module)) {
				return {table, index};
			}
		}
	}

	return undefined;
}

/** "Claimed By" gets the name and "Status" says claimed; without an agent column the status cell names the agent. */
function claimedCells(table: ModuleTable, agentName: string): Map<number, string> {
	const cells = new Map<number, string>();
	if (table.agent !== undefined) {
		cells.set(table.agent, agentName);
	}

	if (table.status !== undefined) {
		cells.set(table.status, table.agent === undefined ? `🔴 CLAIMED BY ${agentName}` : '🔴 Claimed');
	}

	return cells;
}

function availableCells(table: ModuleTable): Map<number, string> {
	const cells = new Map<number, string>();
	if (table.agent !== undefined) {
		cells.set(table.agent, '—');
	}

	if (table.status !== undefined) {
		cells.set(table.status, '✅ Available');
	}

	return cells;
}

/** The agent key of a row's holder: its agent cell, else "CLAIMED BY <Agent>" in its status cell. */
function rowHolder(text: string, table: ModuleTable, resolve: AgentResolver): string | undefined {
	const cells = splitTableRow(text);
	const agent = table.agent === undefined ? '' : cleanValue(cells[table.agent] ?? '');
	if (!isEmptyValue(agent)) {
		return agentKeyForName(agent, resolve);
	}

	const status = table.status === undefined ? undefined : cells[table.status];
	return status ? claimedByOf(status, resolve) : undefined;
}

/**
 * Marks the module claimed on its list line ("🔴 … CLAIMED BY <Agent>") and on its
 * table row, whichever the section has. When neither names it, adds a row to the
 * section's module table, else a line to its list.
 */
export function markModuleClaimed(lines: Line[], module: string, agentName: string, resolve: AgentResolver): void {
	const section = findModulesSection(lines, resolve);
	if (!section) {
		return;
	}

	const line = findModuleLine(lines, section, module);
	const tables = findModuleTables(lines, section);
	const row = findModuleRow(lines, tables, module);
	if (line) {
		lines[line.index]!.text = `${line.lead}🔴 ${moduleWords(line.value, module)} - CLAIMED BY ${agentName}`;
	}

	if (row) {
		lines[row.index]!.text = setRowCells(lines[row.index]!.text, claimedCells(row.table, agentName));
	}

	if (line || row) {
		return;
	}

	const table = tables[0];
	if (table) {
		appendTableRow(lines, table.table, claimedCells(table, agentName).set(table.module, module));
	} else {
		appendToSection(lines, 'modules', `- 🔴 ${module} - CLAIMED BY ${agentName}`, resolve);
	}
}

/** Marks the module available again on its list line and table row, but only where this agent is the one that holds it. */
export function markModuleAvailable(lines: Line[], module: string, agent: string, resolve: AgentResolver): void {
	const section = findModulesSection(lines, resolve);
	if (!section) {
		return;
	}

	const line = findModuleLine(lines, section, module);
	if (line && claimedByOf(line.value, resolve) === agent) {
		lines[line.index]!.text = `${line.lead}✅ ${moduleWords(line.value, module)}`;
	}

	const row = findModuleRow(lines, findModuleTables(lines, section), module);
	if (row && rowHolder(lines[row.index]!.text, row.table, resolve) === agent) {
		lines[row.index]!.text = setRowCells(lines[row.index]!.text, availableCells(row.table));
	}
}
