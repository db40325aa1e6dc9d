/**
 * Fitting plain text (no colour codes) into a number of terminal columns: how wide a
 * text is, cutting it with an ellipsis, and wrapping it at spaces. `status` uses them
 * to fit the terminal; wide characters (CJK, most emoji) count two columns.
 */

/** Columns a code point takes: 0 for combining marks and joiners, 2 for wide ones, else 1. */
function codePointWidth(codePoint: number): number {
	if ((codePoint >= 0x300 && codePoint <= 0x36f) || codePoint === 0x200d || (codePoint >= 0xfe00 && codePoint <= 0xfe0f)) {
		return 0;
	}

	const wide = (codePoint >= 0x1100 && codePoint <= 0x115f)
		|| (codePoint >= 0x2e80 && codePoint <= 0xa4cf)
		|| (codePoint >= 0xac00 && codePoint <= 0xd7a3)
		|| (codePoint >= 0xf900 && codePoint <= 0xfaff)
		|| (codePoint >= 0xfe30 && codePoint <= 0xfe4f)
		|| (codePoint >= 0xff00 && codePoint <= 0xff60)
		|| (codePoint >= 0xffe0 && codePoint <= 0xffe6)
		|| (codePoint >= 0x1f300 && codePoint <= 0x1faff)
		|| (codePoint >= 0x20000 && codePoint <= 0x3fffd);
	return wide ? 2 : 1;
}

export function displayWidth(text: string): number {
	let width = 0;
	for (const character of text) {
		width += codePointWidth(character.codePointAt(0)!);
	}

	return width;
}

/** The text cut to `width` columns, ending in `…` when something was cut. */
export function truncateTo(text: string, width: number): string {
	if (displayWidth(text) <= width) {
		return text;
	}

	if (width <= 0) {
		return '';
	}

	let kept = '';
	let used = 0;
	for (const character of text) {
		const next = codePointWidth(character.codePointAt(0)!);
		if (used + next > width - 1) {
			break;
		}

		kept += character;
		used += next;
	}

	return `${kept}…`;
}

/** Pads with spaces to `width` columns (by display width, not by UTF-16 length). */
export function padTo(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * Lines of at most `width` columns, broken at spaces; a word longer than a line is
 * cut into pieces. The first line starts with `first`, the others with `rest`.
 */
export function wrapWords(text: string, width: number, first = '', rest = first): string[] {
	const lines: string[] = [];
	let line = first;
	let empty = true;
	const room = (prefix: string) => Math.max(1, width - displayWidth(prefix));
	for (let word of text.split(' ')) {
		const candidate = empty ? line + word : `${line} ${word}`;
		if (displayWidth(candidate) <= width) {
			line = candidate;
			empty = false;
			continue;
		}

		if (!empty) {
			lines.push(line);
			line = rest;
		}

		while (displayWidth(word) > room(line)) {
			let piece = '';
			for (const character of word) {
				if (displayWidth(piece + character) > room(line)) {
					break;
				}

				piece += character;
			}

			// A wide character on a one-column line still has to go somewhere.
			piece ||= String.fromCodePoint(word.codePointAt(0)!);
			lines.push(line + piece);
			word = word.slice(piece.length);
			line = rest;
		}

		line += word;
		empty = false;
	}

	lines.push(line);
	return lines;
}
