import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {collect, minutes, repoWithBase} from './test-repos.js';

let repo: RepoBuilder;
afterEach(async () => repo?.cleanup());

describe('hygiene from a real branch diff', () => {
	it('reports the wip commit, the .env file, the large binary, console.log and conflict markers with file:line', async () => {
		repo = await repoWithBase();
		const binary = Buffer.alloc(2 * 1024 * 1024, 7);
		binary[0] = 0;
		await repo.commit({branch: 'claude/messy', from: 'main', message: 'wip', files: {'.env': 'TOKEN=1\n', 'assets/big.bin': binary}, at: minutes(10)});
		await repo.commit({
			branch: 'claude/messy',
			message: 'feat: login form',
			files: {'src/login.ts': 'export function login() {\n\tconsole.log("here");\n}\n', 'src/merge.ts': 'a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> other\n'},
			at: minutes(11),
		});

		const {document} = await collect(repo.root);
		const row = document.branches.find(branch => branch.name === 'claude/messy')!;
		expect(row.hygiene).toEqual(
			expect.arrayContaining([
				expect.objectContaining({kind: 'wip-commit', detail: expect.stringMatching(/^[0-9a-f]{7} wip$/)}),
				{kind: 'env-file', detail: '.env'},
				{kind: 'large-binary', detail: 'assets/big.bin (2.0 MB)'},
				{kind: 'console-log', detail: 'src/login.ts:2'},
				{kind: 'conflict-marker', detail: 'src/merge.ts:2'},
				{kind: 'conflict-marker', detail: 'src/merge.ts:4'},
				{kind: 'conflict-marker', detail: 'src/merge.ts:6'},
			]),
		);
		expect(row.readiness.verdict).toBe('warn');
	});
});

describe('the checklist rules read from a real branch diff (DESIGN §6.2)', () => {
	const copied = ['export function total(items: number[]): number {', '\tlet sum = 0;', '\tfor (const item of items) {', '\t\tsum += item;', '\t}', '\treturn sum;', '}'].join('\n') + '\n';

	it('trips each rule on a branch that breaks it, and none on a careful branch', async () => {
		repo = await repoWithBase();
		await repo.commit({branch: 'claude/careless', from: 'main', message: 'update', files: {
			'src/api.ts': [
				"const endpoint = 'https://api.internal.example.io/v1';",
				'const server = {port: 8080};',
				'// TODO make this configurable',
				'// FIXME: retries (#123)',
				"const schema = 'http://json-schema.org/draft-07/schema#';",
			].join('\n') + '\n',
			'node_modules/left-pad/index.js': 'module.exports = 1;\n',
			'dist/app.js': 'x\n',
			'src/total.ts': copied,
		}, at: minutes(5)});
		await repo.commit({branch: 'codex/copier', from: 'main', message: 'feat(stats): add the totals helper', files: {'lib/sum.ts': '// copied\n' + copied}, at: minutes(6)});
		await repo.commit({branch: 'gemini/careful', from: 'main', message: 'feat(config): read the API endpoint from the environment', files: {
			'src/config.ts': 'export const endpoint = process.env.API_URL;\n// TODO(#42): validate the URL\n// see ABC-12 for the TODO list\n',
			'docs/setup.md': 'Open http://localhost:3000 and TODO: anything\n',
			'src/build/index.ts': 'export {};\n',
		}, at: minutes(7)});

		const {document} = await collect(repo.root);
		const row = (name: string) => document.branches.find(branch => branch.name === name)!;
		const careless = row('claude/careless').hygiene;
		expect(careless).toEqual(expect.arrayContaining([
			{kind: 'hardcoded-url', detail: 'src/api.ts:1 (https://api.internal.example.io/v1)'},
			{kind: 'hardcoded-port', detail: 'src/api.ts:2 (port 8080)'},
			{kind: 'todo-without-issue', detail: 'src/api.ts:3 (// TODO make this configurable)'},
			{kind: 'unnecessary-file', detail: 'node_modules/left-pad/index.js'},
			{kind: 'unnecessary-file', detail: 'dist/app.js'},
			{kind: 'vague-commit', detail: expect.stringMatching(/^[0-9a-f]{7} update$/)},
			{kind: 'duplicate-code', detail: 'src/total.ts:1 (also added by codex/copier at lib/sum.ts:2)'},
		]));
		// The TODO with an issue and the schema URL are fine; the duplicated run is reported once.
		expect(careless.filter(issue => issue.detail.startsWith('src/api.ts:4') || issue.detail.startsWith('src/api.ts:5'))).toEqual([]);
		expect(careless.filter(issue => issue.kind === 'duplicate-code')).toHaveLength(1);
		expect(row('codex/copier').hygiene).toEqual([{kind: 'duplicate-code', detail: 'lib/sum.ts:2 (also added by claude/careless at src/total.ts:1)'}]);
		expect(row('gemini/careful').hygiene).toEqual([]);
		// These rules feed the checklist, not the readiness warnings of DESIGN §2.
		expect(row('codex/copier').readiness.reasons.join(' ')).not.toContain('duplicated');
	});
});
