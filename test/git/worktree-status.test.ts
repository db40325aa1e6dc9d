import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {openRepository} from '../../source/repo/open-repository.js';
import {readWorktreeStatus} from '../../source/git/repository.js';
import {repoWithBase} from './test-repos.js';

let repo: RepoBuilder;
afterEach(async () => repo?.cleanup());

describe('the working tree status', () => {
	it('lists modified, renamed and every untracked file, each under its own path', async () => {
		repo = await repoWithBase();
		await repo.checkout('main');
		await repo.git(['mv', 'src/a.ts', 'src/renamed a.ts']);
		await repo.writeWorktreeFile('README.md', 'changed\n');
		await repo.writeWorktreeFile('notes/deep/board.md', 'x\n');
		await repo.writeWorktreeFile('with "quote".md', 'x\n');

		const {git, location} = await openRepository(repo.root);
		const status = await readWorktreeStatus(git, location);
		expect(status.state).toBe('dirty');
		expect(status.changedPaths.sort()).toEqual(['README.md', 'notes/deep/board.md', 'src/renamed a.ts', 'with "quote".md']);
	});

	it('is clean with nothing changed, and names an operation before anything else', async () => {
		repo = await repoWithBase();
		await repo.checkout('main');
		const {git, location} = await openRepository(repo.root);
		expect(await readWorktreeStatus(git, location)).toEqual({state: 'clean', changedPaths: []});

		await repo.checkout('main', {detach: true});
		expect((await readWorktreeStatus(git, location)).state).toBe('detached');
	});
});
