/**
 * DESIGN §7.5, §7.6, §7.8, §3: repositories that try to hurt. Terminal escape sequences
 * in commit subjects, file names and claims (window title, clear screen, OSC 52
 * clipboard, hyperlinks) never reach the terminal raw, in `status` or in a dashboard
 * frame; odd branch names; coordination files that are a link out of the repository,
 * a FIFO, a 2 GB sparse file, a 5 MB file; a config with commands or with 10,000
 * agents; a repository mid-rebase, with an `index.lock` left behind, a shallow clone,
 * 5,000 branches, a worktree whose folder was deleted by hand. Each is met with a clear
 * message and no harm. Figure: cases tried and handled.
 */
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdir, mkdtemp, open, readFile, rm, symlink, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {createRepo, type RepoBuilder} from '../../fixtures/repo-builder.js';
import {buildBadInputRepo} from '../../fixtures/scenarios.js';
import type {LiveState} from '../../source/ui/state/live-state.js';
import {binary, runCli} from '../cli/run-cli.js';
import {integrationRepo} from '../flows/integration-repos.js';
import {renderApp} from '../ui/render-app.js';
import {closeLiveSessions, startLiveSession} from '../watch/live-helpers.js';
import {figure} from './setting.js';

const tally = {tried: 0, handled: 0};
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	await closeLiveSessions();
	for (const cleanup of cleanups.splice(0)) {
		await cleanup();
	}
});

afterAll(() => {
	figure(`hostile repositories: cases tried ${tally.tried}, handled ${tally.handled}`);
});

/** One hostile case: counted as tried, and as handled when every check in it passed. */
function hostile(name: string, run: () => Promise<void>, timeout?: number): void {
	it(name, async () => {
		tally.tried++;
		await run();
		tally.handled++;
	}, timeout);
}

async function repository(label: string): Promise<RepoBuilder> {
	const repo = await integrationRepo({userOn: 'main'});
	cleanups.push(async () => repo.cleanup());
	await repo.commit({branch: 'claude/feature', from: 'main', message: `feat: ${label}`, files: {'src/feature.ts': 'export const feature = 1;\n'}});
	return repo;
}

const escapes = {
	title: '\u001B]0;owned title\u0007',
	clear: '\u001B[2J\u001B[H',
	clipboard: '\u001B]52;c;cm0gLXJmIH4=\u0007',
	hyperlink: '\u001B]8;;https://evil.example\u001B\\click\u001B]8;;\u001B\\',
	bell: '\u0007',
};
const allEscapes = Object.values(escapes).join(' ');

/** What reaches the terminal has no ESC or BEL of the repository's: only our own colour codes. */
function expectInert(text: string, what: string): void {
	const withoutColour = text.replaceAll(/\u001B\[[\d;]*m/g, '');
	expect(withoutColour.includes('\u001B'), `${what} holds a raw ESC`).toBe(false);
	expect(withoutColour.includes('\u0007'), `${what} holds a raw BEL`).toBe(false);
	expect(withoutColour.includes('\u009B'), `${what} holds a raw CSI`).toBe(false);
}

/** A refusal: a non-zero exit and exactly one line on stderr, no stack trace. */
function expectOneLineRefusal(result: {status: number | null; stderr: string}, mentions: RegExp): void {
	expect(result.status, result.stderr).not.toBe(0);
	const lines = result.stderr.trim().split('\n').filter(line => !line.includes('was interrupted'));
	expect(lines, result.stderr).toHaveLength(1);
	expect(lines[0]).toMatch(mentions);
	expect(result.stderr).not.toMatch(/\n\s+at /);
}

/** Runs `status` under /usr/bin/time: the result and the peak memory (RSS, MB). */
function statusWithMemory(root: string): {status: number | null; stdout: string; stderr: string; peakMb: number} {
	const result = spawnSync('/usr/bin/time', ['-f', 'peak-rss-kb %M', process.execPath, binary, 'status', '-C', root], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}, timeout: 300_000, maxBuffer: 64 * 1024 * 1024});
	const peak = /peak-rss-kb (\d+)/.exec(result.stderr);
	return {status: result.status, stdout: result.stdout, stderr: result.stderr.replace(/peak-rss-kb \d+\n?/, ''), peakMb: peak ? Number(peak[1]) / 1024 : Number.NaN};
}

describe('hostile repositories', () => {
	hostile('escape sequences in commit subjects, file names and claims stay inert in status and in a dashboard frame', async () => {
		const repo = await repository('escapes');
		await repo.commit({branch: 'codex/escapes', from: 'main', message: `fix: ${allEscapes}`, files: {[`src/${escapes.title}.ts`]: 'x\n'}});
		await writeFile(path.join(repo.root, 'AI_CURRENT_WORK.md'), `# AI Current Work Status\n\n## Claude Code Status\n- **Currently Working On**: ${allEscapes}\n- **Files Being Modified**:\n  - src/${escapes.clipboard}.ts\n- **Status**: 🔄 In Progress\n`);
		// Git itself refuses control characters in branch names.
		expect((await repo.gitResult(['branch', `claude/${escapes.title}`], [128])).exitCode).toBe(128);
		for (const args of [['status'], ['status', '--all']]) {
			const result = runCli([...args, '-C', repo.root]);
			expect(result.status, result.stderr).toBe(0);
			expectInert(result.stdout + result.stderr, `switchyard ${args.join(' ')}`);
			expect(result.stdout).toContain('codex/escapes');
			expect(result.stdout).toContain('␛]0;owned title␇ ␛[2J␛[H ␛]52;c;');
		}

		const session = await startLiveSession(repo.root, () => Date.now(), {watch: false});
		const {lastFrame, unmount} = await renderApp({...session.state} as LiveState, {columns: 160, rows: 40});
		const frame = lastFrame() ?? '';
		expect(frame).toContain('codex/escapes');
		// Shown, made visible: the claim's escape sequences as symbols.
		expect(frame).toContain('␛]0;owned title␇');
		expectInert(frame, 'the dashboard frame');
		unmount();
	});

	hostile('branch names that start with a dash, unicode names and 250-byte names', async () => {
		const repo = await repository('names');
		const tip = (await repo.git(['rev-parse', 'claude/feature'])).trim();
		const names = ['-dash', 'claude/-rf', 'claude/ünïcödé-🤖-名前', `claude/${'x'.repeat(243)}`];
		for (const name of names) {
			await repo.git(['update-ref', `refs/heads/${name}`, tip]);
		}

		const result = runCli(['status', '--all', '-C', repo.root]);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toContain('ünïcödé');
		const json = runCli(['status', '--json', '-C', repo.root]);
		const document = JSON.parse(json.stdout) as {branches: Array<{name: string}>};
		for (const name of names) {
			expect(document.branches.map(branch => branch.name)).toContain(name);
		}

		// A name that looks like an option is a branch to git, never an option.
		for (const name of ['-dash', 'claude/-rf']) {
			const dry = runCli(['integrate', '--dry-run', '--order', 'given', '-C', repo.root, '--', name]);
			expect(dry.status, dry.stderr).toBe(0);
			expect(dry.stdout).toContain(`1. ${name}: merges cleanly`);
		}
	});

	hostile('a coordination file that is a link out of the repository is not followed', async () => {
		const repo = await repository('symlink');
		const outside = await mkdtemp(path.join(os.tmpdir(), 'switchyard-outside-'));
		cleanups.push(async () => rm(outside, {recursive: true, force: true}));
		await writeFile(path.join(outside, 'secret.md'), '# AI Current Work Status\n\n## Claude Code Status\n- **Currently Working On**: OUTSIDE-SECRET-7731\n');
		await symlink(path.join(outside, 'secret.md'), path.join(repo.root, 'AI_CURRENT_WORK.md'));
		const result = runCli(['status', '-C', repo.root]);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout + result.stderr).not.toContain('OUTSIDE-SECRET-7731');
		const json = runCli(['status', '--json', '-C', repo.root]);
		expect(json.stdout).not.toContain('OUTSIDE-SECRET-7731');
		expect(json.stdout).toContain('is a link out of the repository; not followed');
	});

	hostile('a coordination file that is a FIFO does not hang status', async () => {
		const repo = await repository('fifo');
		expect(spawnSync('mkfifo', [path.join(repo.root, 'AI_SYNC_STATUS.json')]).status).toBe(0);
		const result = runCli(['status', '--json', '-C', repo.root]);
		expect(result.signal, 'status hung on the FIFO').toBeNull();
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toContain('is not a regular file');
	});

	hostile('a 2 GB sparse coordination file and a 5 MB one are skipped, memory stays small', async () => {
		const repo = await repository('sparse');
		const handle = await open(path.join(repo.root, 'AI_HANDOFF.md'), 'w');
		await handle.truncate(2 * 1024 * 1024 * 1024);
		await handle.close();
		await writeFile(path.join(repo.root, 'AI_CURRENT_WORK.md'), '# AI Current Work Status\n' + '- **Currently Working On**: x\n'.repeat(180_000));
		const result = statusWithMemory(repo.root);
		expect(result.status, result.stderr).toBe(0);
		expect(result.peakMb).toBeLessThan(250);
		const json = runCli(['status', '--json', '-C', repo.root]);
		expect(json.stdout.match(/too large to read; skipped/g)).toHaveLength(2);
	});

	hostile('a config with verification commands never runs them untrusted; a config with 10,000 agents is read', async () => {
		const repo = await repository('config');
		const marker = path.join(repo.root, '..', 'ran-untrusted');
		await writeFile(path.join(repo.root, '.switchyard.json'), JSON.stringify({verify: [`touch ${marker}`]}));
		const integrate = runCli(['integrate', 'claude/feature', '--yes', '-C', repo.root]);
		expect(existsSync(marker), integrate.stdout + integrate.stderr).toBe(false);
		expect(integrate.stderr).toContain('.switchyard.json is not trusted — run `switchyard trust`');
		const agents = Object.fromEntries(Array.from({length: 10_000}, (_, index) => [`agent${index}`, {aliases: [`Agent Number ${index}`]}]));
		await writeFile(path.join(repo.root, '.switchyard.json'), JSON.stringify({agents}));
		await repo.commit({branch: 'codex/after', from: 'main', message: 'feat: after', files: {'src/after.ts': 'z\n'}});
		const result = statusWithMemory(repo.root);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toContain('codex/after');
		expect(result.peakMb).toBeLessThan(250);
	});

	hostile('a repository mid-rebase: flows refuse in one line, status works', async () => {
		const scenario = await buildBadInputRepo('mid-rebase');
		cleanups.push(async () => scenario.cleanup());
		expect(runCli(['status', '-C', scenario.root]).status).toBe(0);
		expectOneLineRefusal(runCli(['integrate', scenario.facts.branches[0]!, '--yes', '--verify', 'true', '-C', scenario.root]), /rebase/);
	});

	hostile('an index.lock left behind: flows refuse in one line, status works and leaves the lock', async () => {
		const repo = await repository('lock');
		const lock = path.join(repo.gitDir, 'index.lock');
		await writeFile(lock, '');
		expect(runCli(['status', '-C', repo.root]).status).toBe(0);
		expectOneLineRefusal(runCli(['integrate', 'claude/feature', '--yes', '--verify', 'true', '-C', repo.root]), /index\.lock/);
		expect(existsSync(lock)).toBe(true);
	});

	hostile('a shallow clone: status works, flows refuse in one line', async () => {
		const scenario = await buildBadInputRepo('shallow-clone');
		cleanups.push(async () => scenario.cleanup());
		expect(runCli(['status', '-C', scenario.root]).status).toBe(0);
		expectOneLineRefusal(runCli(['integrate', 'claude/feature', '--yes', '--verify', 'true', '-C', scenario.root]), /shallow/);
	});

	hostile('5,000 branches: status completes with bounded memory', async () => {
		const repo = await repository('many');
		const base = (await repo.git(['rev-parse', 'main'])).trim();
		const lines: string[] = [];
		for (let index = 0; index < 5000; index++) {
			const agent = ['claude', 'codex', 'gemini', 'copilot'][index % 4];
			lines.push(`commit refs/heads/${agent}/task-${index}`, 'committer A <a@example.com> 1767225600 +0000', 'data 9', `task ${index}`.padEnd(9, ' '), `from ${base}`, `M 100644 inline src/task-${index}.ts`, 'data 2', 'x', '');
		}

		await repo.git(['fast-import', '--quiet'], {input: lines.join('\n') + '\n'});
		expect((await repo.git(['for-each-ref', '--format=x', 'refs/heads/'])).split('\n').filter(Boolean).length).toBeGreaterThan(5000);
		const result = statusWithMemory(repo.root);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toContain('task-4999');
		figure(`status with 5,000 branches: peak memory ${Math.round(result.peakMb)} MB`);
		expect(result.peakMb).toBeLessThan(400);
	}, 300_000);

	hostile('a worktree whose folder was deleted by hand: status works, an integration still runs', async () => {
		const repo = await repository('gone');
		const folder = path.join(path.dirname(repo.root), 'agent-worktree');
		await mkdir(path.dirname(folder), {recursive: true});
		await repo.git(['worktree', 'add', '-q', folder, 'claude/feature']);
		await rm(folder, {recursive: true, force: true});
		const status = runCli(['status', '-C', repo.root]);
		expect(status.status, status.stderr).toBe(0);
		await repo.commit({branch: 'codex/other', from: 'main', message: 'feat: other', files: {'src/other.ts': 'y\n'}});
		const integrate = runCli(['integrate', 'codex/other', '--yes', '--verify', 'true', '-C', repo.root]);
		expect(integrate.status, integrate.stderr).toBe(0);
		expect((await readFile(path.join(repo.gitDir, 'worktrees', 'agent-worktree', 'gitdir'), 'utf8')).trim()).toContain('agent-worktree');
	});
});
