/**
 * `switchyard revert [--verify CMD]... [--last N] [--bisect] [--skip-check] [--yes]
 * [--push] [--into <base>] [--on-conflict abort|skip|ask]` (DESIGN §6.3): lists the
 * suspects on base's first-parent line, runs the revert flow in a worktree of its
 * own, reports the culprit, its agent and every verification run, and records what
 * was reverted in the revert ledger.
 */
import path from 'node:path';
import {ownerOfBranch} from '../core/agents.js';
import {makeVisible} from '../core/text-safety.js';
import {FlowError, newFlowId, runFlow} from '../flows/engine/index.js';
import {revertMachine, type RevertInput, type RevertState} from '../flows/revert/machine.js';
import {findingLines} from '../flows/revert/report.js';
import {readRefs} from '../git/read-refs.js';
import {readSuspects} from '../git/read-suspects.js';
import {defaultStrategy, nameSuspects, suspectInput, suspectLine, type RevertPlan} from '../flows/revert/suspects.js';
import {RepositoryError} from '../git/repository.js';
import {readRef} from '../git/update-ref.js';
import {detectBase} from '../snapshot/base-branch.js';
import {recordReverts, type LedgerEntry} from '../store/revert-ledger.js';
import {StateStore} from '../store/state-store.js';
import {flowContext, requireAnswerer, type FlowIo} from './flow-context.js';
import {checkPreconditions, verificationCommands} from './integrate.js';
import {currentTime, openRepository, type OpenRepository} from '../repo/open-repository.js';

export interface RevertOptions {
	directory: string;
	into?: string;
	verify: string[];
	last: number;
	bisect: boolean;
	skipCheck: boolean;
	push: boolean;
	onConflict: 'abort' | 'skip' | 'ask';
}

export const revertHelp = `Usage
  switchyard revert [--verify CMD]... [--last N] [--bisect] [--skip-check] [--yes] [--push]
                    [--into <base>] [--on-conflict abort|skip|ask]

Base is broken: finds the commit on base's first-parent line whose revert makes
verification pass, in a worktree of its own, and fast-forwards base to the verified
revert. Merges are reverted with -m 1 and recorded in the revert ledger.
  --verify CMD          a verification command (repeatable; default: the trusted config's)
  --last N              how many of base's newest first-parent commits are suspects (default 10)
  --bisect              bisect over the suspects (default when there are more than 3)
  --skip-check          do not verify base's tip first (it is taken as broken)
  --yes                 answer every question with yes (needed without a terminal)
  --push                push base after promotion (never with force)
  --into <base>         the base branch (default: the detected base)
  --on-conflict         abort, skip a suspect whose revert conflicts, or ask: resolve by hand
                        in the worktree and continue, skip or abort (default: ask in a terminal)`;

export async function runRevert(options: RevertOptions, io: FlowIo): Promise<number> {
	if (!Number.isInteger(options.last) || options.last < 1) {
		throw new FlowError('--last takes a whole number of commits, at least 1');
	}

	const repo = await openRepository(options.directory);
	const store = new StateStore(repo.location.commonDir);
	const plan = await revertPlan(repo, store, options);
	if (plan.message) {
		io.stderr.write(`switchyard: ${plan.message}\n`);
	}

	if (plan.commands.length === 0) {
		throw new FlowError(noVerification);
	}

	requireAnswerer(io, 'revert');
	if (plan.suspects.length === 0) {
		throw new FlowError(`${plan.base} has no commits to suspect`);
	}

	io.stdout.write(`suspects on ${plan.base}, newest first:\n`);
	for (const [index, suspect] of plan.suspects.entries()) {
		io.stdout.write(`  ${index + 1}. ${suspectLine(suspect)}\n`);
	}

	const {id, input} = revertInput(store, plan, {
		strategy: defaultStrategy(plan.suspects.length, options.bisect),
		checkBase: !options.skipCheck,
		onConflict: options.onConflict,
		...(options.push ? {pushTo: repo.config.remote} : {}),
	});
	io.stdout.write(`finding the culprit ${input.strategy === 'bisect' ? 'by first-parent bisection' : 'newest first, one revert at a time'}\n`);
	const state = await runFlow(revertMachine, id, input, flowContext(repo, io), `revert on ${plan.base}`);
	return finishRevert(state, store, io);
}

export const noVerification = 'the revert flow needs a verification command to tell broken from fixed: pass --verify CMD, or trust the config\'s "verify" with `switchyard trust`';

/**
 * Checks the repository and reads the suspects, for `switchyard revert` and the
 * dashboard's revert screen alike; throws one line when the flow cannot start.
 */
export async function revertPlan(repo: OpenRepository, store: StateStore, options: {into?: string | undefined; last: number; verify: string[]}): Promise<RevertPlan> {
	const base = options.into ?? detectBase(await readRefs(repo.git), repo.config.base, repo.config.remote).name;
	if (repo.location.shallow) {
		throw new RepositoryError('this is a shallow clone: reverts need full history; run `git fetch --unshallow` first');
	}

	await checkPreconditions(repo, store, base, {branches: [], dryRun: false});
	// The same rule as integrate's: --verify commands, else the config's when trusted.
	const {commands, message} = verificationCommands(repo, options.verify);
	const baseTip = (await readRef(repo.git, `refs/heads/${base}`))!;
	const suspects = nameSuspects(await readSuspects(repo.git, baseTip, options.last), branch => ownerOfBranch(branch, repo.config).agent);
	return {base, baseTip, suspects, commands, ...(message ? {message} : {})};
}

/** The flow's id and input for a plan and the chosen search. */
export function revertInput(store: StateStore, plan: RevertPlan, choice: Pick<RevertInput, 'strategy' | 'checkBase' | 'onConflict' | 'pushTo'>): {id: string; input: RevertInput} {
	const id = newFlowId('revert', new Date(currentTime()));
	const input: RevertInput = {
		base: plan.base,
		baseTip: plan.baseTip,
		folder: path.join(store.folder('flows', id), 'worktree'),
		commands: plan.commands,
		suspects: plan.suspects.map(suspect => suspectInput(suspect)),
		strategy: choice.strategy,
		checkBase: choice.checkBase,
		onConflict: choice.onConflict,
		...(choice.pushTo ? {pushTo: choice.pushTo} : {}),
	};
	return {id, input};
}

/** Reports the flow's end, records promoted reverts in the ledger; the exit code. Resume calls it too. */
export function finishRevert(state: RevertState, store: StateStore, io: FlowIo): number {
	const write = (line: string) => io.stdout.write(line + '\n');
	for (const [index, run] of state.runs.entries()) {
		write(`verification run ${index + 1}: ${run.what} ${run.passed ? 'passes' : 'fails'}`);
		for (const line of run.summary) {
			write(`  ${line}`);
		}

		for (const line of run.tail) {
			write(`    | ${makeVisible(line)}`);
		}
	}

	for (const line of findingLines(state)) {
		write(line.text);
	}

	switch (state.outcome) {
		case 'base-green': {
			write(`${state.input.base} passes — nothing to revert`);
			return 0;
		}

		case 'promoted': {
			const candidate = state.candidate!;
			const entries = recordPromotedReverts(state, store);
			write(`promoted: ${state.input.base} is now ${candidate.commit.slice(0, 12)}, reverting ${candidate.reverted.map(commit => state.input.suspects.find(suspect => suspect.commit === commit)?.label ?? commit.slice(0, 12)).join(', ')}${state.pushed ? ', pushed' : ''}`);
			if (entries.some(entry => entry.branch)) {
				write('recorded in the revert ledger: merging these branches again first needs their revert reverted (switchyard integrate offers it)');
			}

			return 0;
		}

		case 'declined': {
			write('not promoted: nothing was changed');
			return 0;
		}

		case 'conflict': {
			const last = state.skipped.at(-1);
			io.stderr.write(`switchyard: the revert of ${state.input.suspects.find(suspect => suspect.commit === last?.commit)?.label ?? 'a suspect'} conflicts with later commits${last ? ` (${last.files.map(file => makeVisible(file)).join(', ')})` : ''}; nothing was changed (use --on-conflict skip to go on without it)\n`);
			return 1;
		}

		case 'still-red': {
			io.stderr.write(`switchyard: no revert of the ${state.input.suspects.length} suspects made verification pass; nothing was changed (try --last with more)\n`);
			return 1;
		}

		case 'refused': {
			io.stderr.write(`switchyard: ${state.refusal}\n`);
			return 1;
		}

		case 'cancelled': {
			io.stderr.write('switchyard: the verification was cancelled; nothing was changed\n');
			return 1;
		}

		default: {
			return 1;
		}
	}
}

/** Records a promoted revert in the revert ledger (DESIGN §6.3 step 5); the entries. The screen's run calls it too. */
export function recordPromotedReverts(state: RevertState, store: StateStore): LedgerEntry[] {
	if (state.outcome !== 'promoted' || !state.candidate) {
		return [];
	}

	const entries = ledgerEntries(state);
	recordReverts(store, entries);
	return entries;
}

/** One ledger entry per reverted commit, with the revert commit now on base. */
function ledgerEntries(state: RevertState): LedgerEntry[] {
	const candidate = state.candidate!;
	const at = new Date(currentTime()).toISOString();
	return candidate.reverted.map(commit => {
		const suspect = state.input.suspects.find(entry => entry.commit === commit)!;
		const revertCommit = candidate.reverted.length === 1 ? candidate.commit : state.chain.find(entry => entry.commit === commit)!.head;
		return {
			...(suspect.branch ? {branch: suspect.branch} : {}),
			...(suspect.agent ? {agent: suspect.agent} : {}),
			commit,
			revertCommit,
			base: state.input.base,
			at,
			reason: `verification failed (${state.input.commands.join('; ')}) and passed with this revert`,
		};
	});
}
