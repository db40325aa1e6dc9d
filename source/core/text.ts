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
		const text = normalizeText(new TextDecoder('utf-8', {fatal: true}).decode(bytes));
		const repaired = repairMojibake(text);
		if (repaired.count === 0) {
			return {text, warnings: []};
		}

		const message = `text looks like UTF-8 once read as Windows-1252 (mojibake, e.g. "${repaired.example}"): repaired ${repaired.count} place(s)`;
		return {text: repaired.text, warnings: [warn(message, lineOfOffset(text, repaired.firstOffset))]};
	} catch {
		const text = normalizeText(new TextDecoder('utf-8').decode(bytes));
		const line = lineOfOffset(text, text.indexOf('\uFFFD'));
		return {text, warnings: [warn('invalid UTF-8: undecodable bytes shown as \uFFFD', line)]};
	}
}

/** Windows-1252's characters for bytes 0x80–0x9F; the five bytes it leaves undefined stay as themselves. */
const windows1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * What UTF-8 turns into when a tool reads it as Windows-1252 and writes it back: a
 * lead byte (Â–ô) followed by continuation bytes (0x80–0xBF), each shown as the
 * Windows-1252 or Latin-1 character of that byte: `Ã©` for é, `ðŸ¤–` for 🤖.
 * Bounded repetitions of character classes: linear time on any input.
 */
const mojibakePattern = new RegExp(`[\u00C2-\u00F4][\u0080-\u00BF${windows1252High}]{1,3}`, 'g');

function windows1252Byte(char: string): number | undefined {
	// Latin-1 readings keep 0x80–0x9F as control characters; Windows-1252 ones use its table.
	const code = char.charCodeAt(0);
	if (code >= 0x80 && code <= 0xff) {
		return code;
	}

	const index = windows1252High.indexOf(char);
	return index === -1 ? undefined : 0x80 + index;
}

/**
 * Turns each run that decodes back to one valid UTF-8 character into that character
 * and leaves everything else as it was, so text that only looks similar (a German
 * `Ã¤` written on purpose is vanishingly rare) is not harmed where it does not decode.
 */
export function repairMojibake(text: string): {text: string; count: number; firstOffset: number; example: string} {
	let count = 0;
	let firstOffset = -1;
	let example = '';
	const decoder = new TextDecoder('utf-8', {fatal: true});
	const repaired = text.replace(mojibakePattern, (run, offset: number) => {
		const lead = run.charCodeAt(0);
		const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
		if (run.length < length) {
			return run;
		}

		const bytes = [...run.slice(0, length)].map(windows1252Byte);
		if (bytes.includes(undefined)) {
			return run;
		}

		try {
			const char = decoder.decode(new Uint8Array(bytes as number[]));
			count++;
			if (firstOffset === -1) {
				firstOffset = offset;
				example = `${run.slice(0, length)} → ${char}`;
			}

			return char + run.slice(length);
		} catch {
			return run;
		}
	});
	return {text: repaired, count, firstOffset, example};
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
