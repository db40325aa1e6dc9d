/**
 * Makes a TypeScript module runnable by a plain `node` child process, for tests that
 * need real concurrent processes. Node 20 cannot run .ts and the project build may be
 * broken by work in progress elsewhere, so the module and the project files it
 * imports are transpiled one by one (no type check) into a temp folder that links the
 * project's node_modules.
 */
import {mkdir, mkdtemp, readFile, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import ts from 'typescript';

const projectRoot = path.resolve(import.meta.dirname, '../..');

/** Returns the folder and the path of the transpiled entry (`<folder>/source/….js`). */
export async function transpileForChild(entry: string): Promise<{folder: string; entry: string}> {
	const folder = await mkdtemp(path.join(tmpdir(), 'switchyard-child-'));
	await symlink(path.join(projectRoot, 'node_modules'), path.join(folder, 'node_modules'), 'dir');
	await writeFile(path.join(folder, 'package.json'), '{"type": "module"}\n');
	const pending = [path.resolve(projectRoot, entry)];
	const done = new Set<string>();
	while (pending.length > 0) {
		const file = pending.pop()!;
		if (done.has(file)) {
			continue;
		}

		done.add(file);
		const source = await readFile(file, 'utf8');
		// The file's own name: without it, TypeScript reads every file as .tsx (jsx is set), and a generic arrow `<V>(…)` as JSX.
		const output = ts.transpileModule(source, {
			fileName: file,
			compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true, jsx: ts.JsxEmit.ReactJSX},
		}).outputText;
		for (const match of output.matchAll(/(?:from|import)\s*'(\.{1,2}\/[^']+)\.js'/g)) {
			pending.push(path.resolve(path.dirname(file), `${match[1]!}.ts`));
		}

		const target = path.join(folder, path.relative(projectRoot, file).replace(/\.ts$/, '.js'));
		await mkdir(path.dirname(target), {recursive: true});
		await writeFile(target, output);
	}

	return {folder, entry: path.join(folder, path.relative(projectRoot, entry).replace(/\.ts$/, '.js'))};
}
