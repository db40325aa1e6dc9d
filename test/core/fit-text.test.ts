import {describe, expect, it} from 'vitest';
import {displayWidth, padTo, truncateTo, wrapWords} from '../../source/core/fit-text.js';

describe('fitting text into columns', () => {
	it('counts wide characters as two columns', () => {
		expect(displayWidth('abc')).toBe(3);
		expect(displayWidth('日本')).toBe(4);
		expect(displayWidth('🚀x')).toBe(3);
		expect(padTo('日本', 6)).toBe('日本  ');
	});

	it('cuts with an ellipsis only when something is cut, never inside a wide character', () => {
		expect(truncateTo('claude/nav-hotfix', 17)).toBe('claude/nav-hotfix');
		expect(truncateTo('claude/nav-hotfix', 10)).toBe('claude/na…');
		expect(truncateTo('日本語のブランチ', 6)).toBe('日本…');
		expect(displayWidth(truncateTo('日本語のブランチ', 6))).toBeLessThanOrEqual(6);
	});

	it('wraps at spaces under a hanging indent, and cuts a word longer than a line', () => {
		expect(wrapWords('conflicts with codex/tracking-fix on 1 file: lib/api/client.ts', 30, '    · ', '      ')).toEqual([
			'    · conflicts with',
			'      codex/tracking-fix on 1',
			'      file: lib/api/client.ts',
		]);
		const long = wrapWords('x'.repeat(25), 10, '- ', '  ');
		expect(long).toEqual(['- xxxxxxxx', '  xxxxxxxx', '  xxxxxxxx', '  x']);
		for (const text of long) {
			expect(displayWidth(text)).toBeLessThanOrEqual(10);
		}
	});
});
