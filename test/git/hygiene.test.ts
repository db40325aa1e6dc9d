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
