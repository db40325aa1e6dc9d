/** The README stays true: its key table is the one the dashboard draws its help from. */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {dashboardKeys} from '../source/ui/keys/dashboard.js';
import {keyTableMarkdown} from '../source/ui/keys/markdown.js';

const readme = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md'), 'utf8');

describe('README', () => {
	it('shows the dashboard keys exactly as the key table declares them', () => {
		const section = /<!-- keys:dashboard:start -->\n([\s\S]*?)\n<!-- keys:dashboard:end -->/.exec(readme);
		expect(section?.[1]).toBe(keyTableMarkdown(dashboardKeys));
	});

	it('opens with the two set-up commands', () => {
		expect(readme).toContain('npm install && npm run demo');
		expect(readme).toContain('npm test');
	});
});
