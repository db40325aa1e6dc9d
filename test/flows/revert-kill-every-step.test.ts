/**
 * DESIGN §7.4 for the revert flow, one case per journal step: a newest-first revert
 * over three suspects (reverts one after the other, then the culprit alone) killed right
 * after each step is written (SWITCHYARD_FAILPOINT, a real SIGKILL of the built
 * binary) is rolled back to exactly the refs it started from with `git fsck` clean,
 * or resumed to the same result as an uninterrupted run; the user's files, index,
 * stash and branch never change. The step list comes from the journal of a full run.
 */
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {runCli, runCliAsync} from '../cli/run-cli.js';
import {brokenMainFacts, brokenMainRepo} from '../../fixtures/broken-main.js';
import {journal, KillLab, twoAtATime} from './kill-points.js';

let lab: KillLab;
const args = ['revert', '--last', '3', '--verify', brokenMainFacts.verify, '--yes'];
let steps: Array<{step: number; type: string}> = [];
let finishedTree: string;

beforeAll(async () => {
	lab = await KillLab.open(await brokenMainRepo(), 'revert-kill');
	const full = await lab.fullRun(args);
	finishedTree = full.finishedTree;
	steps = full.steps.map(({step, effect}) => ({step, type: effect.type}));
});

afterAll(async () => {
	await lab?.close();
});

const everyStep = async (check: (step: {step: number; type: string}) => Promise<void>) => twoAtATime(steps, check);

async function killedAt(step: number): Promise<RepoBuilder> {
	const repo = await lab.copy();
	const result = await runCliAsync([...args, '-C', repo.root], {env: {SWITCHYARD_FAILPOINT: `revert:${step}`}});
	expect(result.signal ?? result.status).toBe('SIGKILL');
	return repo;
}

describe('a revert flow killed after every journal step', () => {
	it('has the steps of a whole newest-first revert in its journal', () => {
		expect(steps.map(step => step.type)).toEqual([
			'add-worktree', 'verify',
			'revert', 'verify', 'revert', 'verify', 'revert', 'verify',
			'revert', 'verify',
			'ask', 'backup-ref', 'update-ref', 'remove-worktree',
		]);
	});

	it('says at the next start, in one line, where it was interrupted', async () => {
		const repo = await killedAt(3);
		const status = runCli(['status', '-C', repo.root]);
		expect(status.stderr).toBe('switchyard: a revert flow was interrupted at step 3 (revert): run `switchyard resume` or `switchyard rollback`\n');
	});

	it('is rolled back to the refs it started from, every time, and a second rollback is harmless', async () => {
		await everyStep(async ({step, type}) => {
			const repo = await killedAt(step);
			await lab.expectRolledBack(repo, {step, type}, step === steps.length - 2);
		});
	});

	it('is resumed to the result of an uninterrupted run, every time', async () => {
		await everyStep(async ({step, type}) => {
			const repo = await killedAt(step);
			const resume = await runCliAsync(['resume', '--yes', '-C', repo.root]);
			expect(resume.status, `step ${step} (${type}): ${resume.stderr}`).toBe(0);
			expect((await repo.git(['rev-parse', 'main^{tree}'])).trim(), `step ${step} (${type})`).toBe(finishedTree);
			// One commit on top of the old tip: the culprit's revert alone.
			expect((await repo.git(['rev-list', '--first-parent', '--count', 'main'])).trim()).toBe('7');
			expect(resume.stdout).toContain('promoted: main is now');
			const ledger = JSON.parse(await readFile(path.join(repo.gitDir, 'switchyard', 'reverts', 'ledger.json'), 'utf8')) as {data: Array<{branch: string}>};
			expect(ledger.data.map(entry => entry.branch)).toEqual([brokenMainFacts.culprit]);
			expect((await repo.git(['worktree', 'list', '--porcelain'])).match(/^worktree /gm)).toHaveLength(1);
			await lab.expectUserUntouched(repo, `step ${step}`);
		});
	});
});
