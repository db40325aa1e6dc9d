/** GitRunner.run judges by git's exit code, also when git says nothing. */
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {GitCommandError, GitRunner} from '../../source/git/git-runner.js';
import {minutes, repoWithBase} from './test-repos.js';

let repo: RepoBuilder;
afterEach(async () => repo?.cleanup());

describe('GitRunner.run', () => {
	it('a silent non-zero exit is a failure with its code, logged as such', async () => {
		repo = await repoWithBase();
		await repo.commit({branch: 'main', message: 'second', files: {'README.md': 'again\n'}, at: minutes(1)});
		const git = new GitRunner(repo.root);
		// main~1 is an ancestor of main; main is not an ancestor of main~1: git answers by exit code alone.
		expect(await git.tryRun(['merge-base', '--is-ancestor', 'main~1', 'main'])).toBe('');
		expect(await git.tryRun(['merge-base', '--is-ancestor', 'main', 'main~1'])).toBeNull();
		const failure = await git.run(['rev-parse', '-q', '--verify', 'refs/heads/absent']).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(GitCommandError);
		expect((failure as GitCommandError).exitCode).toBe(1);
		expect(git.log.records.map(record => record.exitCode)).toEqual([0, 1, 1]);
	});

	it('a folder that is gone is a GitCommandError, not a raw spawn error', async () => {
		const git = new GitRunner('/nonexistent/switchyard/folder');
		await expect(git.run(['status'])).rejects.toBeInstanceOf(GitCommandError);
	});
});
