/**
 * DESIGN §7.1, §7.4: an integration killed from outside (`kill -9` of its whole process
 * group) at a seeded random moment, most of them during a slow verification. After
 * each kill: the user's files, index, stash and branch are as before; every ref is as
 * before or as the flow meant it to be; no process of the verification outlives the
 * kill; the next start says in one line that a flow was interrupted, and rollback or
 * resume (taken in turn) succeeds with `git fsck` clean. The kill at each journal step
 * is test/flows/kill-every-step.test.ts. The revert flow (DESIGN §6.3, on the broken main of
 * fixtures/broken-main.ts: a bisection with five verification runs) goes through the same loop.
 */
import {spawn} from 'node:child_process';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {brokenMainRepo} from '../../fixtures/broken-main.js';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {binary, runCli, runCliAsync} from '../cli/run-cli.js';
import {addCleanBranches, integrationRepo, refsOf, userFingerprint} from '../flows/integration-repos.js';
import {KillLab} from '../flows/kill-points.js';
import {figure, pick} from './setting.js';

const seed = 20_261_203;
const treeOf = async (repo: RepoBuilder, sha: string) => (await repo.git(['rev-parse', `${sha}^{tree}`])).trim();

/** The verification: writes its process group, sleeps, then says when it got past the sleep. */
const verify = (file: string) => `echo start $(cut -d' ' -f5 /proc/$$/stat) $(date +%s%N) >> ${file}; sleep 0.3; echo done $(date +%s%N) >> ${file}; test ! -f broken.txt`;

/** A small seeded generator (mulberry32): the same moments on every run. */
function random(state: number): () => number {
	return () => {
		state = (state + 0x6d_2b_79_f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const refMap = (text: string) => new Map(text.split('\n').filter(Boolean).map(line => line.split(' ') as [string, string]));

/** Whether a process of the group runs (zombies do not count). */
function groupAlive(group: number): boolean {
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) {
			continue;
		}

		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(pgrp) === group && state !== 'Z') {
				return true;
			}
		} catch {
			// Gone meanwhile.
		}
	}

	return false;
}

async function untilGone(group: number): Promise<void> {
	while (groupAlive(group)) {
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

/**
 * Runs the flow in a process group of its own and kills the whole group at a
 * moment: `afterMs` after the start, or with `inVerification`, that long after the
 * verification began (its first line in `file`), whatever the load of the machine.
 */
function runAndKill(args: string[], file: string, moment: {afterMs: number; inVerification: boolean}): Promise<{killedAt: bigint; group: number; signal: string | null}> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [binary, ...args], {detached: true, stdio: 'ignore', env: {...process.env, NO_COLOR: '1'}});
		let killedAt = 0n;
		let exited = false;
		const kill = () => {
			if (exited) {
				return;
			}

			killedAt = BigInt(Date.now()) * 1_000_000n;
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				// Already finished.
			}
		};

		let timer: NodeJS.Timeout;
		const watchForVerification = () => {
			timer = existsSync(file) ? setTimeout(kill, moment.afterMs) : setTimeout(watchForVerification, 5);
		};

		if (moment.inVerification) {
			watchForVerification();
		} else {
			timer = setTimeout(kill, moment.afterMs);
		}

		child.on('error', reject);
		child.on('exit', (_code, signal) => {
			exited = true;
			clearTimeout(timer);
			resolve({killedAt, group: child.pid!, signal});
		});
	});
}

/** One flow to kill: its template repository and how to run it. */
interface Subject {
	/** As the interrupted notice names it: `an integration flow`, `a revert flow`. */
	flow: string;
	/** How many moments to kill it at. */
	killPoints: number;
	template: () => Promise<RepoBuilder>;
	/** The command line, with the verification `verify(file)`. */
	args: (repo: RepoBuilder, file: string) => string[];
	/** A ref the flow makes for itself and may leave anywhere until rollback (the integration's test branch). */
	scratchRef?: (ref: string) => boolean;
}

type Results = {tried: number; recovered: number; rollback: number; resume: number; nothingToRecover: number; survivors: number; duringVerify: number};

/**
 * The loop both flows share: a full run to learn the result and how long it takes,
 * then `killPoints` copies, each killed at a seeded moment (every other one during the
 * verification runs, the rest anywhere in the run), checked, and recovered by rollback
 * and resume in turn. Prints the figure line at the end, also when a check failed.
 */
async function killAtRandomMoments(subject: Subject): Promise<void> {
	const results: Results = {tried: 0, recovered: 0, rollback: 0, resume: 0, nothingToRecover: 0, survivors: 0, duringVerify: 0};
	const lab = await KillLab.open(await subject.template(), `kill9-${subject.flow.split(' ').at(-2)!}`);
	try {
		await killAndRecover(subject, lab, results);
	} finally {
		await lab.close();
		figure(`${subject.flow.replace(/^an? /, '')} killed by kill -9 of its process group at random moments: tried ${results.tried}, recovered ${results.recovered} (by rollback ${results.rollback}, by resume ${results.resume}, killed before the journal began or after it ended ${results.nothingToRecover}), ${results.duringVerify} during verification, verification processes surviving ${results.survivors}`);
	}

	expect(results.recovered).toBe(subject.killPoints);
}

async function killAndRecover(subject: Subject, lab: KillLab, results: Results): Promise<void> {
	const fullLog = path.join(lab.scratch, 'verify-full.log');
	const full = await lab.copy();
	const started = Date.now();
	const result = await runCliAsync(subject.args(full, fullLog));
	const fullMs = Date.now() - started;
	expect(result.status, result.stderr).toBe(0);
	// From the first verification's start to the last one's end: where the verification moments fall.
	const stamps = [...(await readFile(fullLog, 'utf8')).matchAll(/^(?:start \d+|done) (\d+)$/gm)].map(match => BigInt(match[1]!));
	const verifyingMs = Number((stamps.at(-1)! - stamps[0]!) / 1_000_000n);
	const finalRefs = refMap(await refsOf(full));
	const finalTrees = new Map<string, string>();
	for (const [ref, sha] of finalRefs) {
		finalTrees.set(ref, await treeOf(full, sha));
	}

	const finishedTree = (await full.git(['rev-parse', 'main^{tree}'])).trim();
	const before = refMap(lab.startRefs);
	const noticeLine = new RegExp(`^switchyard: ${subject.flow} was interrupted (?:at step \\d+ \\(.+\\)|before its first step): run \`switchyard resume\` or \`switchyard rollback\`$`);
	const next = random(seed);
	for (let index = 0; index < subject.killPoints; index++) {
		// Every other moment falls in the verification runs (each sleeps 300 ms), the rest anywhere in the run.
		const inVerification = index % 2 === 0;
		const afterMs = Math.round(inVerification ? (verifyingMs - 20) * next() : fullMs * next());
		const repo = await lab.copy();
		const file = path.join(lab.scratch, `verify-${index}.log`);
		const label = `${subject.flow}: kill ${index} at ${afterMs} ms ${inVerification ? 'into the verification' : `of ${fullMs}`}`;
		const killed = await runAndKill(subject.args(repo, file), file, {afterMs, inVerification});
		results.tried++;
		// No verification process outlives the kill: wait until its group is gone, then
		// check that none got past its sleep after the kill.
		const log = await readFile(file, 'utf8').catch(() => '');
		const groups = [...log.matchAll(/^start (\d+) \d+$/gm)].map(match => Number(match[1]));
		for (const group of groups) {
			await untilGone(group);
		}

		const after = (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(line => line.startsWith('done ')).map(line => BigInt(line.slice(5)));
		// A command whose sleep ended in the same instant as the kill is no survivor: the kill
		// and the watcher's answer take a few scheduling slices on a loaded machine. A survivor
		// runs on for its whole 300 ms sleep; one that ends 100 ms or more after the kill ran on.
		const survived = killed.killedAt > 0n && after.some(time => time > killed.killedAt + 100_000_000n);
		results.survivors += survived ? 1 : 0;
		results.duringVerify += groups.length > after.length ? 1 : 0;
		expect(survived, `${label}: a verification process ran on after the kill`).toBe(false);

		// Git itself may have been killed half-way (a worktree being added): fsck waits for the recovery.
		expect(await userFingerprint(repo), label).toBe(lab.userBefore);
		for (const [ref, sha] of refMap(await refsOf(repo))) {
			// Commits the flow made carry the time they were made: as meant is the full run's tree.
			const meant = subject.scratchRef?.(ref) === true || sha === before.get(ref) || (finalRefs.has(ref) && (await treeOf(repo, sha)) === finalTrees.get(ref));
			expect(meant, `${label}: ${ref} at ${sha}`).toBe(true);
		}

		const status = runCli(['status', '-C', repo.root]);
		expect(status.status, `${label}: ${status.stderr}`).toBe(0);
		const notice = status.stderr.split('\n').filter(line => line.includes('was interrupted'));
		if (notice.length === 0) {
			// Killed before its journal began, or after it ended: nothing to recover, and nothing half-made.
			expect((await repo.git(['worktree', 'list', '--porcelain'])).match(/^worktree /gm), label).toHaveLength(1);
			await lab.expectUserUntouched(repo, label);
			results.nothingToRecover++;
			results.recovered++;
			continue;
		}

		expect(notice, label).toHaveLength(1);
		expect(notice[0], label).toMatch(noticeLine);
		const way = (results.rollback + results.resume) % 2 === 0 ? 'rollback' : 'resume';
		const recovery = await runCliAsync([way, '--yes', '-C', repo.root]);
		expect(recovery.status, `${label}: ${way}: ${recovery.stderr}`).toBe(0);
		if (way === 'rollback') {
			expect(await refsOf(repo), label).toBe(lab.startRefs);
		} else {
			expect((await repo.git(['rev-parse', 'main^{tree}'])).trim(), label).toBe(finishedTree);
		}

		expect((await repo.git(['worktree', 'list', '--porcelain'])).match(/^worktree /gm), label).toHaveLength(1);
		await lab.expectUserUntouched(repo, label);
		results[way]++;
		results.recovered++;
	}
}

describe('a flow killed from outside at a random moment', () => {
	it('an integration leaves the user untouched, refs as before or as meant, no verification alive, and recovers', async () => {
		await killAtRandomMoments({
			flow: 'an integration flow',
			killPoints: pick({short: 6, long: 40}),
			async template() {
				const template = await integrationRepo();
				await addCleanBranches(template);
				return template;
			},
			args: (repo, file) => ['integrate', 'claude/a', 'codex/b', 'gemini/c', '--order', 'given', '--verify', verify(file), '--yes', '-C', repo.root],
			scratchRef: ref => ref.startsWith('refs/heads/test/integration-'),
		});
	}, 900_000);

	it('a revert (bisection over five merges, one broke main) leaves the user untouched, refs as before or as meant, and recovers', async () => {
		await killAtRandomMoments({
			flow: 'a revert flow',
			// A revert runs five verifications (the tip, three probes, the revert): fewer moments in the short setting.
			killPoints: pick({short: 4, long: 40}),
			template: async () => brokenMainRepo(),
			args: (repo, file) => ['revert', '--verify', verify(file), '--yes', '-C', repo.root],
		});
	}, 900_000);
});
