/**
 * A text as lines that remember their own line ending, so an edit can change some
 * lines and give back every other byte exactly as it was (CRLF, mixed endings, no
 * final newline). Pure.
 */

export interface Line {
	/** The line without its ending. */
	text: string;
	/** `\r\n`, `\n`, or `` for a last line without a newline. */
	eol: string;
}

export function splitLines(text: string): Line[] {
	const lines: Line[] = [];
	let start = 0;
	while (start < text.length) {
		const newline = text.indexOf('\n', start);
		if (newline === -1) {
			lines.push({text: text.slice(start), eol: ''});
			break;
		}

		const crlf = newline > start && text[newline - 1] === '\r';
		lines.push({text: text.slice(start, crlf ? newline - 1 : newline), eol: crlf ? '\r\n' : '\n'});
		start = newline + 1;
	}

	return lines;
}

export function joinLines(lines: readonly Line[]): string {
	return lines.map(line => line.text + line.eol).join('');
}

/** The ending most lines use, so inserted lines look like their neighbours. */
export function dominantEol(lines: readonly Line[]): string {
	let crlf = 0;
	let lf = 0;
	for (const line of lines) {
		if (line.eol === '\r\n') {
			crlf++;
		} else if (line.eol === '\n') {
			lf++;
		}
	}

	return crlf > lf ? '\r\n' : '\n';
}

/**
 * Inserts new lines before `index`. Inserting after a last line that has no newline
 * gives that line the file's ending and leaves the new last line without one, so the
 * file keeps "no newline at end of file".
 */
export function insertLines(lines: Line[], index: number, texts: readonly string[], eol: string): void {
	if (texts.length === 0) {
		return;
	}

	const added = texts.map(text => ({text, eol}));
	if (index === lines.length && lines.length > 0 && lines.at(-1)!.eol === '') {
		lines.at(-1)!.eol = eol;
		added.at(-1)!.eol = '';
	}

	lines.splice(index, 0, ...added);
}

export function isBlank(line: Line | undefined): boolean {
	return line !== undefined && line.text.trim() === '';
}

/**
 * Replaces lines `start` to `end` (exclusive) with new ones. The last new line keeps
 * the ending of the last replaced line, so a block at the end of a file without a
 * final newline stays that way.
 */
export function replaceLines(lines: Line[], start: number, end: number, texts: readonly string[], eol: string): void {
	if (end <= start) {
		insertLines(lines, start, texts, eol);
		return;
	}

	const lastEol = lines[end - 1]!.eol;
	const added = texts.map(text => ({text, eol}));
	if (added.length > 0) {
		added.at(-1)!.eol = lastEol;
	} else if (lastEol === '' && start > 0) {
		lines[start - 1]!.eol = '';
	}

	lines.splice(start, end - start, ...added);
}
