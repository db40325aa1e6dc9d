/**
 * DESIGN §7.4: a flow killed while its git was writing. Git writes a ref or an index
 * through `<file>.lock` and renames it into place when done, so a `kill -9` of the flow's
 * process group in between leaves the lock behind, and every later write of that file
 * fails. Each case kills the built binary after a journal step (SWITCHYARD_FAILPOINT)
 * and leaves the lock that step's git would have left; resume and rollback remove the
 * flow's own locks (naming them) and succeed. A lock that may be someone else's is
 * left where it is, and the step says in one line which file is in the way.
 */
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import type {Effect} from '../../source/flows/engine/index.js';
import {runCliAsync} from '../cli/run-cli.js';
import {addCleanBranches, integrationRepo} from './integration-repos.js';
import {journal, KillLab} from './kill-points.js';

let lab: KillLab;
const args = ['integrate', 'claude/a', 'codex/b', 'gemini/c', '--order', 'given', '--verify', 'test -f src/c.ts', '--yes'];
let finishedTree: string;
let steps: Array<{step: number; effect: Effect}> = [];

beforeAll(async () => {
	const template = await integrationRepo();
	await addCleanBranches(template);
	lab = await KillLab.open(template, 'locks');
	({finishedTree, steps} = await lab.fullRun(args));
});

afterAll(async () => lab?.close());

/** The journal step of the `nth` effect of `type` in a full run. */
function stepOf(type: Effect['type'], nth = 0): number {
	const found = steps.filter(entry => entry.effect.type === type)[nth];
	expect(found, type).toBeDefined();
	return found!.step;
}

/** A copy killed right after journal step `step` was written, before its git ran; with its flow's id and that step's effect. */
async function killedAt<Type extends Effect['type']>(step: number): Promise<{repo: RepoBuilder; id: string; effect: Extract<Effect, {type: Type}>}> {
	const repo = await lab.copy();
	const result = await runCliAsync([...args, '-C', repo.root], {env: {SWITCHYARD_FAILPOINT: `integration:${step}`}});
	expect(result.signal ?? result.status).toBe('SIGKILL');
	const records = await journal(repo);
	const [start, last] = [records[0], records.at(-1)];
	if (start?.kind !== 'start' || last?.kind !== 'effect' || last.step !== step) {
		throw new Error(`the journal does not end at step ${step}: ${JSON.stringify(last)}`);
	}

	return {repo, id: start.id, effect: last.effect as Extract<Effect, {type: Type}>};
}

/** A lock as git leaves it when killed between writing it and renaming it into place (its folder made first, as git does). */
function leaveLock(file: string, content: string): string {
	mkdirSync(path.dirname(file), {recursive: true});
	writeFileSync(file, content);
	return file;
}

const refLock = (repo: RepoBuilder, ref: string) => `${path.join(repo.gitDir, ...ref.split('/'))}.lock`;
/** The administrative folder of the flow's worktree, from the `.git` file in it. */
const adminOf = (folder: string) => /^gitdir: (.+)$/m.exec(readFileSync(path.join(folder, '.git'), 'utf8'))![1]!.trim();

async function expectResumed(repo: RepoBuilder, lock: string): Promise<void> {
	const resume = await runCliAsync(['resume', '--yes', '-C', repo.root]);
	expect(resume.status, resume.stderr).toBe(0);
	expect(resume.stdout + resume.stderr).toContain(`removed ${lock}`);
	expect(existsSync(lock)).toBe(false);
	expect((await repo.git(['rev-parse', 'main^{tree}'])).trim()).toBe(finishedTree);
	expect((await repo.git(['worktree', 'list', '--porcelain'])).match(/^worktree /gm)).toHaveLength(1);
	await lab.expectUserUntouched(repo);
}

async function expectRolledBack(repo: RepoBuilder, step: number, type: string, lock: string): Promise<void> {
	await lab.expectRolledBack(repo, {step, type});
	expect(existsSync(lock), lock).toBe(false);
}

describe('a flow killed while its git held a lock', () => {
	it('removes the lock of its backup ref, then resumes or rolls back', async () => {
		const step = stepOf('backup-ref');
		const [forResume, forRollback] = await Promise.all([killedAt<'backup-ref'>(step), killedAt<'backup-ref'>(step)]);
		const backupLock = ({repo, id, effect}: typeof forResume) => leaveLock(refLock(repo, `refs/switchyard/backup/${id}/${effect.ref}`), `${effect.value}\n`);
		await expectResumed(forResume.repo, backupLock(forResume));
		await expectRolledBack(forRollback.repo, step, 'backup-ref', backupLock(forRollback));
	});

	it('removes the lock of the ref it moves when the lock holds the commit it was writing', async () => {
		const step = stepOf('update-ref');
		const [forResume, forRollback] = await Promise.all([killedAt<'update-ref'>(step), killedAt<'update-ref'>(step)]);
		const mainLock = ({repo, effect}: typeof forResume) => leaveLock(refLock(repo, effect.ref), `${effect.new}\n`);
		await expectResumed(forResume.repo, mainLock(forResume));
		await expectRolledBack(forRollback.repo, step, 'update-ref', mainLock(forRollback));
	});

	it('leaves a lock that may be someone else\'s, and says in one line which file is in the way', async () => {
		const step = stepOf('update-ref');
		const {repo, effect} = await killedAt<'update-ref'>(step);
		const mainBefore = (await repo.git(['rev-parse', 'main'])).trim();
		// Another git writing main to a commit of its own: not the flow's write.
		const lock = leaveLock(refLock(repo, effect.ref), `${(await repo.git(['rev-parse', 'claude/a'])).trim()}\n`);
		const resume = await runCliAsync(['resume', '--yes', '-C', repo.root]);
		expect(resume.status).toBe(2);
		const errors = resume.stderr.split('\n').filter(line => line.startsWith('switchyard:'));
		expect(errors).toEqual([`switchyard: main is locked: ${lock} exists (another git command is running, or one was killed); if none runs, delete that file and run again; the integration flow stopped at step ${step} (update-ref): run \`switchyard resume\` or \`switchyard rollback\``]);
		expect(existsSync(lock)).toBe(true);
		expect((await repo.git(['rev-parse', 'main'])).trim()).toBe(mainBefore);
		// Once the person has removed it, resume goes on.
		rmSync(lock);
		const again = await runCliAsync(['resume', '--yes', '-C', repo.root]);
		expect(again.status, again.stderr).toBe(0);
		expect((await repo.git(['rev-parse', 'main^{tree}'])).trim()).toBe(finishedTree);
		await lab.expectUserUntouched(repo);
	});

	it('removes the index lock in its own worktree, left by a merge, then resumes or rolls back', async () => {
		const step = stepOf('merge', 1);
		const [forResume, forRollback] = await Promise.all([killedAt<'merge'>(step), killedAt<'merge'>(step)]);
		const indexLock = ({effect}: typeof forResume) => leaveLock(path.join(adminOf(effect.folder), 'index.lock'), '');
		await expectResumed(forResume.repo, indexLock(forResume));
		await expectRolledBack(forRollback.repo, step, 'merge', indexLock(forRollback));
	});
});
