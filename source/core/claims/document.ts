/** A markdown file read once into lines, fenced-line flags and headings, shared by the readers. */
import {normalizeText} from '../text.js';
import type {ParseContext, ParseWarning} from '../types.js';
import {fencedLines, findHeadings, splitLines, type Heading} from './markdown.js';

export interface MarkdownDocument {
	lines: string[];
	fenced: boolean[];
	headings: Heading[];
}

export function readDocument(text: string): MarkdownDocument {
	const lines = splitLines(normalizeText(text));
	const fenced = fencedLines(lines);
	return {lines, fenced, headings: findHeadings(lines, fenced)};
}

/**
 * Where the section of headings[position] ends: at the next heading of the same or a
 * higher level, or at a deeper one that starts a section of its own (another agent).
 */
export function sectionEndWhere(
	document: MarkdownDocument,
	position: number,
	startsOwnSection: (heading: Heading) => boolean = () => false,
): number {
	const heading = document.headings[position]!;
	for (let next = position + 1; next < document.headings.length; next++) {
		const candidate = document.headings[next]!;
		if (candidate.level <= heading.level || startsOwnSection(candidate)) {
			return candidate.index;
		}
	}

	return document.lines.length;
}

/** Headings whose line lies in [from, to), found by binary search. */
export function headingsBetween(document: MarkdownDocument, from: number, to: number): Heading[] {
	const {headings} = document;
	let low = 0;
	let high = headings.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (headings[middle]!.index < from) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}

	const result: Heading[] = [];
	for (let position = low; position < headings.length && headings[position]!.index < to; position++) {
		result.push(headings[position]!);
	}

	return result;
}

export function makeWarning(context: ParseContext, line: number, message: string): ParseWarning {
	return {file: context.file, ref: context.ref, line, message};
}
