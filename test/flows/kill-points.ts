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
import type {JournalRecord} from '../../source/flows/engine/index.js';
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
