/**
 * `switchyard integrate` in a real terminal (tmux): without `--yes` it asks. A conflict
 * keeps the stopped merge and offers resolve by hand and continue (the default
 * `--on-conflict ask` with a terminal); a red integration's worktree is kept for
 * inspection until the person closes the flow. Waits on the screen's text only.
 */
import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {binary} from '../cli/run-cli.js';
import {integrationRepo} from '../flows/integration-repos.js';
import {edit, minutes} from '../git/test-repos.js';
import {TmuxSession} from './tmux.js';

const repos: RepoBuilder[] = [];
const terminals: TmuxSession[] = [];
afterEach(async () => {
	for (const terminal of terminals.splice(0)) {
		terminal.kill();
	}

	for (const repo of repos.splice(0)) {
		await repo.cleanup();
	}
});

async function start(repo: RepoBuilder, args: string[]): Promise<TmuxSession> {
	const terminal = new TmuxSession(repo.root);
	terminals.push(terminal);
	await terminal.waitFor(screen => screen.includes('e2e$'), 'the shell prompt');
	terminal.type(`node ${binary} integrate ${args.join(' ')}`);
	terminal.press('Enter');
	return terminal;
}

const flowWorktree = async (repo: RepoBuilder) => /^worktree (.+)$/m.exec((await repo.git(['worktree', 'list', '--porcelain'])).split('\n\n')[1] ?? '')?.[1];

describe('integrate in a terminal', () => {
	it('on a conflict, continue names a file still unresolved, then commits the hand resolution, and main gets it', async () => {
		const repo = await integrationRepo();
		repos.push(repo);
		await repo.commit({branch: 'claude/a', from: 'main', message: 'a: line 5', files: {'src/a.ts': edit('a', 5, 'claude five')}, at: minutes(10)});
		await repo.commit({branch: 'codex/b', from: 'main', message: 'a: line 5 too', files: {'src/a.ts': edit('a', 5, 'codex five')}, at: minutes(11)});
		const terminal = await start(repo, ['claude/a', 'codex/b', '--order', 'given']);
		await terminal.waitFor(screen => screen.includes('[c]ontinue / [s]kip / [a]bort'), 'the conflict question');
		const folder = (await flowWorktree(repo))!;
		expect(await readFile(path.join(folder, 'src/a.ts'), 'utf8')).toMatch(/^<<<<<<< /m);
		terminal.type('c');
		terminal.press('Enter');
		await terminal.waitFor(screen => screen.includes('still unresolved: src/a.ts'), 'the file still unresolved');
		await writeFile(path.join(folder, 'src/a.ts'), edit('a', 5, 'both five'));
		terminal.type('c');
		terminal.press('Enter');
		await terminal.waitFor(screen => /fast-forward main to \w+ \(claude\/a, codex\/b\)\? \[y\/N\]/.test(screen), 'the promotion question');
		terminal.type('y');
		terminal.press('Enter');
		await terminal.waitFor(screen => screen.includes('delete the merged branches claude/a, codex/b (git branch -d)? [y/N]'), 'the offer to delete');
		terminal.press('Enter');
		await terminal.waitFor(screen => screen.includes('mark the claims of claude, codex done? [y/N]'), 'the offer to finish claims');
		terminal.press('Enter');
		const screen = await terminal.waitFor(screen => /e2e\$ \s*$/.test(screen.trimEnd() + ' '), 'the shell prompt again');
		expect(screen).toContain('codex/b: merged, its conflict resolved by hand');
		expect(screen).toMatch(/promoted: main is now \w+ \(claude\/a, codex\/b\)/);
		expect(await repo.git(['show', 'main:src/a.ts'])).toContain('both five');
		expect(await repo.git(['branch', '--list', 'claude/a', 'codex/b'])).not.toBe('');
		expect(await flowWorktree(repo)).toBeUndefined();
	});

	it('after red, keeps the worktree for inspection when asked, until enter closes the flow', async () => {
		const repo = await integrationRepo();
		repos.push(repo);
		await repo.commit({branch: 'claude/a', from: 'main', message: 'a breaks the build', files: {'broken.txt': 'x\n'}, at: minutes(10)});
		const terminal = await start(repo, ['claude/a', '--verify', "'test ! -f broken.txt'"]);
		await terminal.waitFor(screen => /keep the worktree .+ for inspection\? \[y\/N\]/.test(screen.replace(/\n/g, '')), 'the question to keep the worktree');
		terminal.type('y');
		terminal.press('Enter');
		await terminal.waitFor(screen => screen.includes('press enter to close the flow'), 'the inspection');
		const folder = (await flowWorktree(repo))!;
		expect(await readFile(path.join(folder, 'broken.txt'), 'utf8')).toBe('x\n');
		terminal.press('Enter');
		const screen = await terminal.waitFor(screen => /e2e\$ \s*$/.test(screen.trimEnd() + ' '), 'the shell prompt again');
		expect(screen).toContain('switchyard: verification failed (culprit claude/a); nothing was promoted');
		expect(await flowWorktree(repo)).toBeUndefined();
		expect(await repo.git(['branch', '--list', 'test/*'])).toBe('');
	});
});
