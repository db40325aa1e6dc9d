/**
 * Nothing in the repository cites a document outside it: the specification and the
 * style notes live in docs/, and every citation of them points there, at a section
 * that exists.
 */
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function files(folder: string): string[] {
	return readdirSync(folder).flatMap(name => {
		const file = path.join(folder, name);
		return statSync(file).isDirectory() ? files(file) : /\.(?:[cm]?[jt]sx?|json|md|sh)$/.test(name) ? [file] : [];
	});
}

const scanned = [...['source', 'test', 'bench', 'fixtures'].flatMap(folder => files(path.join(root, folder))), path.join(root, 'README.md')];
const documents = ['design', 'style'];
// Built from parts, so that this file does not cite what it looks for.
const anyCitation = new RegExp(`(docs/)?\\b(${documents.join('|')})\\.md\\b`, 'gi');

function citations(): Array<{file: string; line: number; text: string; inDocs: boolean}> {
	return scanned.flatMap(file =>
		readFileSync(file, 'utf8')
			.split('\n')
			.flatMap((line, index) =>
				[...line.matchAll(anyCitation)].map(match => ({
					file: path.relative(root, file),
					line: index + 1,
					text: match[0],
					inDocs: match[1] === 'docs/' && match[2] === match[2]!.toLowerCase(),
				})),
			),
	);
}

describe('citations of the specification', () => {
	it('point into docs/, never at a document outside the repository', () => {
		const found = citations();
		expect(found.length).toBeGreaterThan(20);
		expect(found.filter(citation => !citation.inDocs).map(({file, line, text}) => `${file}:${line} ${text}`)).toEqual([]);
	});

	it('name sections that exist in docs/design.md', () => {
		const design = readFileSync(path.join(root, 'docs/design.md'), 'utf8');
		const sections = new Set([...design.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)].map(match => match[1]!));
		const cited = scanned.flatMap(file => [...readFileSync(file, 'utf8').matchAll(/docs\/design\.md §(\d+)(?:\.(\d+))?/g)].map(match => ({file: path.relative(root, file), section: match[1]!, item: match[2]})));
		expect(cited.length).toBeGreaterThan(20);
		const missing = cited.filter(({section, item}) => !sections.has(section) && !(item && sections.has(`${section}.${item}`)));
		expect(missing).toEqual([]);
	});

	it('docs/ links resolve inside the repository', () => {
		const broken: string[] = [];
		for (const file of files(path.join(root, 'docs'))) {
			for (const match of readFileSync(file, 'utf8').matchAll(/\]\(([^)#\s]+)\)/g)) {
				const target = match[1]!;
				if (!/^[a-z]+:/.test(target) && !existsSync(path.resolve(path.dirname(file), target))) {
					broken.push(`${path.relative(root, file)} → ${target}`);
				}
			}
		}

		expect(broken).toEqual([]);
	});
});
