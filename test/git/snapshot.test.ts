import {readdirSync, statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {addedFilesLeavingACore, mergeProcesses} from '../../source/git/predict-merges.js';
import {collect, edit, minutes, repoWithBase} from './test-repos.js';

let repo: RepoBuilder;
afterEach(async () => repo?.cleanup());

const agents = ['claude', 'codex', 'copilot', 'gemini', 'cursor'];

/** `count` agent branches; every third one shares src/a.ts with the others, so pairs exist. */
async function repoWithBranches(count: number): Promise<RepoBuilder> {
	const built = await repoWithBase();
	for (let index = 0; index < count; index++) {
		const file = index % 3 === 0 ? 'src/a.ts' : `src/own-${index}.ts`;
		const content = index % 3 === 0 ? edit('a', 1 + (index % 40), `branch ${index}`) : `branch ${index}\n`;
		await built.commit({branch: `${agents[index % agents.length]}/task-${index}`, from: 'main', message: `task ${index}`, files: {[file]: content}, at: minutes(10 + index)});
	}

	await built.commit({branch: 'main', message: 'base moves', files: {'src/a.ts': edit('a', 2, 'base moved')}, at: minutes(100)});
	return built;
}

/** Every file under .git with its size and mtime, except switchyard's own state folder. */
function listGitDir(gitDir: string): Map<string, string> {
	const files = new Map<string, string>();
	const walk = (folder: string) => {
		for (const entry of readdirSync(folder, {withFileTypes: true})) {
			const full = path.join(folder, entry.name);
			const relative = path.relative(gitDir, full);
			if (relative === 'switchyard') {
				continue;
			}

			if (entry.isDirectory()) {
				walk(full);
			} else {
				const stat = statSync(full);
				files.set(relative, `${stat.size} ${stat.mtimeMs}`);
			}
		}
	};

	walk(gitDir);
	return files;
}

describe('the snapshot', () => {
	it('runs the same number of git processes for 10 and for 40 branches', async () => {
		repo = await repoWithBranches(10);
		const small = await collect(repo.root);
		await repo.cleanup();
		repo = await repoWithBranches(40);
		const large = await collect(repo.root);

		expect(small.document.branches).toHaveLength(10);
		expect(large.document.branches).toHaveLength(40);
		// merge-tree runs in a process per core when there are many merges (at most 8);
		// everything else is the same fixed set of batched calls.
		const others = (log: typeof small.log) => log.count() - log.count('merge-tree');
		expect(others(large.log)).toBe(others(small.log));
		expect(small.log.count('merge-tree')).toBe(1);
		expect(large.log.count('merge-tree')).toBe(mergeProcesses(105));
		expect(large.log.count('merge-tree')).toBeLessThanOrEqual(Math.min(8, os.availableParallelism()));
		// And the count is small: a handful of batched calls, not one per branch.
		expect(others(large.log)).toBeLessThanOrEqual(12);
	});

	it('leaves Node a core while it reads thousands of added files beside the merges', async () => {
		repo = await repoWithBranches(40);
		// One branch vendors a library: every one of its files is an added file to read.
		const vendored = Object.fromEntries(Array.from({length: addedFilesLeavingACore}, (_, index) => [`vendor/lib/file-${index}.js`, `export const value${index} = ${index};\n`]));
		await repo.commit({branch: 'codex/vendor', from: 'main', message: 'vendor a library', files: vendored, at: minutes(200)});
		const {log, repo: opened} = await collect(repo.root);
		const asked = opened.collector.stats.mergesAsked;
		// Enough merges for two processes, were the reading short.
		expect(asked).toBeGreaterThan(16);
		expect(log.count('merge-tree')).toBe(mergeProcesses(asked, addedFilesLeavingACore));
		expect(log.count('merge-tree')).toBeLessThanOrEqual(Math.max(1, os.availableParallelism() - 1));
	});

	it('leaves everything under .git as it was (looking never writes)', async () => {
		repo = await repoWithBranches(6);
		await repo.writeWorktreeFile('src/dirty.ts', 'uncommitted\n');
		const gitDir = path.join(repo.root, '.git');
		const before = listGitDir(gitDir);
		const {document} = await collect(repo.root);
		expect(document.repo.state).toBe('dirty');
		// merge-tree ran (pairs share src/a.ts), yet no object, ref, index or lock appeared.
		expect(document.branches.some(branch => branch.conflictsWith.length > 0 || branch.mergesCleanly !== null)).toBe(true);
		expect(listGitDir(gitDir)).toEqual(before);
	});

	it('shows remote-only branches and how a local branch differs from its remote', async () => {
		repo = await repoWithBase();
		await repo.commit({branch: 'claude/shared', from: 'main', message: 'one', files: {'src/x.ts': 'x\n'}, at: minutes(5)});
		await repo.commit({branch: 'codex/elsewhere', from: 'main', message: 'pushed from another machine', files: {'src/y.ts': 'y\n'}, at: minutes(6)});
		await repo.addBareRemote('origin', {push: ['main', 'claude/shared', 'codex/elsewhere']});
		await repo.deleteBranch('codex/elsewhere');
		await repo.commit({branch: 'claude/shared', message: 'two, not pushed', files: {'src/x.ts': 'x2\n'}, at: minutes(7)});

		const {document} = await collect(repo.root);
		const remoteOnly = document.branches.find(branch => branch.name === 'codex/elsewhere')!;
		expect(remoteOnly).toMatchObject({local: false, remote: 'origin/codex/elsewhere', agent: 'codex', ahead: 1});
		const both = document.branches.find(branch => branch.name === 'claude/shared')!;
		expect(both).toMatchObject({local: true, remote: 'origin/claude/shared', ahead: 2, remoteDiff: {localAhead: 1, remoteAhead: 0}});
		// One row per branch, whether it exists locally, remotely or both.
		expect(document.branches.map(branch => branch.name).sort()).toEqual(['claude/shared', 'codex/elsewhere']);
	});
});
