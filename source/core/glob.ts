/**
 * Path globs from config (`paths`, `coordinationFiles`): `*` within a folder, `**`
 * across folders, `?` one character. A pattern without a slash matches the name in
 * any folder, as in .gitignore. Node's own matcher is still experimental on Node 20
 * and warns on stderr, so this small one is ours.
 */
const cache = new Map<string, RegExp>();

export function globToRegExp(pattern: string): RegExp {
	const cached = cache.get(pattern);
	if (cached) {
		return cached;
	}

	let normalized = pattern.replace(/^\.\//, '').replace(/\/$/, '/**');
	if (!normalized.includes('/')) {
		normalized = `**/${normalized}`;
	}

	let source = '';
	for (let index = 0; index < normalized.length; index++) {
		const char = normalized[index]!;
		if (char === '*' && normalized[index + 1] === '*') {
			// `**/` matches zero or more folders; a trailing `**` matches everything below.
			if (normalized[index + 2] === '/') {
				source += '(?:[^/]*/)*';
				index += 2;
			} else {
				source += '.*';
				index++;
			}
		} else if (char === '*') {
			source += '[^/]*';
		} else if (char === '?') {
			source += '[^/]';
		} else {
			source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
		}
	}

	const regexp = new RegExp(`^${source}$`);
	cache.set(pattern, regexp);
	return regexp;
}

export function matchesGlob(file: string, pattern: string): boolean {
	return globToRegExp(pattern).test(file);
}

export function matchesAnyGlob(file: string, patterns: readonly string[]): boolean {
	return patterns.some(pattern => matchesGlob(file, pattern));
}
