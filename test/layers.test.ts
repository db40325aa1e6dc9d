/**
 * The direction of imports (docs/design.md §8, docs/codebase-guide.md): commands are
 * the top, reached only from the command line; the repository is opened in repo/.
 */
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const sourceRoot = path.resolve(import.meta.dirname, '../source');

function sourceFiles(folder: string): string[] {
	return readdirSync(folder).flatMap(name => {
		const file = path.join(folder, name);
		return statSync(file).isDirectory() ? sourceFiles(file) : /\.tsx?$/.test(name) ? [file] : [];
	});
}

/** Each project import of a file, as a path relative to source/ (e.g. `commands/claim.ts`). */
function projectImports(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map(match =>
		path.relative(sourceRoot, path.resolve(path.dirname(file), match[1]!)).replace(/\.js$/, ''),
	);
}

describe('layers', () => {
	const files = sourceFiles(sourceRoot);

	it('nothing but the command line imports commands/', () => {
		const offenders = files
			.filter(file => path.relative(sourceRoot, file) !== 'cli.tsx' && !path.relative(sourceRoot, file).startsWith('commands/'))
			.flatMap(file => projectImports(file).filter(target => target.startsWith('commands/')).map(target => `${path.relative(sourceRoot, file)} → ${target}`));
		expect(offenders).toEqual([]);
	});

	it('core/ imports nothing of the project outside core/', () => {
		const offenders = files
			.filter(file => path.relative(sourceRoot, file).startsWith('core/'))
			.flatMap(file => projectImports(file).filter(target => !target.startsWith('core/')).map(target => `${path.relative(sourceRoot, file)} → ${target}`));
		expect(offenders).toEqual([]);
	});

	it('the repository is opened in one place', () => {
		const opening = files.filter(file => /new GitRunner\(/.test(readFileSync(file, 'utf8'))).map(file => path.relative(sourceRoot, file));
		// The runner's own `inWorktree` makes runners for other worktrees of an opened repository, sharing its log.
		expect(opening).toEqual(['git/git-runner.ts', 'repo/open-repository.ts']);
	});
});
