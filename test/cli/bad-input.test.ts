import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {buildBadInputRepo, type BadInputKind} from '../../fixtures/scenarios.js';
import {runCli} from './run-cli.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
	for (const cleanup of cleanups) {
		await cleanup();
	}
});

async function scenario(kind: BadInputKind) {
	const built = await buildBadInputRepo(kind);
	cleanups.push(() => built.cleanup());
	return built;
}

/** One line on stderr, no stack trace. */
function expectOneLineError(stderr: string) {
	const lines = stderr.trim().split('\n');
	expect(lines).toHaveLength(1);
	expect(stderr).not.toMatch(/\bat .+:\d+:\d+/);
}

describe('bad input gets one clear line and exit code 2', () => {
	it('not a git repository', () => {
		const folder = mkdtempSync(path.join(os.tmpdir(), 'switchyard-not-repo-'));
		try {
			const result = runCli(['status', '-C', folder]);
			expect(result.status).toBe(2);
			expect(result.stderr).toContain('is not inside a git repository');
			expectOneLineError(result.stderr);
		} finally {
			rmSync(folder, {recursive: true, force: true});
		}
	});

	it('a folder that does not exist', () => {
		const result = runCli(['status', '-C', '/nonexistent/switchyard/folder']);
		expect(result.status).toBe(2);
		expect(result.stderr).toContain('is not a folder');
		expectOneLineError(result.stderr);
	});

	it.each([
		['bare', 'bare repository'],
		['no-commits', 'no commits yet'],
		['no-base-branch', 'no base branch found'],
	] as const)('%s', async (kind, message) => {
		const built = await scenario(kind);
		const result = runCli(['status', '-C', built.root]);
		expect(result.status).toBe(2);
		expect(result.stderr).toContain(message);
		expectOneLineError(result.stderr);
	});

	it('an empty repository names the branch its first commit will go to', () => {
		const folder = mkdtempSync(path.join(os.tmpdir(), 'switchyard-empty-'));
		try {
			spawnSync('git', ['init', '-q', '-b', 'trunk', folder]);
			const result = runCli(['status', '-C', folder]);
			expect(result.status).toBe(2);
			expect(result.stderr).toContain('make a first commit on trunk');
			expectOneLineError(result.stderr);
		} finally {
			rmSync(folder, {recursive: true, force: true});
		}
	});

	it('an unknown flag and an unknown command', () => {
		const flag = runCli(['status', '--frobnicate']);
		expect(flag.status).toBe(2);
		const command = runCli(['frobnicate']);
		expect(command.status).toBe(2);
		expect(command.stderr).toContain('unknown command "frobnicate"');
	});

	it('an invalid .switchyard.json names the key', async () => {
		const built = await scenario('detached-head');
		const {writeFileSync} = await import('node:fs');
		writeFileSync(path.join(built.root, '.switchyard.json'), JSON.stringify({staleness: {activeHours: 'two'}}));
		const result = runCli(['status', '-C', built.root]);
		expect(result.status).toBe(2);
		expect(result.stderr).toContain('"staleness.activeHours"');
		expectOneLineError(result.stderr);
	});
});

describe('odd repositories still give a status', () => {
	it.each([
		['detached-head', 'detached'],
		['mid-rebase', 'rebasing'],
		['mid-merge', 'merging'],
	] as const)('%s reports its state', async (kind, state) => {
		const built = await scenario(kind);
		const result = runCli(['status', '--json', '-C', built.root]);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		expect(JSON.parse(result.stdout).repo.state).toBe(state);
	});

	it('a shallow clone works and says why numbers may be off', async () => {
		const built = await scenario('shallow-clone');
		const result = runCli(['status', '--json', '-C', built.root]);
		expect(result.status).toBe(0);
		expect(JSON.parse(result.stdout).notices.join('\n')).toContain('shallow clone');
	});

	it('branch names with unicode, quotes and a leading dash on the remote', async () => {
		const odd = await scenario('odd-branch-names');
		const oddResult = runCli(['status', '--json', '-C', odd.root]);
		expect(oddResult.status).toBe(0);
		const oddNames = JSON.parse(oddResult.stdout).branches.map((branch: {name: string}) => branch.name);
		for (const name of odd.facts.branches) {
			expect(oddNames).toContain(name);
		}

		// Control characters in a commit subject never reach the terminal raw.
		const text = runCli(['status', '-C', odd.root]);
		expect(text.status).toBe(0);
		expect(text.stdout).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);

		const dash = await scenario('dash-remote-branch');
		const dashResult = runCli(['status', '--json', '-C', dash.root]);
		expect(dashResult.status).toBe(0);
		expect(JSON.parse(dashResult.stdout).branches.map((branch: {name: string}) => branch.name)).toContain(dash.facts.dashBranch);
	});

	it.each(['binary-coordination', 'huge-coordination', 'truncated-json-coordination', 'unrecognised-coordination'] as const)(
		'a coordination file that is %s becomes a warning with its file',
		async kind => {
			const built = await scenario(kind);
			const result = runCli(['status', '--json', '-C', built.root]);
			expect(result.stderr).toBe('');
			expect(result.status).toBe(0);
			const warnings: Array<{file: string; line: number; message: string}> = JSON.parse(result.stdout).warnings;
			expect(warnings.some(warning => warning.file === built.facts.coordinationFile)).toBe(true);
		},
	);
});

describe('global options', () => {
	it('work before or after the subcommand', async () => {
		const built = await scenario('detached-head');
		const before = runCli(['-C', built.root, '--no-color', 'status', '--json']);
		const after = runCli(['status', '--json', '--no-color', '-C', built.root]);
		expect(before.status).toBe(0);
		expect(after.status).toBe(0);
		expect(JSON.parse(before.stdout).repo.root).toBe(JSON.parse(after.stdout).repo.root);
	});

	it('with stdout not a terminal, plain switchyard prints the status and exits', async () => {
		const built = await scenario('detached-head');
		const result = runCli(['-C', built.root]);
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('BRANCHES');
		expect(result.stdout).not.toContain('\u001B[?1049h');
	});

	it('watch without a terminal says so in one line, exit 2, and draws nothing', async () => {
		const built = await scenario('detached-head');
		const result = runCli(['watch', '-C', built.root]);
		expect(result.status).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe('switchyard: switchyard watch needs a terminal, and stdout and stdin are not one: run it in a terminal, or use `switchyard status` (--json for scripts)\n');
	});

	it('--version and --help work with any subcommand', () => {
		expect(runCli(['status', '--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
		expect(runCli(['status', '--help']).stdout).toContain('switchyard status [--json] [--all]');
		expect(runCli(['claim', '--help']).stdout).toContain('switchyard claim --agent NAME');
	});
});
