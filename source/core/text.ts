/**
 * Bytes of a coordination file to text the readers can trust: one decoding, one
 * kind of line ending, and a warning for whatever had to be skipped or replaced. Pure.
 */
import type {ParseWarning} from './types.js';

/** Files above this size are skipped: no coordination file is legitimately that large. */
export const maxCoordinationFileBytes = 2 * 1024 * 1024;

export interface FileLocation {
	file: string;
	ref: string;
}

export interface DecodedText {
	text: string | null;
	warnings: ParseWarning[];
}

/** Decodes a file's bytes; `text` is null when the file is skipped (binary or too large). */
export function decodeCoordinationBytes(bytes: Uint8Array, location: FileLocation): DecodedText {
	const warn = (message: string, line = 0): ParseWarning => ({file: location.file, ref: location.ref, line, message});

	if (bytes.length > maxCoordinationFileBytes) {
		const megabytes = (bytes.length / 1024 / 1024).toFixed(1);
		return {text: null, warnings: [warn(`file is ${megabytes} MB, above the 2 MB limit; skipped`)]};
	}

	// Windows tools (PowerShell's Out-File) write UTF-16 with a byte order mark; its NUL bytes are not binary.
	const utf16 = utf16Encoding(bytes);
	if (utf16) {
		const text = new TextDecoder(utf16, {ignoreBOM: false}).decode(bytes);
		return {text: normalizeText(text), warnings: []};
	}

	if (bytes.includes(0)) {
		return {text: null, warnings: [warn('binary file skipped')]};
	}

	try {
		const text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
		return {text: normalizeText(text), warnings: []};
	} catch {
		const text = normalizeText(new TextDecoder('utf-8').decode(bytes));
		const line = lineOfOffset(text, text.indexOf('\uFFFD'));
		return {text, warnings: [warn('invalid UTF-8: undecodable bytes shown as \uFFFD', line)]};
	}
}

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
	if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
		return 'utf-16le';
	}

	if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
		return 'utf-16be';
	}

	return undefined;
}

/** Drops a byte order mark and turns CRLF and lone CR into LF. */
export function normalizeText(text: string): string {
	const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	return withoutBom.includes('\r') ? withoutBom.replace(/\r\n?/g, '\n') : withoutBom;
}

/** A function from character offset to 1-based line, for many lookups in one text. */
export function lineLocator(text: string): (offset: number) => number {
	const starts = [0];
	for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) {
		starts.push(index + 1);
	}

	return offset => {
		let low = 0;
		let high = starts.length - 1;
		while (low < high) {
			const middle = (low + high + 1) >> 1;
			if (starts[middle]! <= offset) {
				low = middle;
			} else {
				high = middle - 1;
			}
		}

		return low + 1;
	};
}

/** 1-based line of a character offset; 0 when the offset is outside the text. */
export function lineOfOffset(text: string, offset: number): number {
	if (offset < 0 || offset > text.length) {
		return 0;
	}

	let line = 1;
	let index = text.indexOf('\n');
	while (index >= 0 && index < offset) {
		line++;
		index = text.indexOf('\n', index + 1);
	}

	return line;
}
