/**
 * merge-tree's objects go to a scratch folder (memory-backed where there is one) that
 * is removed after: by `rm -rf` in a process of its own, or by Node where `rm` cannot
 * be found. Either way a `status` leaves no scratch folder behind when it exits.
 */
import {mkdtemp, readdir, rm, symlink} from 'node:fs/promises';
import {execFileSync} from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {runCli} from '../cli/run-cli.js';
import {edit, minutes, repoWithBase} from './test-repos.js';

let repo: RepoBuilder;
let scratchParent: string;

beforeAll(async () => {
	repo = await repoWithBase();
	for (let index = 0; index < 4; index++) {
		await repo.commit({branch: `claude/task-${index}`, from: 'main', message: `task ${index}`, files: {'src/a.ts': edit('a', 1 + index, `branch ${index}`)}, at: minutes(10 + index)});
	}

	await repo.commit({branch: 'main', message: 'base moves', files: {'src/a.ts': edit('a', 1, 'base moved')}, at: minutes(100)});
	scratchParent = await mkdtemp(path.join(os.tmpdir(), 'switchyard-scratch-parent-'));
}, 60_000);

afterAll(async () => {
	await repo?.cleanup();
	await rm(scratchParent, {recursive: true, force: true});
});

async function statusLeavesNoScratch(env: Record<string, string>): Promise<void> {
	// Cold each time: with the answers kept by the run before, no merge would be asked.
	await rm(path.join(repo.root, '.git', 'switchyard', 'cache'), {recursive: true, force: true});
	const result = runCli(['status', '--json', '-C', repo.root], {env: {XDG_RUNTIME_DIR: scratchParent, ...env}});
	expect(result.stderr).toBe('');
	const document = JSON.parse(result.stdout) as {branches: Array<{name: string; conflictsWithBase: string[]}>};
	// Merges were predicted (the branches edit the line base edited, or the next), so merge-tree wrote objects.
	expect(document.branches.filter(branch => branch.conflictsWithBase.length > 0).length).toBeGreaterThan(0);
	expect(await readdir(scratchParent)).toEqual([]);
}

describe('merge-tree scratch objects', () => {
	it('are removed by rm before status exits', async () => {
		await statusLeavesNoScratch({});
	});

	it('are removed by Node where there is no rm', async () => {
		// A PATH holding git alone: spawning rm fails, and Node removes the folder instead.
		const bin = await mkdtemp(path.join(os.tmpdir(), 'switchyard-git-only-'));
		try {
			await symlink(execFileSync('sh', ['-c', 'command -v git'], {encoding: 'utf8'}).trim(), path.join(bin, 'git'));
			await statusLeavesNoScratch({PATH: bin});
		} finally {
			await rm(bin, {recursive: true, force: true});
		}
	});
});
