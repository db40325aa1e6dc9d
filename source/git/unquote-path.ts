/**
 * Git writes a path in C-style quotes when it holds a quote, a backslash or a
 * control character: "a/we\"ird\tname", with octal escapes for raw bytes.
 */
const simpleEscapes: Record<string, number> = {a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92};

/** Reads one quoted token starting at `start` (which must be `"`); returns the text and the end index. */
export function readQuotedPath(text: string, start: number): {path: string; end: number} {
	const bytes: number[] = [];
	let index = start + 1;
	while (index < text.length && text[index] !== '"') {
		const char = text[index]!;
		if (char === '\\' && index + 1 < text.length) {
			const next = text[index + 1]!;
			if (/[0-7]/.test(next)) {
				bytes.push(Number.parseInt(text.slice(index + 1, index + 4), 8));
				index += 4;
				continue;
			}

			bytes.push(simpleEscapes[next] ?? next.charCodeAt(0));
			index += 2;
			continue;
		}

		bytes.push(...Buffer.from(char, 'utf8'));
		index++;
	}

	return {path: Buffer.from(bytes).toString('utf8'), end: index + 1};
}

/** A path as git printed it in a patch header: quoted or bare. */
export function unquotePath(text: string): string {
	return text.startsWith('"') ? readQuotedPath(text, 0).path : text;
}
