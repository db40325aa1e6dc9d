/**
 * DESIGN §7.4, one case per journal step: a three-branch integration killed right
 * after each step is written (SWITCHYARD_FAILPOINT, a real SIGKILL of the built
 * binary) is rolled back to exactly the refs it started from with `git fsck` clean,
 * or resumed to the same result as an uninterrupted run; the user's files, index,
 * stash and branch never change. The step list comes from the journal of a full run.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {runCli, runCliAsync} from '../cli/run-cli.js';
import {journalName} from '../../source/flows/engine/journal.js';
import {StateStore} from '../../source/store/state-store.js';
import {figure} from '../reliability/setting.js';
import {addCleanBranches, integrationRepo} from './integration-repos.js';
import {journal, KillLab, twoAtATime} from './kill-points.js';

let lab: KillLab;
const args = ['integrate', 'claude/a', 'codex/b', 'gemini/c', '--order', 'given', '--verify', 'test -f src/c.ts', '--yes'];

let steps: Array<{step: number; type: string}> = [];
let finishedTree: string;
/** Kill points recovered by rollback and by resume; the figure is printed at the end. */
const recovered = {rollback: 0, resume: 0};

beforeAll(async () => {
	const template = await integrationRepo();
	await addCleanBranches(template);
	lab = await KillLab.open(template, 'kill');
	const full = await lab.fullRun(args);
	finishedTree = full.finishedTree;
	steps = full.steps.map(({step, effect}) => ({step, type: effect.type}));
});

afterAll(async () => {
	await lab?.close();
	figure(`integration kill points (failpoint after each journal step) tried ${steps.length}, recovered by rollback ${recovered.rollback}, by resume ${recovered.resume}`);
});

const everyStep = (check: (step: {step: number; type: string}) => Promise<void>) => twoAtATime(steps, check);

async function killedAt(step: number): Promise<RepoBuilder> {
	const repo = await lab.copy();
	const result = await runCliAsync([...args, '-C', repo.root], {env: {SWITCHYARD_FAILPOINT: `integration:${step}`}});
	expect(result.signal ?? result.status).toBe('SIGKILL');
	// Persist first: the step's effect is the journal's last record, its outcome never written.
	expect((await journal(repo)).at(-1)).toMatchObject({kind: 'effect', step});
	return repo;
}

const expectUserUntouched = async (repo: RepoBuilder) => lab.expectUserUntouched(repo);

describe('an integration killed after every journal step', () => {
	it('has the steps of a whole integration in its journal', () => {
		expect(steps.map(step => step.type)).toEqual(['add-worktree', 'merge', 'merge', 'merge', 'verify', 'ask', 'backup-ref', 'update-ref', 'remove-worktree', 'delete-branch']);
	});

	it('says at the next start, in one line, where it was interrupted', async () => {
		const repo = await killedAt(3);
		const status = runCli(['status', '-C', repo.root]);
		expect(status.stderr).toBe('switchyard: an integration flow was interrupted at step 3 (merge): run `switchyard resume` or `switchyard rollback`\n');
	});

	it('killed right after its journal began, says it was interrupted before its first step, and recovers either way', async () => {
		for (const way of ['rollback', 'resume'] as const) {
			const repo = await lab.copy();
			const killed = await runCliAsync([...args, '-C', repo.root], {env: {SWITCHYARD_FAILPOINT: 'integration:0'}});
			expect(killed.signal ?? killed.status).toBe('SIGKILL');
			expect((await journal(repo)).map(record => record.kind)).toEqual(['start']);
			const status = runCli(['status', '-C', repo.root]);
			expect(status.stderr).toBe('switchyard: an integration flow was interrupted before its first step: run `switchyard resume` or `switchyard rollback`\n');
			const recovery = await runCliAsync([way, '--yes', '-C', repo.root]);
			expect(recovery.status, recovery.stderr).toBe(0);
			expect((await repo.git(['rev-parse', 'main^{tree}'])).trim()).toBe(way === 'resume' ? finishedTree : (await lab.template.git(['rev-parse', 'main^{tree}'])).trim());
			await expectUserUntouched(repo);
		}
	});

	it('says a rollback that was itself interrupted must be finished, naming the flow', async () => {
		const repo = await killedAt(3);
		const [start] = await journal(repo);
		expect(start?.kind).toBe('start');
		// What a rollback journals before it restores anything; killed then, it has not ended.
		new StateStore(repo.gitDir).append(journalName((start as {id: string}).id), {kind: 'rollback', at: new Date().toISOString()});
		const status = runCli(['status', '-C', repo.root]);
		expect(status.stderr).toBe('switchyard: the rollback of an integration flow was interrupted: run `switchyard rollback` to finish it\n');
		const rollback = await runCliAsync(['rollback', '--yes', '-C', repo.root]);
		expect(rollback.status, rollback.stderr).toBe(0);
		expect(runCli(['status', '-C', repo.root]).stderr).toBe('');
	});

	it('is rolled back to the refs it started from, every time, and a second rollback is harmless', async () => {
		await everyStep(async ({step, type}) => {
			const repo = await killedAt(step);
			await lab.expectRolledBack(repo, {step, type}, step === steps.length - 2);
			recovered.rollback++;
		});
	});

	it('is resumed to the result of an uninterrupted run, every time', async () => {
		await everyStep(async ({step, type}) => {
			const repo = await killedAt(step);
			const resume = await runCliAsync(['resume', '--yes', '-C', repo.root]);
			expect(resume.status, `step ${step} (${type}): ${resume.stderr}`).toBe(0);
			expect((await repo.git(['rev-parse', 'main^{tree}'])).trim(), `step ${step} (${type})`).toBe(finishedTree);
			expect((await repo.git(['rev-list', '--first-parent', '--count', 'main'])).trim()).toBe('4');
			expect(await repo.git(['branch', '--list', 'test/*'])).toBe('');
			expect((await repo.git(['worktree', 'list', '--porcelain'])).match(/^worktree /gm)).toHaveLength(1);
			await expectUserUntouched(repo);
			recovered.resume++;
		});
	});
});
