/**
 * DESIGN §7.4 for the revert flow, one case per journal step: a newest-first revert
 * over three suspects (reverts one after the other, then the culprit alone) killed right
 * after each step is written (SWITCHYARD_FAILPOINT, a real SIGKILL of the built
 * binary) is rolled back to exactly the refs it started from with `git fsck` clean,
 * or resumed to the same result as an uninterrupted run; the user's files, index,
 * stash and branch never change. The step list comes from the journal of a full run.
 */
import {cp, mkdtemp, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openRepo, type RepoBuilder} from '../../fixtures/repo-builder.js';
import type {JournalRecord} from '../../source/flows/engine/index.js';
import {runCli, runCliAsync} from '../cli/run-cli.js';
import {interruptedNotice} from '../../source/flows/engine/index.js';
import {StateStore} from '../../source/store/state-store.js';
import {brokenMainFacts, brokenMainRepo} from '../../fixtures/broken-main.js';
import {refsOf, userFingerprint} from './integration-repos.js';

let template: RepoBuilder;
let scratch: string;
let copies = 0;
const args = ['revert', '--last', '3', '--verify', brokenMainFacts.verify, '--yes'];

async function copy(): Promise<RepoBuilder> {
	const folder = path.join(scratch, `copy-${copies++}`);
	await cp(template.root, folder, {recursive: true});
	return openRepo(folder);
}

async function journal(repo: RepoBuilder): Promise<JournalRecord[]> {
	const state = path.join(repo.gitDir, 'switchyard');
	const {data} = JSON.parse(await readFile(path.join(state, 'flows', 'current.json'), 'utf8')) as {data: {id: string}};
	const text = await readFile(path.join(state, 'flows', data.id, 'journal.jsonl'), 'utf8');
	return text.trim().split('\n').map(line => JSON.parse(line) as JournalRecord);
}

let steps: Array<{step: number; type: string}> = [];
let startRefs: string;
let userBefore: string;
let finishedTree: string;

beforeAll(async () => {
	template = await brokenMainRepo();
	scratch = await mkdtemp(path.join(os.tmpdir(), 'switchyard-kill-'));
	startRefs = await refsOf(template);
	userBefore = await userFingerprint(template);
	const full = await copy();
	const result = runCli([...args, '-C', full.root]);
	expect(result.status, result.stderr).toBe(0);
	finishedTree = (await full.git(['rev-parse', 'main^{tree}'])).trim();
	steps = (await journal(full)).flatMap(record => (record.kind === 'effect' ? [{step: record.step, type: record.effect.type}] : []));
});

afterAll(async () => {
	await template?.cleanup();
	await rm(scratch, {recursive: true, force: true});
});

/** Runs `check` for every step, two at a time (the CI machine has two cores). */
async function everyStep(check: (step: {step: number; type: string}) => Promise<void>): Promise<void> {
	const pending = [...steps];
	const worker = async () => {
		for (let next = pending.shift(); next; next = pending.shift()) {
			await check(next);
		}
	};

	await Promise.all([worker(), worker()]);
}

async function killedAt(step: number): Promise<RepoBuilder> {
	const repo = await copy();
	const result = await runCliAsync([...args, '-C', repo.root], {env: {SWITCHYARD_FAILPOINT: `revert:${step}`}});
	expect(result.signal ?? result.status).toBe('SIGKILL');
	return repo;
}

async function expectUserUntouched(repo: RepoBuilder): Promise<void> {
	expect(await userFingerprint(repo)).toBe(userBefore);
	expect((await repo.gitResult(['fsck', '--no-progress', '--no-dangling'], [])).stderr).toBe('');
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
			// The notice every command prints (checked through the binary above) names this step.
			expect(interruptedNotice(new StateStore(path.join(repo.gitDir)))).toContain(`interrupted at step ${step} (${type})`);
			const rollback = await runCliAsync(['rollback', '--yes', '-C', repo.root]);
			expect(rollback.status, `step ${step}: ${rollback.stderr}`).toBe(0);
			expect(await refsOf(repo), `step ${step} (${type})`).toBe(startRefs);
			expect(await repo.git(['for-each-ref', 'refs/switchyard/'])).toBe('');
			expect((await repo.git(['worktree', 'list', '--porcelain'])).match(/^worktree /gm)).toHaveLength(1);
			await expectUserUntouched(repo);
			expect(interruptedNotice(new StateStore(path.join(repo.gitDir)))).toBeUndefined();
			if (step === steps.length - 2) {
				const again = await runCliAsync(['rollback', '--yes', '-C', repo.root]);
				expect(again.status).toBe(0);
				expect(again.stdout).toContain('no interrupted flow');
				expect(await refsOf(repo)).toBe(startRefs);
			}
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
			await expectUserUntouched(repo);
		});
	});
});
