/**
 * A quiet, future-proof install: npm 11.16+ lists dependencies whose install scripts
 * nobody reviewed, and npm 12 blocks them. Every dependency with an install script
 * has a recorded decision in package.json's `allowScripts` (a name, or name@version,
 * mapped to true or false, as `npm approve-scripts` / `npm deny-scripts` write it).
 *
 * esbuild: false. Its postinstall (install.js) only finds the platform package
 * (@esbuild/linux-x64 etc., an optional dependency npm installs anyway), hard-links its
 * binary over the JavaScript launcher in bin/esbuild (saving one node start per call)
 * and checks the version; it downloads the binary only when the platform package is
 * missing (--no-optional). The launcher and the JS API find the platform binary
 * without it, so the build does not need the script.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const read = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

describe('package.json', () => {
	const manifest = read('package.json');
	const allowScripts = (manifest['allowScripts'] ?? {}) as Record<string, unknown>;
	const lock = read('package-lock.json') as {packages: Record<string, {hasInstallScript?: boolean}>};
	const withScripts = Object.entries(lock.packages)
		.filter(([, entry]) => entry.hasInstallScript)
		.map(([key]) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));

	it('records a decision for every dependency that has an install script', () => {
		expect(withScripts).toContain('esbuild');
		const decided = (name: string) => Object.entries(allowScripts).some(([key, value]) => typeof value === 'boolean' && (key === name || key.startsWith(`${name}@`)));
		expect(withScripts.filter(name => !decided(name))).toEqual([]);
	});

	it("denies esbuild's postinstall, which only optimises an installed platform binary", () => {
		expect(allowScripts['esbuild']).toBe(false);
		// The decision holds only while esbuild reaches its binary through the platform package.
		const esbuild = (lock.packages['node_modules/esbuild'] ?? {}) as {optionalDependencies?: Record<string, string>};
		expect(Object.keys(esbuild.optionalDependencies ?? {})).toContain('@esbuild/linux-x64');
	});
});
