/**
 * Coordination files merged section by section by the integration flow (DESIGN §6.1
 * step 3), on real repositories through the built binary: two agents that each record
 * their work in their own section of AI_CURRENT_WORK.md merge cleanly, and the dry run
 * says so first; two that both change one section stay a conflict.
 */
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {runCli} from '../cli/run-cli.js';
import {edit, minutes} from '../git/test-repos.js';
import {integrationRepo, refsOf} from './integration-repos.js';

const repos: RepoBuilder[] = [];
afterEach(async () => {
	for (const repo of repos.splice(0)) {
		await repo.cleanup();
	}
});

const header = ['# AI Current Work', '', '## Available Modules for Work', '- ✅ auth', '- ✅ billing', ''];
const section = (agent: string, work: string) => [`## ${agent} Status`, `**Currently Working On:** ${work}`, '**Last Checkin:** 2026-01-05 09:00', ''];
const file = (...parts: string[][]) => parts.flat().join('\n') + '\n';

/** main holds AI_CURRENT_WORK.md with its shared section only. */
async function make(): Promise<RepoBuilder> {
	const repo = await integrationRepo();
	repos.push(repo);
	await repo.commit({branch: 'main', message: 'coordination rules', files: {'AI_CURRENT_WORK.md': file(header)}, at: minutes(1)});
	return repo;
}

const integrate = (repo: RepoBuilder, args: string[]) => runCli(['integrate', ...args, '-C', repo.root]);

describe('integrate with coordination files', () => {
	it('merges two agents that each changed only their own section, section by section, and the dry run predicts it', async () => {
		const repo = await make();
		// Each agent adds its own section at the end of the file, in the same commit as its code.
		await repo.commit({branch: 'claude/auth', from: 'main', message: 'auth + claim', files: {'src/a.ts': edit('a', 3, 'claude'), 'AI_CURRENT_WORK.md': file(header, section('Claude', 'auth module'))}, at: minutes(10)});
		await repo.commit({branch: 'codex/billing', from: 'main', message: 'billing + claim', files: {'src/b.ts': edit('b', 3, 'codex'), 'AI_CURRENT_WORK.md': file(header, section('Codex', 'billing module'))}, at: minutes(11)});
		// Plain git stops on the file: both added at its end.
		expect((await repo.gitResult(['merge-tree', '--write-tree', 'claude/auth', 'codex/billing'], [1])).exitCode).toBe(1);

		const before = await refsOf(repo);
		const objects = await repo.git(['count-objects']);
		const dry = integrate(repo, ['claude/auth', 'codex/billing', '--order', 'given', '--dry-run']);
		// Looking never writes: the merged file's blob and tree went to the scratch objects.
		expect(await repo.git(['count-objects'])).toBe(objects);
		expect(dry.stdout).toContain('  1. claude/auth: merges cleanly\n  2. codex/billing: conflicts only in coordination files (AI_CURRENT_WORK.md) — merged section by section\n');
		expect(dry.status).toBe(0);
		expect(await refsOf(repo)).toBe(before);

		const result = integrate(repo, ['claude/auth', 'codex/billing', '--order', 'given', '--verify', 'test -f src/a.ts', '--yes']);
		expect(result.stderr).toBe('');
		expect(result.stdout).toContain('codex/billing: merged AI_CURRENT_WORK.md section by section');
		expect(result.stdout).toMatch(/promoted: main is now \w+ \(claude\/auth, codex\/billing\)/);
		expect(result.status).toBe(0);
		const merged = await repo.git(['show', 'main:AI_CURRENT_WORK.md']);
		expect(merged.startsWith(file(header))).toBe(true);
		expect(merged).toContain(file(section('Claude', 'auth module')));
		expect(merged).toContain(file(section('Codex', 'billing module')));
		expect(merged.length).toBe(file(header, section('Claude', 'auth module'), section('Codex', 'billing module')).length);
		// Both branches' code came in, and both are merged into main.
		expect(await repo.git(['show', 'main:src/a.ts'])).toContain('claude');
		expect(await repo.git(['show', 'main:src/b.ts'])).toContain('codex');
		expect((await repo.git(['branch', '--merged', 'main', '--list', '*/*'])).split('\n').map(line => line.trim()).filter(Boolean)).toEqual(['claude/auth', 'codex/billing']);
		expect((await repo.git(['worktree', 'list', '--porcelain'])).match(/^worktree /gm)).toHaveLength(1);
	});

	it('keeps a conflict when both agents changed the same section', async () => {
		const repo = await make();
		await repo.commit({branch: 'main', message: 'claude and codex start', files: {'AI_CURRENT_WORK.md': file(header, section('Claude', 'nothing'), section('Codex', 'nothing'))}, at: minutes(2)});
		await repo.commit({branch: 'claude/auth', from: 'main', message: 'auth + claim', files: {'src/a.ts': edit('a', 3, 'claude'), 'AI_CURRENT_WORK.md': file(header, section('Claude', 'auth module'), section('Codex', 'nothing'))}, at: minutes(10)});
		await repo.commit({branch: 'codex/billing', from: 'main', message: 'billing, and claude\'s section too', files: {'src/b.ts': edit('b', 3, 'codex'), 'AI_CURRENT_WORK.md': file(header, section('Claude', 'waiting on codex'), section('Codex', 'billing module'))}, at: minutes(11)});
		const before = await refsOf(repo);
		const dry = integrate(repo, ['claude/auth', 'codex/billing', '--order', 'given', '--dry-run']);
		expect(dry.stdout).toContain('  2. codex/billing: conflicts in AI_CURRENT_WORK.md\n');
		expect(dry.status).toBe(1);

		const result = integrate(repo, ['claude/auth', 'codex/billing', '--order', 'given', '--yes']);
		expect(result.status).toBe(1);
		expect(result.stdout).toContain('set aside codex/billing: conflicts in AI_CURRENT_WORK.md');
		expect(result.stdout).not.toContain('section by section');
		expect(await refsOf(repo)).toBe(before);
	});
});

describe('integrate, after promotion', () => {
	it('deletes the merged agent branches with git branch -d and marks their claims done, by flag; without the flags neither', async () => {
		const repo = await integrationRepo({userOn: 'main'});
		repos.push(repo);
		await repo.commit({branch: 'claude/a', from: 'main', message: 'a: line 5', files: {'src/a.ts': edit('a', 5, 'a five')}, at: minutes(10)});
		await repo.commit({branch: 'codex/b', from: 'main', message: 'b: line 5', files: {'src/b.ts': edit('b', 5, 'b five')}, at: minutes(11)});
		await repo.commit({branch: 'gemini/c', from: 'main', message: 'c', files: {'src/c.ts': 'c\n'}, at: minutes(12)});
		for (const [agent, work] of [['claude', 'module a'], ['codex', 'module b']] as const) {
			const claim = runCli(['claim', '--agent', agent, '--work', work, '--branch', `${agent}/x`], {cwd: repo.root});
			expect(claim.status, claim.stderr).toBe(0);
		}

		// Without the flags (and with --yes, no terminal): nothing after promotion.
		const plain = integrate(repo, ['gemini/c', '--yes']);
		expect(plain.status, plain.stderr).toBe(0);
		expect(await repo.git(['branch', '--list', 'gemini/c'])).not.toBe('');
		expect(plain.stdout).not.toContain('deleted');

		const claims = await readFile(path.join(repo.root, 'AI_CURRENT_WORK.md'), 'utf8');
		const result = integrate(repo, ['claude/a', 'codex/b', '--order', 'given', '--yes', '--delete-merged', '--finish-claims']);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toContain('deleted claude/a (git branch -d)\ndeleted codex/b (git branch -d)\n');
		expect(result.stdout).toMatch(/Claude finished module a; recorded under Completed Work \(AI_CURRENT_WORK\.md updated\)/);
		expect(result.stdout).toMatch(/Codex finished module b; recorded under Completed Work/);
		expect((await repo.git(['branch', '--list', 'claude/a', 'codex/b'])).trim()).toBe('');
		const after = await readFile(path.join(repo.root, 'AI_CURRENT_WORK.md'), 'utf8');
		expect(after).not.toBe(claims);
		expect(claims).toContain('**Currently Working On:** module a');
		expect(after).not.toContain('**Currently Working On:** module a');
		expect(after).toMatch(/- ✅ module a — Claude, completed /);
		expect(after).toMatch(/- ✅ module b — Codex, completed /);
	});
});
