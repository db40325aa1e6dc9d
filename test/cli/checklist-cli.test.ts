/** `switchyard checklist` as a user runs it: the built binary on real repositories. */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {minutes, repoWithBase} from '../git/test-repos.js';
import {runCli} from './run-cli.js';

let repo: RepoBuilder;
afterEach(async () => repo?.cleanup());

async function twoBranches(): Promise<RepoBuilder> {
	const built = await repoWithBase();
	await built.commit({branch: 'claude/clean', from: 'main', message: 'feat(parser): read dates with a zone', files: {'src/dates.ts': 'export const zone = process.env.TZ;\n'}, at: minutes(5)});
	await built.commit({branch: 'codex/messy', from: 'main', message: 'wip', files: {'src/log.ts': 'export function log() {\n\tconsole.log("x");\n}\n'}, at: minutes(6)});
	return built;
}

describe('switchyard checklist', () => {
	it('--json: items with results and evidence; exit 1 on a failed item, 0 otherwise', async () => {
		repo = await twoBranches();
		const messy = runCli(['checklist', 'codex/messy', '--json'], {cwd: repo.root});
		expect(messy.status).toBe(1);
		const document = JSON.parse(messy.stdout) as {items: Array<{id: string; result: string; evidence: string[]}>; progress: {failed: string[]}};
		const item = (id: string) => document.items.find(each => each.id === id)!;
		expect(item('no-console-log')).toMatchObject({result: 'fail', evidence: ['src/log.ts:2']});
		expect(item('no-wip')).toMatchObject({result: 'fail', evidence: [expect.stringMatching(/^[0-9a-f]{7} wip$/)]});
		expect(item('build').result).toBe('no-command');
		expect(item('patterns').result).toBe('pending');
		expect(document.progress.failed).toEqual(['No console.log added', 'No wip/asdf commits']);
		// Saved for this head: readiness now blocks on the failed items (DESIGN §2).
		const status = JSON.parse(runCli(['status', '--json'], {cwd: repo.root}).stdout) as {branches: Array<{name: string; readiness: {verdict: string; reasons: string[]}; checklist?: {freshness: string}}>};
		const row = status.branches.find(branch => branch.name === 'codex/messy')!;
		expect(row.readiness.verdict).toBe('blocked');
		expect(row.readiness.reasons[0]).toBe('checklist: 2 items failed: No console.log added, No wip/asdf commits');
		await repo.commit({branch: 'codex/messy', message: 'feat(log): log through the logger', files: {'src/log.ts': 'export function log() {}\n'}, at: minutes(9)});
		const moved = JSON.parse(runCli(['status', '--json'], {cwd: repo.root}).stdout) as typeof status;
		expect(moved.branches.find(branch => branch.name === 'codex/messy')!.checklist?.freshness).toBe('out-of-date');

		const clean = runCli(['checklist', 'claude/clean', '--json', '--verify', 'test -f src/dates.ts'], {cwd: repo.root});
		expect(clean.stderr).toBe('');
		expect(clean.status).toBe(0);
		const tests = (JSON.parse(clean.stdout) as {items: Array<{id: string; result: string; evidence: string[]}>}).items.find(each => each.id === 'tests')!;
		expect(tests.result).toBe('pass');
		expect(tests.evidence[0]).toMatch(/^\$ test -f src\/dates\.ts → exit 0/);
	});

	it('a failing or missing verification command fails its item, with its output', async () => {
		repo = await twoBranches();
		const result = runCli(['checklist', 'claude/clean', '--json', '--verify', 'echo tests broke >&2; exit 3', '--verify', 'no-such-tool-xyz --check'], {cwd: repo.root});
		expect(result.status).toBe(1);
		const tests = (JSON.parse(result.stdout) as {items: Array<{id: string; result: string; evidence: string[]}>}).items.find(each => each.id === 'tests')!;
		expect(tests.result).toBe('fail');
		expect(tests.evidence.join('\n')).toContain('tests broke');
		// The first failure stops the item's commands; the missing one gets its own run.
		const missing = runCli(['checklist', 'claude/clean', '--json', '--verify', 'no-such-tool-xyz --check'], {cwd: repo.root});
		expect(missing.stdout).toContain('command not found');
		expect(missing.status).toBe(1);
	});

	it('--markdown prints the filled checklist for a pull request', async () => {
		repo = await twoBranches();
		const result = runCli(['checklist', 'codex/messy', '--markdown'], {cwd: repo.root});
		expect(result.status).toBe(1);
		expect(result.stdout).toMatch(/^## Pre-merge checklist: `codex\/messy` at `[0-9a-f]{7}`\n/);
		expect(result.stdout).toContain('### Git hygiene');
		expect(result.stdout).toContain('- [ ] No console.log added — ✗ failed\n  - `src/log.ts:2`');
		expect(result.stdout).toContain('- [x] No conflict markers — ✓ passed');
		expect(result.stdout).toContain('- [ ] Edge cases covered — · not judged yet (reviewed by hand)');
	});

	it('bad input: one line, exit 2', async () => {
		repo = await twoBranches();
		await repo.git(['branch', 'claude/new', 'main']);
		for (const [args, message] of [
			[['checklist', 'nope/branch'], 'no branch named "nope/branch"'],
			[['checklist', 'claude/new'], 'claude/new has no commits of its own ahead of main'],
			[['checklist', 'main'], 'main is the base branch'],
			[['checklist'], 'usage: switchyard checklist <branch>'],
			[['checklist', 'claude/clean', '--json', '--markdown'], 'cannot be used together'],
		] as const) {
			const result = runCli([...args], {cwd: repo.root});
			expect(result.status, args.join(' ')).toBe(2);
			expect(result.stderr.trim().split('\n')).toHaveLength(1);
			expect(result.stderr).toContain(message);
		}
	});

	it('an untrusted config runs none of its commands, asks nothing, and names switchyard trust', async () => {
		repo = await twoBranches();
		const marker = path.join(repo.root, '..', 'ran-marker');
		writeFileSync(path.join(repo.root, '.switchyard.json'), JSON.stringify({verify: {test: `touch ${marker}`}}));
		const result = runCli(['checklist', 'claude/clean', '--json'], {cwd: repo.root});
		expect(result.stderr).toMatch(/^switchyard: .*switchyard trust.*\n$/);
		expect(result.status).toBe(0);
		const tests = (JSON.parse(result.stdout) as {items: Array<{id: string; result: string}>}).items.find(each => each.id === 'tests')!;
		expect(tests.result).toBe('pending');
		expect(runCli(['status'], {cwd: repo.root}).status).toBe(0);
		const {existsSync} = await import('node:fs');
		expect(existsSync(marker)).toBe(false);
	});

	it('works in the middle of a rebase, leaving the checkout as it was', async () => {
		repo = await twoBranches();
		await repo.commit({branch: 'main', message: 'docs: a line', files: {'README.md': 'hello\nthere\n'}, at: minutes(7)});
		await repo.commit({branch: 'claude/other', from: 'main~1', message: 'docs: another line', files: {'README.md': 'hello\nyou\n'}, at: minutes(8)});
		await repo.git(['checkout', '-q', 'claude/other']);
		await repo.gitResult(['rebase', 'main'], [1]);
		const before = await repo.git(['status', '--porcelain=v2', '--branch']);
		const result = runCli(['checklist', 'codex/messy', '--json', '--verify', 'true'], {cwd: repo.root});
		expect(result.status).toBe(1);
		expect(await repo.git(['status', '--porcelain=v2', '--branch'])).toBe(before);
	});
});
