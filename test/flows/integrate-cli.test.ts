/** `switchyard integrate` end to end, through the built binary, on real repositories. */
import {spawnSync} from 'node:child_process';
import {mkdir, readFile, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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

	it('predicts in the dry run the conflicts the real merge meets, including one that only appears after an earlier branch', async () => {
		const repo = await make();
		await repo.commit({branch: 'claude/a', from: 'main', message: 'a: line 5', files: {'src/a.ts': edit('a', 5, 'claude five')}, at: minutes(10)});
		// Conflicts with main alone? No: it edits line 5 too, but only claude/a's edit makes that a conflict.
		await repo.commit({branch: 'codex/b', from: 'main', message: 'a: line 5 too', files: {'src/a.ts': edit('a', 5, 'codex five')}, at: minutes(11)});
		await repo.commit({branch: 'gemini/c', from: 'main', message: 'c', files: {'src/c.ts': 'c\n'}, at: minutes(12)});
		const before = await refsOf(repo);
		const objects = await repo.git(['count-objects']);
		const dry = integrate(repo, ['claude/a', 'codex/b', 'gemini/c', '--order', 'given', '--dry-run']);
		expect(dry.status).toBe(1);
		expect(dry.stdout).toContain('  1. claude/a: merges cleanly\n  2. codex/b: conflicts in src/a.ts\n     it merges cleanly into main alone; the conflict comes from claude/a, merged before it\n  3. gemini/c: merges cleanly\n');
		// Looking never writes: no ref, no object, no state but switchyard's own.
		expect(await refsOf(repo)).toBe(before);
		expect(await repo.git(['count-objects'])).toBe(objects);

		const abort = integrate(repo, ['claude/a', 'codex/b', 'gemini/c', '--order', 'given', '--yes']);
		expect(abort.status).toBe(1);
		expect(abort.stderr).toContain('codex/b conflicts with the branches before it; integration aborted, nothing was changed');
		expect(abort.stdout).toContain('set aside codex/b: conflicts in src/a.ts');
		expect(await refsOf(repo)).toBe(before);

		const skip = integrate(repo, ['claude/a', 'codex/b', 'gemini/c', '--order', 'given', '--yes', '--on-conflict', 'skip']);
		expect(skip.status, skip.stderr).toBe(0);
		expect(skip.stdout).toContain('set aside codex/b: conflicts in src/a.ts');
		expect(skip.stdout).toMatch(/promoted: main is now \w+ \(claude\/a, gemini\/c\)/);
		expect(await repo.git(['branch', '--merged', 'main', '--list', '*/*'])).not.toContain('codex/b');
	});

	it('suggests an order: branches that conflict with no other chosen branch before those that do', async () => {
		const repo = await make();
		await repo.commit({branch: 'claude/x', from: 'main', message: 'x', files: {'src/a.ts': edit('a', 5, 'x five')}, at: minutes(10)});
		await repo.commit({branch: 'codex/y', from: 'main', message: 'y', files: {'src/a.ts': edit('a', 5, 'y five')}, at: minutes(11)});
		await repo.commit({branch: 'gemini/z', from: 'main', message: 'z', files: {'src/z.ts': 'z\n'}, at: minutes(12)});
		const dry = integrate(repo, ['claude/x', 'codex/y', 'gemini/z', '--dry-run']);
		expect(dry.stdout).toContain('  1. gemini/z: merges cleanly\n  2. claude/x: merges cleanly\n  3. codex/y: conflicts in src/a.ts\n');
		const given = integrate(repo, ['claude/x', 'codex/y', 'gemini/z', '--dry-run', '--order', 'given']);
		expect(given.stdout).toContain('  1. claude/x: merges cleanly\n  2. codex/y: conflicts in src/a.ts\n     it merges cleanly into main alone; the conflict comes from claude/x, merged before it\n  3. gemini/z: merges cleanly\n');
	});

	it('finds the culprit among four branches by bisection, reports the runs, and promotes the green prefix', async () => {
		const repo = await make();
		await addCleanBranches(repo);
		await repo.commit({branch: 'jules/d', from: 'main', message: 'd', files: {'src/d.ts': 'd\n'}, at: minutes(13)});
		await repo.commit({branch: 'codex/b', message: 'b breaks the build', files: {'broken.txt': 'x\n'}, at: minutes(14)});
		const start = await repo.revParse('main');
		const result = integrate(repo, ['claude/a', 'codex/b', 'gemini/c', 'jules/d', '--order', 'given', '--verify', 'test ! -f broken.txt', '--yes']);
		expect(result.status, result.stderr).toBe(1);
		expect(result.stdout).toContain('culprit: codex/b turns verification red (found in 3 verification runs)');
		expect(result.stdout).toContain('merged after it, not judged: gemini/c, jules/d');
		expect(result.stdout).toMatch(/promoted the green prefix: main is now \w+ \(claude\/a\), without codex\/b/);
		// main is exactly base + claude/a's merge.
		expect((await repo.git(['rev-parse', 'main^1'])).trim()).toBe(start);
		expect((await repo.git(['rev-parse', 'main^2'])).trim()).toBe(await repo.revParse('claude/a'));
	});

	it('verifies base first when the integration is red, and on a red base names no culprit, showing its output', async () => {
		const repo = await make();
		await repo.commit({branch: 'main', message: 'main breaks the build', files: {'broken.txt': 'x\n'}, at: minutes(5)});
		await addCleanBranches(repo);
		const start = await repo.revParse('main');
		const result = integrate(repo, ['claude/a', 'codex/b', 'gemini/c', '--order', 'given', '--verify', 'echo "broken.txt is here" && test ! -f broken.txt', '--yes']);
		expect(result.status).toBe(1);
		expect(result.stdout).toContain('main is already red — no branch is to blame\n');
		expect(result.stdout).toMatch(/ {2}main: failed: echo .* \(exit 1, /);
		expect(result.stdout).toContain('    | broken.txt is here\n');
		expect(result.stdout).not.toContain('culprit');
		expect(result.stderr).toBe('switchyard: main is already red — no branch is to blame; nothing was promoted\n');
		expect(await repo.revParse('main')).toBe(start);
		expect(await repo.git(['branch', '--list', 'test/*'])).toBe('');
	});

	it('refuses to promote when main moved during the flow, and says to run again', async () => {
		const repo = await make();
		const branches = await addCleanBranches(repo);
		const elsewhere = await repo.commit({branch: 'main', message: 'someone else', files: {'other.txt': 'x\n'}, at: minutes(20)});
		const start = (await repo.git(['rev-parse', 'main~1'])).trim();
		await repo.git(['update-ref', 'refs/heads/main', start, elsewhere]);
		// The verification command moves main, as another process would while the flow runs.
		const result = integrate(repo, [...branches, '--order', 'given', '--yes', '--verify', `git update-ref refs/heads/main ${elsewhere} ${start}`]);
		expect(result.status).toBe(1);
		expect(result.stderr).toBe('switchyard: main moved during the flow; nothing was promoted: run the integration again on the new tip\n');
		expect(await repo.revParse('main')).toBe(elsewhere);
		expect(await repo.git(['branch', '--list', 'test/*'])).toBe('');
	});

	it('promotes into a checked-out main with git merge --ff-only, keeping local changes, or refuses naming the files in the way', async () => {
		const repo = await make({userOn: 'main'});
		const branches = await addCleanBranches(repo);
		await repo.writeWorktreeFile('README.md', 'local change\n');
		const kept = integrate(repo, [branches[0]!, '--yes']);
		expect(kept.status, kept.stderr).toBe(0);
		expect(await repo.git(['show', 'HEAD:src/a.ts'])).toContain('a five');
		expect(await readFile(path.join(repo.root, 'src/a.ts'), 'utf8')).toContain('a five');
		expect(await readFile(path.join(repo.root, 'README.md'), 'utf8')).toBe('local change\n');
		expect((await repo.git(['status', '--porcelain'])).trim()).toBe('M README.md');

		await repo.writeWorktreeFile('src/b.ts', 'in the way\n');
		const start = await repo.revParse('main');
		const refused = integrate(repo, [branches[1]!, '--yes']);
		expect(refused.status).toBe(1);
		expect(refused.stderr).toMatch(/^switchyard: local changes in .+ are in the way: src\/b\.ts; commit or stash them, then run again; nothing was promoted\n$/);
		expect(await repo.revParse('main')).toBe(start);
		expect(await readFile(path.join(repo.root, 'src/b.ts'), 'utf8')).toBe('in the way\n');
	});

	it('undoes the last promotion, and refuses once main moved since', async () => {
		const repo = await make();
		const branches = await addCleanBranches(repo);
		const start = await repo.revParse('main');
		expect(integrate(repo, [branches[0]!, '--yes']).status).toBe(0);
		const undo = runCli(['undo', '--yes', '-C', repo.root]);
		expect(undo.status, undo.stderr).toBe(0);
		expect(undo.stdout).toContain(`main restored to ${start.slice(0, 12)}`);
		expect(await repo.revParse('main')).toBe(start);
		expect(await repo.git(['for-each-ref', 'refs/switchyard/'])).toBe('');
		expect(runCli(['undo', '--yes', '-C', repo.root]).stderr).toBe('switchyard: the last flow was already undone\n');

		expect(integrate(repo, [branches[1]!, '--yes']).status).toBe(0);
		const promoted = await repo.revParse('main');
		const moved = await repo.commit({branch: 'main', message: 'after the flow', files: {'late.txt': 'x\n'}, at: minutes(30)});
		const refused = runCli(['undo', '--yes', '-C', repo.root]);
		expect(refused.status).toBe(1);
		expect(refused.stderr).toBe(`switchyard: main moved since the integration flow (now ${moved.slice(0, 12)}, the flow left ${promoted.slice(0, 12)}): nothing was undone\n`);
		expect(await repo.revParse('main')).toBe(moved);
	});

	it('refuses, each in one line, an unknown branch, a merge in progress where main is checked out, an index.lock, and no terminal without --yes', async () => {
		const repo = await make({userOn: 'main'});
		const branches = await addCleanBranches(repo);
		expect(integrate(repo, ['nope/x', '--yes']).stderr).toBe('switchyard: unknown branch "nope/x": check the name with `git branch --list`\n');
		const askNoTerminal = integrate(repo, [branches[0]!, '--on-conflict', 'ask', '--yes']);
		expect(askNoTerminal.stderr).toBe('switchyard: --on-conflict ask needs a terminal to ask in: use abort or skip in scripts (see switchyard --help)\n');
		expect(runCli(['revert', '--on-conflict', 'ask', '--yes', '-C', repo.root]).stderr).toBe('switchyard: --on-conflict ask needs a terminal to ask in: use abort or skip in scripts (see switchyard --help)\n');
		const noTerminal = integrate(repo, [branches[0]!]);
		expect(noTerminal.status).toBe(2);
		expect(noTerminal.stderr).toBe('switchyard: integrate asks before it moves a ref, and there is no terminal to ask in: run it in a terminal or pass --yes\n');
		await writeFile(path.join(repo.gitDir, 'index.lock'), '');
		const locked = integrate(repo, [branches[0]!, '--yes']);
		expect(locked.status).toBe(2);
		expect(locked.stderr).toMatch(/index\.lock exists: another git command is running there/);
		await rm(path.join(repo.gitDir, 'index.lock'));
		await writeFile(path.join(repo.gitDir, 'MERGE_HEAD'), (await repo.revParse('claude/a')) + '\n');
		const merging = integrate(repo, [branches[0]!, '--yes']);
		expect(merging.status).toBe(2);
		expect(merging.stderr).toBe(`switchyard: ${repo.root} is in the middle of a merge: finish or abort it first\n`);
	});
});

describe('one flow at a time', () => {
	it('refuses while a live process holds the flow lock, naming it, and takes over a dead one after saying so', async () => {
		const repo = await make();
		const branches = await addCleanBranches(repo);
		const lock = path.join(repo.gitDir, 'switchyard', 'flows', 'active.lock');
		await mkdir(path.dirname(lock), {recursive: true});
		await writeFile(lock, JSON.stringify({pid: process.pid, host: os.hostname(), purpose: 'integrate other/x', since: '2026-01-05T09:00:00.000Z'}));
		const refused = integrate(repo, [branches[0]!, '--yes']);
		expect(refused.status).toBe(2);
		expect(refused.stderr).toBe(`switchyard: integrate other/x is running (process ${process.pid} on ${os.hostname()}, since 2026-01-05T09:00:00.000Z); wait for it to finish, or end it\n`);

		// A process that is gone: a child that has exited.
		const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'}).stdout;
		await writeFile(lock, JSON.stringify({pid: Number(gone), host: os.hostname(), purpose: 'integrate other/x', since: '2026-01-05T09:00:00.000Z'}));
		const taken = integrate(repo, [branches[0]!, '--yes']);
		expect(taken.status, taken.stderr).toBe(0);
		expect(taken.stdout).toContain(`took over the flow lock of process ${gone} (integrate other/x), which is gone`);
	});
});

describe('integrate --push', () => {
	it('pushes base without force after promotion, and undo then refuses', async () => {
		const repo = await make();
		const branches = await addCleanBranches(repo);
		await repo.addBareRemote('origin', {push: ['main']});
		const result = integrate(repo, [branches[0]!, '--yes', '--push']);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toMatch(/promoted: main is now \w+ \(claude\/a\), pushed/);
		expect((await repo.git(['ls-remote', 'origin', 'refs/heads/main'])).split('\t')[0]).toBe(await repo.revParse('main'));
		const undo = runCli(['undo', '--yes', '-C', repo.root]);
		expect(undo.status).toBe(1);
		expect(undo.stderr).toBe('switchyard: the last integration flow pushed main: undo only reverses local moves; revert on the remote instead\n');
	});
});
