/** The engine on a real repository, in process: what git was asked, in which order. */
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {openRepository} from '../../source/repo/open-repository.js';
import {FlowError, latestFlow, newFlowId, rollbackFlow, runFlow, type FlowContext} from '../../source/flows/engine/index.js';
import {integrationMachine} from '../../source/flows/integration/machine.js';
import {GitCommandLog} from '../../source/git/command-log.js';
import {StateStore} from '../../source/store/state-store.js';
import {addCleanBranches, integrationRepo} from './integration-repos.js';

const repos: RepoBuilder[] = [];
afterEach(async () => {
	for (const repo of repos.splice(0)) {
		await repo.cleanup();
	}
});

describe('the engine running the integration flow', () => {
	async function setUp() {
		const repo = await integrationRepo();
		repos.push(repo);
		const branches = await addCleanBranches(repo);
		const log = new GitCommandLog(5000);
		const open = await openRepository(repo.root, log);
		const store = new StateStore(open.location.commonDir);
		const context: FlowContext = {git: open.git, store, say() {}, answer: async () => true, verify: async () => ({passed: true, tree: 'unused', summary: []})};
		const base = await repo.revParse('main');
		const id = newFlowId('integration', new Date());
		const tips = await Promise.all(branches.map(async name => ({name, tip: await repo.revParse(name), agent: name.split('/')[0]!})));
		const input = {base: 'main', baseTip: base, branches: tips, integrationBranch: 'test/integration-x', folder: store.path('flows', id, 'worktree'), commands: ['true'], onConflict: 'abort' as const};
		return {repo, context, store, base, id, input};
	}

	it('stops with one line naming the step when an effect fails; rollback then leaves a ref someone else moved, naming it', async () => {
		const {repo, context, store, base, id, input} = await setUp();
		// No remote called "nowhere": the push fails after main was promoted.
		const error = await runFlow(integrationMachine, id, {...input, pushTo: 'nowhere'}, context, 'test').catch((error: unknown) => error as Error);
		expect(error).toBeInstanceOf(FlowError);
		expect((error as Error).message).toMatch(/; the integration flow stopped at step 9 \(push\): run `switchyard resume` or `switchyard rollback`$/);
		expect(latestFlow(store)?.status).toBe('interrupted');
		const promoted = await repo.revParse('main');
		expect(promoted).not.toBe(base);

		const elsewhere = await repo.commit({branch: 'main', message: 'someone else', files: {'x.txt': 'x\n'}});
		const report = await rollbackFlow(context);
		expect(report.refused).toEqual(['refs/heads/main']);
		expect(report.lines).toContain(`main was moved by someone else (now ${elsewhere.slice(0, 12)}); left as it is`);
		expect(await repo.revParse('main')).toBe(elsewhere);
		// What the flow created is gone all the same.
		expect(await repo.git(['branch', '--list', 'test/*'])).toBe('');
		expect(await repo.tryRevParse(`refs/switchyard/backup/${id}/refs/heads/main`)).toBe(base);

		// Put main back where the flow left it: a second rollback restores it and finishes.
		await repo.git(['update-ref', 'refs/heads/main', promoted, elsewhere]);
		const again = await rollbackFlow(context);
		expect(again.refused).toEqual([]);
		expect(await repo.revParse('main')).toBe(base);
		expect(latestFlow(store)?.status).toBe('rolled-back');
	});

	it('keeps a red integration\'s worktree, at the whole integration, while the person inspects it; closing cleans up, and rollback removes it when the process dies meanwhile', async () => {
		const {repo, context, id, input} = await setUp();
		const held: Array<{folder: string; head: string; branch: string}> = [];
		const red = {...context, verify: async () => ({passed: false, tree: 'unused', summary: ['failed: false']})};
		const state = await runFlow(integrationMachine, id, {...input, inspect: true}, {
			...red,
			async hold(folder) {
				held.push({folder, head: (await repo.git(['-C', folder, 'rev-parse', 'HEAD'])).trim(), branch: await repo.revParse('test/integration-x')});
			},
		}, 'test');
		expect(state.outcome).toBe('red');
		expect(held).toHaveLength(1);
		expect(held[0]!.folder).toBe(input.folder);
		// Put back on the whole integration after the bisection's probes; the branch still there.
		expect(held[0]!.head).toBe(held[0]!.branch);
		expect((await repo.git(['rev-list', '--first-parent', '--count', held[0]!.head])).trim()).toBe(String(Number((await repo.git(['rev-list', '--first-parent', '--count', 'main'])).trim()) + 3));
		expect(await repo.git(['branch', '--list', 'test/*'])).toBe('');
		expect((await repo.git(['worktree', 'list', '--porcelain'])).match(/^worktree /gm)).toHaveLength(1);

		// The process dies while the worktree is kept: rollback removes it and the branch.
		const second = newFlowId('integration', new Date(Date.now() + 60_000));
		const dying = await runFlow(integrationMachine, second, {...input, folder: input.folder.replace(id, second), inspect: true}, {
			...red,
			async hold() {
				throw new Error('the terminal was closed');
			},
		}, 'test').catch((error: unknown) => error as Error);
		expect(dying).toBeInstanceOf(FlowError);
		expect((await repo.git(['worktree', 'list', '--porcelain'])).match(/^worktree /gm)).toHaveLength(2);
		const report = await rollbackFlow(context);
		expect(report.lines).toContain(`removed the worktree ${input.folder.replace(id, second)}`);
		expect(report.lines).toContain('deleted the branch test/integration-x');
		expect((await repo.git(['worktree', 'list', '--porcelain'])).match(/^worktree /gm)).toHaveLength(1);
	});

	it('moves main only by compare-and-swap, after keeping its old value as a backup ref, through the shared command log', async () => {
		const repo = await integrationRepo();
		repos.push(repo);
		const branches = await addCleanBranches(repo);
		const log = new GitCommandLog(5000);
		const open = await openRepository(repo.root, log);
		const store = new StateStore(open.location.commonDir);
		const said: string[] = [];
		const questions: string[] = [];
		const context: FlowContext = {
			git: open.git,
			store,
			say: line => said.push(line),
			answer: async question => {
				questions.push(question);
				return true;
			},
			verify: async () => ({passed: true, tree: 'unused', summary: []}),
		};
		const base = await repo.revParse('main');
		const id = newFlowId('integration', new Date());
		const tips = await Promise.all(branches.map(async name => ({name, tip: await repo.revParse(name), agent: name.split('/')[0]!})));
		const state = await runFlow(
			integrationMachine,
			id,
			{base: 'main', baseTip: base, branches: tips, integrationBranch: 'test/integration-x', folder: store.path('flows', id, 'worktree'), commands: ['true'], onConflict: 'abort'},
			context,
			'test',
		);
		expect(state.outcome).toBe('promoted');
		const promoted = await repo.revParse('main');
		expect(questions).toEqual([`fast-forward main to ${promoted.slice(0, 12)} (claude/a, codex/b, gemini/c)?`]);

		const commands = log.records.map(record => record.args.join(' '));
		const backup = commands.indexOf(`update-ref -m switchyard --end-of-options refs/switchyard/backup/${id}/refs/heads/main ${base} 0000000000000000000000000000000000000000`);
		const move = commands.indexOf(`update-ref -m switchyard --end-of-options refs/heads/main ${promoted} ${base}`);
		expect(backup).toBeGreaterThanOrEqual(0);
		expect(move).toBeGreaterThan(backup);
		expect(commands.filter(command => command.startsWith('merge --no-ff'))).toHaveLength(3);
		expect(commands.filter(command => /--force\b|^push|^reset|^stash|^checkout/.test(command) && !command.startsWith('worktree remove'))).toEqual([]);
		// The backup stays for undo; the journal says the flow finished.
		expect((await repo.git(['for-each-ref', '--format=%(objectname)', 'refs/switchyard/'])).trim()).toBe(base);
		expect(latestFlow(store)?.status).toBe('finished');
	});
});
