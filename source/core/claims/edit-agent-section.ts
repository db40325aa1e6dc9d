/**
 * Reads and rewrites the fields of one "## <Agent> Status" section in place: each
 * field's line keeps its own form ("**Module:**", "- **Module**:", "MODULE:") and only
 * its value changes; missing fields are added in the usual order. Pure.
 */
import {dominantEol, insertLines, isBlank, replaceLines, type Line} from './edit-lines.js';
import {
	fieldLabels,
	findFieldBlocks,
	findHeadings,
	parseListItem,
	sectionEnd,
	type Field,
	type FieldBlock,
} from './edit-sections.js';

export type FieldValues = Partial<Record<Exclude<Field, 'files'>, string>> & {files?: readonly string[]};

/** What the writer puts where there is nothing; readers take it as "no value". */
export const nothing = 'None';

const emptyValues = new Set(['', 'none', 'n/a', 'na', '-', '—', 'nothing', 'tbd', 'available', 'idle', 'unknown']);

export function isNothing(value: string | undefined): boolean {
	return value === undefined || emptyValues.has(value.replace(/[*_`~]/g, '').replace(/[\p{Extended_Pictographic}\uFE0F]/gu, '').trim().toLowerCase());
}

export interface SectionValues {
	work?: string;
	module?: string;
	files: string[];
	/** As the file writes them: kept verbatim when the claim is recorded elsewhere. */
	startedAt?: string;
	lastCheckin?: string;
}

function sectionBounds(lines: readonly Line[], headingIndex: number): {start: number; end: number} {
	const headings = findHeadings(lines);
	const heading = headings.find(candidate => candidate.index === headingIndex)!;
	return {start: headingIndex + 1, end: sectionEnd(headings, heading, lines.length)};
}

/** The work, module and files the section currently names (nothing-values left out). */
export function readSectionValues(lines: readonly Line[], headingIndex: number): SectionValues {
	const {start, end} = sectionBounds(lines, headingIndex);
	const blocks = findFieldBlocks(lines, start, end);
	const value = (field: Field) => {
		const text = blocks.get(field)?.line.value.replace(/\*\*|__/g, '').trim();
		return isNothing(text) ? undefined : text;
	};

	const filesBlock = blocks.get('files');
	const files = filesBlock
		? (filesBlock.items.length > 0 ? filesBlock.items : filesBlock.line.value.split(','))
				.map(file => file.trim())
				.filter(file => !isNothing(file))
		: [];
	return {work: value('work'), module: value('module'), files, startedAt: value('startedAt'), lastCheckin: value('lastCheckin')};
}

export function setSectionFields(lines: Line[], headingIndex: number, values: FieldValues): void {
	const eol = dominantEol(lines);
	const canonical = fieldLabels.map(([field]) => field);
	for (const [field, label] of fieldLabels) {
		const value = values[field];
		if (value === undefined) {
			continue;
		}

		const {start, end} = sectionBounds(lines, headingIndex);
		const blocks = findFieldBlocks(lines, start, end);
		const block = blocks.get(field);
		if (block) {
			rewriteBlock(lines, block, value, eol);
			continue;
		}

		const position = canonical.indexOf(field);
		const before = canonical.slice(0, position).reverse().map(other => blocks.get(other)).find(Boolean);
		const after = canonical.slice(position + 1).map(other => blocks.get(other)).find(Boolean);
		const firstBodyLine = isBlank(lines[start]) ? start + 1 : start;
		const at = before?.end ?? after?.index ?? Math.min(firstBodyLine, end);
		insertLines(lines, at, renderField(label, value), eol);
	}
}

function renderField(label: string, value: string | readonly string[]): string[] {
	if (typeof value === 'string') {
		return [`**${label}:** ${value}`];
	}

	return [`**${label}:**`, ...(value.length > 0 ? value : [nothing]).map(file => `- ${file}`)];
}

function rewriteBlock(lines: Line[], block: FieldBlock, value: string | readonly string[], eol: string): void {
	if (typeof value === 'string') {
		lines[block.index]!.text = block.line.lead + value;
		return;
	}

	const files = value.length > 0 ? value : [nothing];
	// A list written on the label's line ("Files: a, b") stays on one line.
	if (block.items.length === 0 && block.line.value.trim() !== '') {
		lines[block.index]!.text = block.line.lead + files.join(', ');
		return;
	}

	const itemLead = block.items.length > 0 ? parseListItem(lines[block.index + 1]!.text)!.lead : '- ';
	lines[block.index]!.text = block.line.lead.trimEnd();
	replaceLines(
		lines,
		block.index + 1,
		block.end,
		files.map(file => itemLead + file),
		eol,
	);
}
