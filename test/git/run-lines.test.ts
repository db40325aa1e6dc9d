/** GitRunner.runLines, the streaming door: real git, real output. */
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {GitCommandError, GitRunner} from '../../source/git/git-runner.js';
import {repoWithBase} from './test-repos.js';

let repo: RepoBuilder;
afterEach(async () => repo?.cleanup());

describe('GitRunner.runLines', () => {
	it('hands over each line, feeds stdin, and logs the command with its questions', async () => {
		repo = await repoWithBase();
		const git = new GitRunner(repo.root);
		const lines: string[] = [];
		await git.runLines(['cat-file', '--batch-check=%(objecttype)'], line => lines.push(line), {input: 'main\nmain:src\nmain:src/a.ts\n'});
		expect(lines).toEqual(['commit', 'tree', 'blob']);
		expect(git.log.records).toEqual([expect.objectContaining({args: ['cat-file', '--batch-check=%(objecttype)'], exitCode: 0, inputLines: 3})]);
	});

	it('reads without optional locks, and writes may take them', async () => {
		repo = await repoWithBase();
		const git = new GitRunner(repo.root);
		const env = async (writes: boolean) => {
			const lines: string[] = [];
			await git.runLines(['-c', 'alias.show-env=!env', 'show-env'], line => lines.push(line), {writes});
			return lines.find(line => line.startsWith('GIT_OPTIONAL_LOCKS='));
		};

		expect(await env(false)).toBe('GIT_OPTIONAL_LOCKS=0');
		expect(await env(true)).toBeUndefined();
	});

	it("turns git's stderr into the error, and logs the exit code", async () => {
		repo = await repoWithBase();
		const git = new GitRunner(repo.root);
		const error = await git.runLines(['rev-parse', '--verify', 'no-such-branch'], () => {}).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(GitCommandError);
		expect((error as GitCommandError).message).toBe('fatal: Needed a single revision');
		expect(git.log.records.at(-1)).toEqual(expect.objectContaining({exitCode: 128}));
	});

	it('stops git and rejects with what the callback threw', async () => {
		repo = await repoWithBase();
		const git = new GitRunner(repo.root);
		let calls = 0;
		const stop = new Error('enough');
		const error = await git
			.runLines(['log', '--format=%H', '--all'], () => {
				calls++;
				throw stop;
			})
			.catch((caught: unknown) => caught);
		expect(error).toBe(stop);
		expect(calls).toBe(1);
	});
});
