/**
 * Finds the parts of `AI_CURRENT_WORK.md` that the writer edits: headings, the named
 * agent's "## <Agent> Status" section, the shared sections, and "**Label:** value"
 * lines inside a section. Lenient about the forms people write (any heading level,
 * emoji, bold inside or outside the colon, list bullets). Pure.
 */
import {agentKeyForName, normalizeName} from '../agents.js';
import type {AgentResolver} from '../types.js';
import type {Line} from './edit-lines.js';

export interface Heading {
	index: number;
	level: number;
	title: string;
}

const headingPattern = /^\uFEFF?[ ]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const fencePattern = /^\uFEFF?[ ]{0,3}(```|~~~)/;
const pictographs = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu;

/** Every markdown heading outside code fences, in order. */
export function findHeadings(lines: readonly Line[]): Heading[] {
	const headings: Heading[] = [];
	let fence: string | undefined;
	for (const [index, line] of lines.entries()) {
		const fenceMatch = fencePattern.exec(line.text);
		if (fenceMatch) {
			fence = fence === undefined ? fenceMatch[1] : fence === fenceMatch[1] ? undefined : fence;
			continue;
		}

		const match = fence === undefined ? headingPattern.exec(line.text) : null;
		if (match) {
			headings.push({index, level: match[1]!.length, title: match[2]!});
		}
	}

	return headings;
}

/** The index after the last line of the section that starts at `heading`. */
export function sectionEnd(headings: readonly Heading[], heading: Heading, lineCount: number): number {
	const next = headings.find(other => other.index > heading.index && other.level <= heading.level);
	return next?.index ?? lineCount;
}

/** "🤖 Claude Code Status" → "Claude Code": the name as the file writes it. */
export function agentNameOfHeading(title: string): string {
	return title
		.replace(pictographs, ' ')
		.replace(/[*_`]/g, '')
		.replace(/\s*[-–—:]?\s*\bstatus\b\s*:?\s*$/i, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/** The agent key of a "## <Agent> Status" heading, or undefined for any other heading. */
export function agentKeyOfHeading(title: string, resolve: AgentResolver): string | undefined {
	if (!/\bstatus\b\s*:?\s*$/i.test(normalizeName(title))) {
		return undefined;
	}

	const name = agentNameOfHeading(title);
	return name ? agentKeyForName(name, resolve) || undefined : undefined;
}

export function findAgentSection(headings: readonly Heading[], agent: string, resolve: AgentResolver): Heading | undefined {
	return headings.find(heading => agentKeyOfHeading(heading.title, resolve) === agent);
}

export function isAgentSection(heading: Heading, resolve: AgentResolver): boolean {
	return agentKeyOfHeading(heading.title, resolve) !== undefined;
}

export type SharedSection = 'modules' | 'overrides' | 'completed';

const sharedSectionTitles: Record<SharedSection, RegExp> = {
	modules: /\bavailable modules\b|^modules\b/i,
	overrides: /\boverrides?\b/i,
	completed: /\bcompleted\b/i,
};

export const sharedSectionHeadings: Record<SharedSection, string> = {
	modules: 'Available Modules for Work',
	overrides: 'Emergency Overrides',
	completed: 'Completed Work',
};

export function findSharedSection(headings: readonly Heading[], section: SharedSection, resolve: AgentResolver): Heading | undefined {
	return headings.find(heading => !isAgentSection(heading, resolve) && sharedSectionTitles[section].test(agentNameOfHeading(heading.title)));
}

/** A "**Label:** value" line split so that the value can be replaced and the rest kept. */
export interface FieldLine {
	/** Everything before the value: indent, bullet, bold markers, label, colon, spaces. */
	lead: string;
	/** The label in letters only, lower case: `lastcheckin`. */
	key: string;
	value: string;
}

const fieldPattern = /^(\s*(?:[-*+][ \t]+)?(?:\*\*|__)?[ \t]*)([^:*\n|]{1,48}?)([ \t]*(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*)(.*)$/u;

export function parseFieldLine(text: string): FieldLine | undefined {
	const match = fieldPattern.exec(text.replace(/^\uFEFF/, ''));
	if (!match) {
		return undefined;
	}

	const key = match[2]!.replace(pictographs, '').toLowerCase().replace(/[^a-z]/g, '');
	return key ? {lead: match[1]! + match[2]! + match[3]!, key, value: match[4]!} : undefined;
}

export type Field = 'work' | 'module' | 'branch' | 'startedAt' | 'expectedCompletion' | 'files' | 'lastCheckin' | 'status';

/** The fields in the order the writer puts them, with the labels it writes. */
export const fieldLabels: ReadonlyArray<[Field, string]> = [
	['work', 'Currently Working On'],
	['module', 'Module'],
	['branch', 'Branch'],
	['startedAt', 'Started At'],
	['expectedCompletion', 'Expected Completion'],
	['files', 'Files Being Modified'],
	['lastCheckin', 'Last Checkin'],
	['status', 'Status'],
];

const fieldSynonyms: Record<string, Field> = {
	currentlyworkingon: 'work',
	workingon: 'work',
	currentwork: 'work',
	currenttask: 'work',
	task: 'work',
	work: 'work',
	module: 'module',
	branch: 'branch',
	startedat: 'startedAt',
	started: 'startedAt',
	expectedcompletion: 'expectedCompletion',
	eta: 'expectedCompletion',
	filesbeingmodified: 'files',
	filesmodified: 'files',
	files: 'files',
	lastcheckin: 'lastCheckin',
	lastcheckedin: 'lastCheckin',
	status: 'status',
};

export function fieldOfKey(key: string): Field | undefined {
	return Object.hasOwn(fieldSynonyms, key) ? fieldSynonyms[key] : undefined;
}

const listItemPattern = /^(\s*(?:[-*+]|\d+[.)])[ \t]+)(.*)$/;

export function parseListItem(text: string): {lead: string; value: string} | undefined {
	const match = listItemPattern.exec(text);
	return match ? {lead: match[1]!, value: match[2]!} : undefined;
}

/** Where one field sits in a section: its line, and for the file list the items below it. */
export interface FieldBlock {
	index: number;
	/** The index after the field's last line (after its list items). */
	end: number;
	line: FieldLine;
	/** The list items below the label (used for "Files Being Modified"). */
	items: string[];
}

/** The first line of each known field between `start` and `end`. */
export function findFieldBlocks(lines: readonly Line[], start: number, end: number): Map<Field, FieldBlock> {
	const blocks = new Map<Field, FieldBlock>();
	for (let index = start; index < end; index++) {
		const line = parseFieldLine(lines[index]!.text);
		const field = line && fieldOfKey(line.key);
		if (!line || !field || blocks.has(field)) {
			continue;
		}

		let blockEnd = index + 1;
		const items: string[] = [];
		// Only the file list owns the items below it; a field written as a list item
		// itself ("- **Status:** …") ends the list.
		while (field === 'files' && blockEnd < end) {
			const text = lines[blockEnd]!.text;
			const item = parseListItem(text);
			const asField = parseFieldLine(text);
			if (!item || (asField && fieldOfKey(asField.key))) {
				break;
			}

			items.push(item.value);
			blockEnd++;
		}

		blocks.set(field, {index, end: blockEnd, line, items});
	}

	return blocks;
}
