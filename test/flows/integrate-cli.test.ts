/** `switchyard integrate` end to end, through the built binary, on real repositories. */
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {runCli} from '../cli/run-cli.js';
import {edit, minutes} from '../git/test-repos.js';
import {addCleanBranches, integrationRepo, refsOf, userFingerprint} from './integration-repos.js';

const repos: RepoBuilder[] = [];
afterEach(async () => {
	for (const repo of repos.splice(0)) {
		await repo.cleanup();
	}
});

async function make(options: Parameters<typeof integrationRepo>[0] = {}): Promise<RepoBuilder> {
	const repo = await integrationRepo(options);
	repos.push(repo);
	return repo;
}

const integrate = (repo: RepoBuilder, args: string[]) => runCli(['integrate', ...args, '-C', repo.root]);

describe('integrate', () => {
	it('merges three clean branches, verifies, and fast-forwards main to the verified commit', async () => {
		const repo = await make();
		const branches = await addCleanBranches(repo);
		const before = await userFingerprint(repo);
		const result = integrate(repo, [...branches, '--order', 'given', '--verify', 'test -f src/c.ts', '--yes']);
		expect(result.stderr).toBe('');
		expect(result.stdout).toMatch(/promoted: main is now/);
		expect(result.status).toBe(0);
		const main = await repo.revParse('main');
		const parents = (await repo.git(['rev-list', '--first-parent', 'main'])).trim().split('\n');
		expect(parents).toHaveLength(4);
		const subjects = (await repo.git(['log', '--first-parent', '--format=%s', 'main'])).trim().split('\n');
		expect(subjects.slice(0, 3)).toEqual([
			"Merge branch 'gemini/c' (gemini) into " + subjects[0]!.split(' into ')[1],
			"Merge branch 'codex/b' (codex) into " + subjects[0]!.split(' into ')[1],
			"Merge branch 'claude/a' (claude) into " + subjects[0]!.split(' into ')[1],
		]);
		expect(subjects[0]).toMatch(/into test\/integration-\d{8}-\d{4}$/);
		// The integration branch and worktree are gone; the user's checkout is untouched.
		expect(await repo.git(['branch', '--list', 'test/*'])).toBe('');
		expect((await repo.git(['worktree', 'list'])).trim().split('\n')).toHaveLength(1);
		expect(await userFingerprint(repo)).toBe(before);
		expect(main).toBe(await repo.revParse('main'));
		expect((await repo.gitResult(['fsck', '--no-progress'], [])).exitCode).toBe(0);
	});
});
