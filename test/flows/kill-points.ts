/**
 * Shared by the tests that kill a flow (test/flows/kill-every-step.test.ts and
 * revert-kill-every-step.test.ts at each journal step, test/reliability/ from outside at random moments): copies of one
 * template repository, the flow's journal, and the checks after a kill.
 */
import {cp, mkdtemp, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {expect} from 'vitest';
import {openRepo, type RepoBuilder} from '../../fixtures/repo-builder.js';
import {interruptedNotice, type Effect, type JournalRecord} from '../../source/flows/engine/index.js';
import {StateStore} from '../../source/store/state-store.js';
import {runCli, runCliAsync} from '../cli/run-cli.js';
import {refsOf, userFingerprint} from './integration-repos.js';

export class KillLab {
	#copies = 0;

	private constructor(
		readonly template: RepoBuilder,
		readonly scratch: string,
		/** The template's refs and user fingerprint, which every rollback must give back. */
		readonly startRefs: string,
		readonly userBefore: string,
	) {}

	static async open(template: RepoBuilder, label: string): Promise<KillLab> {
		const scratch = await mkdtemp(path.join(os.tmpdir(), `switchyard-${label}-`));
		return new KillLab(template, scratch, await refsOf(template), await userFingerprint(template));
	}

	/** A fresh copy of the template, to be killed once. */
	async copy(): Promise<RepoBuilder> {
		const folder = path.join(this.scratch, `copy-${this.#copies++}`);
		await cp(this.template.root, folder, {recursive: true});
		return openRepo(folder);
	}

	/** The user's files, index, stash and branch are as in the template; `git fsck` is clean. */
	async expectUserUntouched(repo: RepoBuilder, label = ''): Promise<void> {
		expect(await userFingerprint(repo), label).toBe(this.userBefore);
		expect((await repo.gitResult(['fsck', '--no-progress', '--no-dangling'], [])).stderr, label).toBe('');
	}

	/**
	 * A copy killed after journal step `step` (of `type`): the next start names that step,
	 * `switchyard rollback --yes` gives back every ref of the template, leaves no backup
	 * ref and no worktree, touches nothing of the user's; with `again`, a second rollback
	 * is harmless.
	 */
	async expectRolledBack(repo: RepoBuilder, {step, type}: {step: number; type: string}, again = false): Promise<void> {
		// The notice every command prints names this step.
		expect(interruptedNotice(new StateStore(repo.gitDir))).toContain(`interrupted at step ${step} (${type})`);
		const rollback = await runCliAsync(['rollback', '--yes', '-C', repo.root]);
		expect(rollback.status, `step ${step}: ${rollback.stderr}`).toBe(0);
		expect(await refsOf(repo), `step ${step} (${type})`).toBe(this.startRefs);
		expect(await repo.git(['for-each-ref', 'refs/switchyard/'])).toBe('');
		expect((await repo.git(['worktree', 'list', '--porcelain'])).match(/^worktree /gm)).toHaveLength(1);
		await this.expectUserUntouched(repo, `step ${step}`);
		expect(interruptedNotice(new StateStore(repo.gitDir))).toBeUndefined();
		if (again) {
			const second = await runCliAsync(['rollback', '--yes', '-C', repo.root]);
			expect(second.status).toBe(0);
			expect(second.stdout).toContain('no interrupted flow');
			expect(await refsOf(repo)).toBe(this.startRefs);
		}
	}

	/**
	 * One uninterrupted run of `args` on a copy: what main's tree is after it, and every
	 * step its journal holds, with its effect (the kill points of the tests).
	 */
	async fullRun(args: readonly string[]): Promise<{finishedTree: string; steps: Array<{step: number; effect: Effect}>}> {
		const full = await this.copy();
		const result = runCli([...args, '-C', full.root]);
		expect(result.status, result.stderr).toBe(0);
		return {
			finishedTree: (await full.git(['rev-parse', 'main^{tree}'])).trim(),
			steps: (await journal(full)).flatMap(record => (record.kind === 'effect' ? [{step: record.step, effect: record.effect}] : [])),
		};
	}

	async close(): Promise<void> {
		await this.template.cleanup();
		await rm(this.scratch, {recursive: true, force: true});
	}
}

/** The journal of the repository's current (or last) flow. */
export async function journal(repo: RepoBuilder): Promise<JournalRecord[]> {
	const state = path.join(repo.gitDir, 'switchyard');
	const {data} = JSON.parse(await readFile(path.join(state, 'flows', 'current.json'), 'utf8')) as {data: {id: string}};
	const text = await readFile(path.join(state, 'flows', data.id, 'journal.jsonl'), 'utf8');
	return text.trim().split('\n').map(line => JSON.parse(line) as JournalRecord);
}

/** Runs `check` for every item, two at a time (the CI machine has two cores). */
export async function twoAtATime<T>(items: readonly T[], check: (item: T) => Promise<void>): Promise<void> {
	const pending = [...items];
	const worker = async () => {
		for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
			await check(next);
		}
	};

	await Promise.all([worker(), worker()]);
}
