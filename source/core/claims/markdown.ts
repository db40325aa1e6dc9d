/**
 * The markdown a coordination file is made of, read line by line: headings, list
 * items, labelled values and table rows. Every function here is linear in its input
 * and uses no regex that can backtrack badly, because files can be large and hostile.
 */

export interface Heading {
	level: number;
	text: string;
	/** 0-based index into the lines. */
	index: number;
}

/** Lines of an already normalised text (see normalizeText). */
export function splitLines(text: string): string[] {
	return text.split('\n');
}

/** True for lines inside fenced code blocks (``` or ~~~), which hold examples, not claims. */
export function fencedLines(lines: readonly string[]): boolean[] {
	const fenced: boolean[] = new Array<boolean>(lines.length).fill(false);
	let fence: string | undefined;
	for (let index = 0; index < lines.length; index++) {
		const trimmed = lines[index]!.trimStart();
		const marker = trimmed.startsWith('```') ? '```' : trimmed.startsWith('~~~') ? '~~~' : undefined;
		if (fence) {
			fenced[index] = true;
			if (marker === fence) {
				fence = undefined;
			}
		} else if (marker) {
			fenced[index] = true;
			fence = marker;
		}
	}

	return fenced;
}

/** ATX headings ("## Title ##"), outside code fences. */
export function findHeadings(lines: readonly string[], fenced: readonly boolean[]): Heading[] {
	const headings: Heading[] = [];
	for (let index = 0; index < lines.length; index++) {
		if (fenced[index]) {
			continue;
		}

		const heading = parseHeading(lines[index]!);
		if (heading) {
			headings.push({...heading, index});
		}
	}

	return headings;
}

export function parseHeading(line: string): {level: number; text: string} | undefined {
	const trimmed = line.trimStart();
	if (!trimmed.startsWith('#') || line.length - trimmed.length > 3) {
		return undefined;
	}

	let level = 0;
	while (level < trimmed.length && trimmed[level] === '#') {
		level++;
	}

	if (level > 6 || (level < trimmed.length && trimmed[level] !== ' ' && trimmed[level] !== '\t')) {
		return undefined;
	}

	let text = trimmed.slice(level).trim();
	// A closing sequence of #s is decoration.
	let end = text.length;
	while (end > 0 && text[end - 1] === '#') {
		end--;
	}

	if (end < text.length && (end === 0 || text[end - 1] === ' ')) {
		text = text.slice(0, end).trim();
	}

	return {level, text};
}

/** The index one past the last line of a heading's section: the next heading of the same or a higher level. */
export function sectionEnd(headings: readonly Heading[], position: number, lineCount: number): number {
	const heading = headings[position]!;
	for (let next = position + 1; next < headings.length; next++) {
		if (headings[next]!.level <= heading.level) {
			return headings[next]!.index;
		}
	}

	return lineCount;
}

export interface ListLine {
	indent: number;
	/** The text after the list marker and checkbox, or the trimmed line when there is no marker. */
	text: string;
	isItem: boolean;
	/** true for "[x]", false for "[ ]", undefined without a checkbox. */
	checked?: boolean;
}

/** Splits a line into indentation, list marker, checkbox and text. */
export function parseListLine(line: string): ListLine {
	let indent = 0;
	while (indent < line.length && (line[indent] === ' ' || line[indent] === '\t')) {
		indent += 1;
	}

	let rest = line.slice(indent);
	let isItem = false;
	const first = rest[0];
	if ((first === '-' || first === '*' || first === '+' || first === '•') && (rest[1] === ' ' || rest[1] === '\t')) {
		isItem = true;
		rest = rest.slice(2);
	} else {
		let digits = 0;
		while (digits < rest.length && digits < 4 && rest[digits]! >= '0' && rest[digits]! <= '9') {
			digits++;
		}

		if (digits > 0 && (rest[digits] === '.' || rest[digits] === ')') && rest[digits + 1] === ' ') {
			isItem = true;
			rest = rest.slice(digits + 2);
		}
	}

	rest = rest.trimStart();
	let checked: boolean | undefined;
	if (rest[0] === '[' && rest[2] === ']' && (rest[3] === ' ' || rest.length === 3)) {
		const mark = rest[1]!;
		if (mark === ' ' || mark === 'x' || mark === 'X' || mark === '~' || mark === '-' || mark === '/') {
			checked = mark === 'x' || mark === 'X';
			rest = rest.slice(3).trimStart();
		}
	}

	return {indent, text: rest.trimEnd(), isItem, checked};
}

export interface LabelledValue {
	label: string;
	value: string;
	/** The label was set in bold or italics, a strong sign that it is meant as a label. */
	emphasised: boolean;
}

/** Leading emoji and symbols before a label, such as "📁 **Files**: …". */
function dropLeadingSymbols(text: string): string {
	let index = 0;
	while (index < text.length && index < 16) {
		const code = text.codePointAt(index)!;
		const isSymbol = code > 0x2000 && !/[\p{L}\p{N}]/u.test(String.fromCodePoint(code));
		if (!isSymbol && text[index] !== ' ') {
			break;
		}

		index += code > 0xffff ? 2 : 1;
	}

	return text.slice(index);
}

/**
 * "**Model**: x", "**Model:** x", "__Model__: x", "*Model*: x", "Model: x", "Model：x".
 * Returns undefined when the text carries no label.
 */
export function parseLabelled(text: string): LabelledValue | undefined {
	const value = dropLeadingSymbols(text);
	for (const mark of ['**', '__', '*', '_']) {
		if (value.startsWith(mark)) {
			const close = value.indexOf(mark, mark.length);
			if (close <= mark.length) {
				return undefined;
			}

			const inner = value.slice(mark.length, close).trim();
			const rest = value.slice(close + mark.length);
			if (endsWithColon(inner)) {
				return {label: inner.slice(0, -1).trim(), value: rest.trim(), emphasised: true};
			}

			const restTrimmed = rest.trimStart();
			if (restTrimmed[0] === ':' || restTrimmed[0] === '：') {
				return {label: inner, value: restTrimmed.slice(1).trim(), emphasised: true};
			}

			return undefined;
		}
	}

	const colon = firstColon(value);
	if (colon <= 0 || colon > 60) {
		return undefined;
	}

	// "http://…" and "C:\…" are values, not labels.
	const after = value[colon + 1];
	if (after === '/' || after === '\\') {
		return undefined;
	}

	const label = value.slice(0, colon).trim();
	if (!label || label.includes('`') || label.includes('[') || label.includes('|')) {
		return undefined;
	}

	return {label, value: value.slice(colon + 1).trim(), emphasised: false};
}

function endsWithColon(text: string): boolean {
	return text.endsWith(':') || text.endsWith('：');
}

function firstColon(text: string): number {
	const ascii = text.indexOf(':');
	const wide = text.indexOf('：');
	if (ascii < 0) {
		return wide;
	}

	return wide < 0 ? ascii : Math.min(ascii, wide);
}

/** Where a table cell's content sits in its row: after its opening pipe, up to its closing one (or the line's end). */
export interface TableCellSpan {
	start: number;
	end: number;
}

/** The cells of a table row, without the outer pipes; an escaped pipe (\|) stays in its cell. */
export function tableCellSpans(line: string): TableCellSpan[] {
	const spans: TableCellSpan[] = [];
	let start = 0;
	for (let index = 0; index < line.length; index++) {
		if (line[index] === '\\' && line[index + 1] === '|') {
			index++;
		} else if (line[index] === '|') {
			spans.push({start, end: index});
			start = index + 1;
		}
	}

	spans.push({start, end: line.length});
	const trimmed = line.trim();
	if (trimmed.startsWith('|')) {
		spans.shift();
	}

	if (trimmed.endsWith('|') && spans.length > 0) {
		spans.pop();
	}

	return spans;
}

/** A table row's cells, trimmed, with escaped pipes read as pipes. */
export function splitTableRow(line: string): string[] {
	return tableCellSpans(line).map(span => line.slice(span.start, span.end).replaceAll('\\|', '|').trim());
}

export function isTableRow(line: string): boolean {
	const trimmed = line.trim();
	return trimmed.startsWith('|') && trimmed.length > 1;
}

/** "|---|:---:|" */
export function isTableSeparator(line: string): boolean {
	const trimmed = line.trim();
	if (!trimmed.includes('-') || !(trimmed.includes('|') || trimmed.startsWith('-'))) {
		return false;
	}

	for (const char of trimmed) {
		if (char !== '|' && char !== '-' && char !== ':' && char !== ' ' && char !== '\t') {
			return false;
		}
	}

	return true;
}

/** Removes any of the given characters from both ends, without a regex that could backtrack. */
export function trimCharacters(text: string, characters: string): string {
	let start = 0;
	let end = text.length;
	while (start < end && characters.includes(text[start]!)) {
		start++;
	}

	while (end > start && characters.includes(text[end - 1]!)) {
		end--;
	}

	return text.slice(start, end);
}

/** Markdown decoration off a value: emphasis, code marks, links, <br>, trailing hard breaks. */
export function cleanValue(value: string): string {
	let text = value.trim();
	if (!text) {
		return text;
	}

	// Each step only runs when its character is there: this is called for every value of every file.
	if (text.includes('<')) {
		text = text.replace(/<br\s*\/?>/gi, '; ');
	}

	text = replaceLinks(text);
	if (text.includes('**')) {
		// Bold marks go, but not the ** of a glob such as src/** or **/*.ts.
		text = text.replace(/(?<!\/)\*\*(?!\/)/g, '');
	}

	if (text.includes('`')) {
		text = text.replaceAll('`', '');
	}
	// __ and single emphasis only around the whole value: __init__.py keeps its underscores.
	for (const mark of ['__', '*', '_']) {
		if (text.length > mark.length * 2 && text.startsWith(mark) && text.endsWith(mark)) {
			text = text.slice(mark.length, -mark.length);
		}
	}

	return text.trim();
}

/** "[text](url)" to "text", in one pass. */
function replaceLinks(text: string): string {
	if (!text.includes('](')) {
		return text;
	}

	let result = '';
	let index = 0;
	while (index < text.length) {
		const closeBracket = text.indexOf(']', index);
		if (closeBracket < 0) {
			break;
		}

		let open = closeBracket - 1;
		while (open >= index && text[open] !== '[') {
			open--;
		}

		if (open < index || text[closeBracket + 1] !== '(') {
			result += text.slice(index, closeBracket + 1);
			index = closeBracket + 1;
			continue;
		}

		const closeParen = text.indexOf(')', closeBracket);
		if (closeParen < 0) {
			break;
		}

		result += text.slice(index, open) + text.slice(open + 1, closeBracket);
		index = closeParen + 1;
	}

	return result + text.slice(index);
}

/**
 * Splits a trailing remark off a value: "backend/src/app.module.ts (to re-enable module)"
 * gives the value and "to re-enable module". Only a parenthesis that closes the value counts.
 */
export function splitRemark(value: string): {value: string; remark?: string} {
	const trimmed = value.trim();
	if (!trimmed.endsWith(')')) {
		return {value: trimmed};
	}

	let depth = 0;
	for (let index = trimmed.length - 1; index >= 0; index--) {
		const char = trimmed[index];
		if (char === ')') {
			depth++;
		} else if (char === '(') {
			depth--;
			if (depth === 0) {
				const before = trimmed.slice(0, index).trim();
				const remark = trimmed.slice(index + 1, -1).trim();
				// "fix(auth)" and "(note only)" are values, not a value with a remark.
				if (!before || trimmed[index - 1] !== ' ') {
					return {value: trimmed};
				}

				return remark ? {value: before, remark} : {value: before};
			}
		}
	}

	return {value: trimmed};
}
