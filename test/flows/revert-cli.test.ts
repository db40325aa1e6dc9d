/** `switchyard revert` end to end, through the built binary, on a broken main built by fixtures/broken-main. */
import {existsSync, readFileSync} from 'node:fs';
import {rm} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {brokenMainFacts, brokenMainRepo, type BrokenMainOptions} from '../../fixtures/broken-main.js';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {runCli} from '../cli/run-cli.js';
import {refsOf, userFingerprint} from './integration-repos.js';

const repos: RepoBuilder[] = [];
afterEach(async () => {
	for (const repo of repos.splice(0)) {
		await repo.cleanup();
	}
});

async function make(options: BrokenMainOptions = {}): Promise<RepoBuilder> {
	const repo = await brokenMainRepo(options);
	repos.push(repo);
	return repo;
}

const revert = (repo: RepoBuilder, args: string[]) => runCli(['revert', '--verify', brokenMainFacts.verify, ...args, '-C', repo.root]);

/** Files of a commit's tree. */
async function filesAt(repo: RepoBuilder, revision: string): Promise<string[]> {
	return (await repo.git(['ls-tree', '-r', '--name-only', revision])).trim().split('\n');
}

/** The subjects of main's first-parent line, newest first. */
async function firstParentSubjects(repo: RepoBuilder, count: number): Promise<string[]> {
	return (await repo.git(['log', '--first-parent', `-n${count}`, '--format=%s', 'main'])).trim().split('\n');
}

function ledger(repo: RepoBuilder): Array<Record<string, string>> {
	const file = path.join(repo.gitDir, 'switchyard', 'reverts', 'ledger.json');
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as {data: Array<Record<string, string>>}).data : [];
}

describe('revert', () => {
	it('finds the breaking merge by first-parent bisection in log2(N) runs and reverts only it', async () => {
		const repo = await make();
		const before = await userFingerprint(repo);
		const tip = await repo.revParse('main');
		const result = revert(repo, ['--yes']);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		// Six first-parent commits (five merges and the initial commit) are the suspects.
		expect(result.stdout).toContain('finding the culprit by first-parent bisection');
		expect(result.stdout).toMatch(/3\. \w{12} 2026-01-05 09:\d\d merge of gemini\/search \(gemini\), 2 commits: broken\.txt, src\/app\.ts, src\/search-index\.ts, src\/search\.ts$/m);
		// One run on the tip, ceil(log2 6) = 3 probes at most, one run of the revert.
		const runs = result.stdout.match(/^verification run \d+:/gm) ?? [];
		expect(runs.length).toBeLessThanOrEqual(1 + 3 + 1);
		expect(result.stdout).toContain(`culprit: gemini/search (`);
		expect(result.stdout).toContain(`agent gemini), found in ${runs.length} verification runs`);
		// The output tail of a failed run is in the report.
		expect(result.stdout).toContain('verification run 1: main\'s tip fails');
		expect(result.stdout).toContain(`  failed: ${brokenMainFacts.verify} (exit 1`);
		expect(result.stdout).toContain('    | build failed: broken.txt is here\n');
		// main gained exactly one commit, the revert of the culprit's merge, on top of the old tip.
		expect((await repo.git(['rev-parse', 'main~1'])).trim()).toBe(tip);
		const subject = (await firstParentSubjects(repo, 1))[0]!;
		expect(subject).toBe('Revert "Merge branch \'gemini/search\'"');
		const files = await filesAt(repo, 'main');
		expect(files).not.toContain('broken.txt');
		expect(files).not.toContain('src/search.ts');
		for (const other of ['auth', 'api', 'theme', 'docs']) {
			expect(files).toContain(`src/${other}.ts`);
		}

		// The user's checkout (on work) is untouched; the flow's worktree is gone.
		expect(await userFingerprint(repo)).toBe(before);
		expect((await repo.git(['worktree', 'list'])).trim().split('\n')).toHaveLength(1);
		// The ledger records the reverted merge.
		const [entry, ...rest] = ledger(repo);
		expect(rest).toHaveLength(0);
		expect(entry).toMatchObject({branch: 'gemini/search', agent: 'gemini', commit: await repo.revParse('main~3'), revertCommit: await repo.revParse('main'), base: 'main'});
	});

	it('reverts newest first when there are three suspects, stops at the first green, and promotes the culprit reverted alone', async () => {
		const repo = await make();
		const tip = await repo.revParse('main');
		const result = revert(repo, ['--last', '3', '--yes']);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('finding the culprit newest first, one revert at a time');
		const runs = (result.stdout.match(/^verification run \d+: .+$/gm) ?? []).map(line => line.replace(/^verification run \d+: /, ''));
		expect(runs).toEqual([
			"main's tip fails",
			'devin/docs reverted fails',
			'cursor/theme reverted (with the 1 newer) fails',
			'gemini/search reverted (with the 2 newer) passes',
			'gemini/search reverted alone passes',
		]);
		expect(result.stdout).toContain('culprit: gemini/search (');
		expect(result.stdout).toContain('agent gemini), found in 5 verification runs');
		expect(result.stdout).toContain('reverting gemini/search alone is enough: the 2 newer commits are kept');
		expect((await repo.git(['rev-parse', 'main~1'])).trim()).toBe(tip);
		const files = await filesAt(repo, 'main');
		expect(files).toContain('src/theme.ts');
		expect(files).toContain('src/docs.ts');
		expect(files).not.toContain('src/search.ts');
		expect(ledger(repo).map(entry => entry.branch)).toEqual(['gemini/search']);
	});

	it('reverts a plain commit on main (not a merge) with a plain git revert', async () => {
		const repo = await make({brokenBy: 'commit'});
		const result = revert(repo, ['--last', '2', '--yes']);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toMatch(/1\. \w{12} .+ commit "build: add generated file": CHANGELOG\.md, broken\.txt/);
		expect(result.stdout).toContain('culprit: build: add generated file (');
		expect((await firstParentSubjects(repo, 1))[0]).toBe('Revert "build: add generated file"');
		expect((await repo.git(['rev-list', '--parents', '-n1', 'main'])).trim().split(' ')).toHaveLength(2);
		expect(await filesAt(repo, 'main')).not.toContain('CHANGELOG.md');
		expect(ledger(repo)).toMatchObject([{commit: await repo.revParse('main~1')}]);
		expect(ledger(repo)[0]!.branch).toBeUndefined();
	});

	it('promotes into a checked-out main with git merge --ff-only: local changes and the stash stay byte-identical', async () => {
		const repo = await make({userOn: 'main'});
		const stash = await repo.revParse('stash@{0}');
		const index = (await repo.git(['diff', '--cached', '--name-status'])).trim();
		const result = revert(repo, ['--yes']);
		expect(result.status, result.stderr).toBe(0);
		expect(existsSync(path.join(repo.root, 'broken.txt'))).toBe(false);
		expect(existsSync(path.join(repo.root, 'src/search.ts'))).toBe(false);
		expect(readFileSync(path.join(repo.root, 'README.md'), 'utf8')).toBe('hello, edited by the user\n');
		expect(readFileSync(path.join(repo.root, 'scratch.txt'), 'utf8')).toBe('untracked\n');
		expect((await repo.git(['diff', '--cached', '--name-status'])).trim()).toBe(index);
		expect(await repo.revParse('stash@{0}')).toBe(stash);
		expect((await repo.git(['stash', 'list'])).trim().split('\n')).toHaveLength(1);
		expect(await repo.revParse('HEAD')).toBe(await repo.revParse('main'));
		expect((await repo.git(['status', '--porcelain'])).replace(/\n$/, '').split('\n').sort()).toEqual(['A  scratch.txt', ' M README.md'].sort());
	});

	it('shows the files of a revert that conflicts with later commits and aborts, changing nothing', async () => {
		const repo = await make({conflictAfter: true});
		const before = await refsOf(repo);
		const result = revert(repo, ['--yes']);
		expect(result.status).toBe(1);
		expect(result.stderr).toBe('switchyard: the revert of gemini/search conflicts with later commits (src/app.ts); nothing was changed (use --on-conflict skip to go on without it)\n');
		expect(result.stdout).toContain('the revert of gemini/search conflicts with later commits in src/app.ts');
		expect(await refsOf(repo)).toBe(before);
		expect(ledger(repo)).toEqual([]);
		expect((await repo.git(['worktree', 'list'])).trim().split('\n')).toHaveLength(1);
	});

	it('refuses to promote when main moved during the flow, and says to run again', async () => {
		const repo = await make();
		const start = await repo.revParse('main');
		const elsewhere = await repo.commit({branch: 'main', message: 'someone else', files: {'other.txt': 'x\n'}});
		await repo.git(['update-ref', 'refs/heads/main', start, elsewhere]);
		// The verification command moves main once, as another process would while the flow runs.
		const result = runCli(['revert', '--verify', `git update-ref refs/heads/main ${elsewhere} ${start} 2>/dev/null; ${brokenMainFacts.verify}`, '--yes', '-C', repo.root]);
		expect(result.status).toBe(1);
		expect(result.stderr).toBe('switchyard: main moved during the revert flow; nothing was promoted: run `switchyard revert` again on the new tip\n');
		expect(await repo.revParse('main')).toBe(elsewhere);
		expect(ledger(repo)).toEqual([]);
	});

	it('stops with exit 0 when main passes, changing nothing', async () => {
		const repo = await make();
		const before = await refsOf(repo);
		const result = runCli(['revert', '--verify', 'true', '--yes', '-C', repo.root]);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('main passes — nothing to revert\n');
		expect(result.stdout.match(/^verification run/gm)).toHaveLength(1);
		expect(await refsOf(repo)).toBe(before);
	});

	it('undoes the promotion while main has not moved since; the ledger entry then marks nothing', async () => {
		const repo = await make();
		const start = await repo.revParse('main');
		expect(revert(repo, ['--yes']).status).toBe(0);
		const undo = runCli(['undo', '--yes', '-C', repo.root]);
		expect(undo.status, undo.stderr).toBe(0);
		expect(await repo.revParse('main')).toBe(start);
		// The ledger still has the entry, but its revert is no longer on main: the branch is not marked.
		expect(ledger(repo)).toHaveLength(1);
		const status = JSON.parse(runCli(['status', '--json', '--all', '-C', repo.root]).stdout) as {branches: Array<{name: string; revertedOnBase?: unknown}>};
		expect(status.branches.filter(branch => branch.revertedOnBase)).toEqual([]);
	});

	it('refuses in one line a bad --last, no verification command, and no terminal without --yes', async () => {
		const repo = await make();
		expect(runCli(['revert', '--last', 'x', '-C', repo.root]).stderr).toBe('switchyard: --last takes a whole number of commits, at least 1, not "x" (see switchyard --help)\n');
		expect(runCli(['revert', '--yes', '-C', repo.root]).stderr).toBe('switchyard: the revert flow needs a verification command to tell broken from fixed: pass --verify CMD, or trust the config\'s "verify" with `switchyard trust`\n');
		const noTerminal = revert(repo, []);
		expect(noTerminal.status).toBe(2);
		expect(noTerminal.stderr).toBe('switchyard: revert asks before it moves a ref, and there is no terminal to ask in: run it in a terminal or pass --yes\n');
	});

	it('marks the reverted branch in status, and a re-merge of the fixed branch through integrate brings back all of its files', async () => {
		const repo = await make();
		expect(revert(repo, ['--yes']).status).toBe(0);
		const merge = await repo.revParse('main~3');
		const revertCommit = await repo.revParse('main');
		// The agent fixes its branch: one commit that removes broken.txt, nothing else.
		await repo.commit({branch: 'gemini/search', message: 'search: remove the file that broke the build', files: {'broken.txt': null}});
		const status = JSON.parse(runCli(['status', '--json', '-C', repo.root]).stdout) as {branches: Array<{name: string; revertedOnBase?: unknown; readiness: {verdict: string; reasons: string[]}}>};
		const row = status.branches.find(branch => branch.name === 'gemini/search')!;
		expect(row.revertedOnBase).toEqual({merge, revert: revertCommit, source: 'ledger'});
		expect(row.readiness.verdict).toBe('blocked');
		expect(row.readiness.reasons[0]).toBe(`reverted on base by ${revertCommit.slice(0, 12)}: merging it again needs that revert reverted first, or its earlier commits stay out (switchyard integrate offers to)`);
		expect(status.branches.filter(branch => branch.revertedOnBase).map(branch => branch.name)).toEqual(['gemini/search']);
		expect(runCli(['status', '-C', repo.root]).stdout).toContain('reverted on base');

		// Found from base's history too, without the ledger.
		await rm(path.join(repo.gitDir, 'switchyard', 'reverts'), {recursive: true});
		const again = JSON.parse(runCli(['status', '--json', '-C', repo.root]).stdout) as typeof status;
		expect(again.branches.find(branch => branch.name === 'gemini/search')!.revertedOnBase).toEqual({merge, revert: revertCommit, source: 'history'});

		const result = runCli(['integrate', 'gemini/search', '--verify', brokenMainFacts.verify, '--yes', '-C', repo.root]);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		expect(result.stdout).toContain(`gemini/search: its merge ${merge.slice(0, 12)} was reverted on main by ${revertCommit.slice(0, 12)}; merged again as it is, only its newer commits would come back`);
		expect(result.stdout).toContain(`revert the revert ${revertCommit.slice(0, 12)} first, so all of gemini/search comes back? yes (--yes)`);
		const files = await filesAt(repo, 'main');
		for (const file of brokenMainFacts.culpritFiles) {
			expect(files).toContain(file);
		}

		expect(files).not.toContain('broken.txt');
		expect(await repo.git(['show', 'main:src/app.ts'])).toContain('app line 20, changed by search');
		expect(await repo.git(['show', 'main:src/search.ts'])).toBe(Array.from({length: 12}, (_, index) => `search line ${index + 1}`).join('\n') + '\n');
		// And the branch is no longer marked: its revert was reverted.
		const after = JSON.parse(runCli(['status', '--json', '-C', repo.root]).stdout) as typeof status;
		expect(after.branches.find(branch => branch.name === 'gemini/search')!.revertedOnBase).toBeUndefined();
	});

	it('keeps the newer reverts when the culprit alone cannot be reverted on the tip, and pushes on request, never with force', async () => {
		const repo = await make({conflictAfter: true});
		const remote = await repo.addBareRemote('origin', {push: ['main']});
		const tip = await repo.revParse('main');
		const result = revert(repo, ['--last', '3', '--yes', '--push']);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('reverting gemini/search alone conflicts with the newer commits: the newer reverts are needed too');
		expect(result.stdout).toMatch(/promoted: main is now \w{12}, reverting devin\/docs, cursor\/theme, gemini\/search, pushed\n/);
		expect((await repo.git(['rev-parse', 'main~3'])).trim()).toBe(tip);
		expect((await repo.git(['--git-dir', remote, 'rev-parse', 'main'])).trim()).toBe(await repo.revParse('main'));
		expect(ledger(repo).map(entry => entry.branch)).toEqual(['devin/docs', 'cursor/theme', 'gemini/search']);
		// Each entry names its own revert commit on main.
		expect(ledger(repo).map(entry => entry.revertCommit)).toEqual([await repo.revParse('main~2'), await repo.revParse('main~1'), await repo.revParse('main')]);
		// A pushed promotion is not undone locally.
		expect(runCli(['undo', '--yes', '-C', repo.root]).stderr).toContain('pushed');
	});
});
