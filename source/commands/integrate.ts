/**
 * `switchyard integrate <branch>... [--into base] [--verify CMD]... [--dry-run] [--yes]
 * [--push] [--on-conflict abort|skip|ask] [--order given]` (DESIGN §6.1): checks the
 * preconditions, orders the branches, prints the dry run, then runs the integration
 * flow and reports what it did.
 */
import {existsSync} from 'node:fs';
import path from 'node:path';
import {makeAgentResolver, ownerOfBranch} from '../core/agents.js';
import {makeVisible} from '../core/text-safety.js';
import {suggestMergeOrder} from '../core/merge-order.js';
import {assertFlowCanStart, FlowError, type FlowContext, newFlowId, runFlow, stamp} from '../flows/engine/index.js';
import {baseIsRed, integrationMachine, noAgent, promotedAgentWork, type IntegrationInput, type IntegrationState} from '../flows/integration/machine.js';
import {chainMerges, type ChainStep} from '../git/chain-merges.js';
import {locateRepository, operationInProgress, RepositoryError} from '../git/repository.js';
import {checkedOutAt, readRef} from '../git/update-ref.js';
import {StateStore} from '../store/state-store.js';
import {userSettings} from '../store/user-settings.js';
import {commandsToRun} from '../verify/trust.js';
import {dryRunVerdict} from '../ui/state/integration-view.js';
import {deleteMergedLines, finishClaimsLines} from './after-promotion.js';
import {flowContext, requireAnswerer, type FlowIo} from './flow-context.js';
import {currentTime, openRepository, type OpenRepository} from '../repo/open-repository.js';

export interface IntegrateOptions {
	directory: string;
	branches: string[];
	into?: string;
	verify: string[];
	dryRun: boolean;
	push: boolean;
	/** After promotion: delete the merged agent branches (`git branch -d`), mark their agents' claims done. */
	deleteMerged: boolean;
	finishClaims: boolean;
	onConflict: 'abort' | 'skip' | 'ask';
	order: 'suggested' | 'given';
}

export const integrateHelp = `Usage
  switchyard integrate <branch>... [--into <base>] [--verify CMD]... [--dry-run] [--yes] [--push]
                       [--on-conflict abort|skip|ask] [--order given]

Merges the branches into a new test/integration-<date> branch in a worktree of its own,
verifies the result, and fast-forwards base to exactly the verified commit.
  --into <base>         the base branch (default: the detected base)
  --verify CMD          a verification command (repeatable)
  --dry-run             only predict, step by step, which merge would conflict
  --yes                 answer every question with yes (needed without a terminal)
  --push                push base after promotion (never with force)
  --on-conflict         abort, skip the branch, or ask: resolve by hand in the worktree and
                        continue, skip or abort (default: ask in a terminal, abort without)
  --order given         keep the order of the command line (default: suggested)
  --delete-merged       after promotion, delete the merged agent branches (git branch -d)
  --finish-claims       after promotion, mark their agents' claims done (switchyard done)
                        (in a terminal, without these flags and --yes, both are asked)`;

export async function runIntegrate(options: IntegrateOptions, io: FlowIo): Promise<number> {
	if (options.branches.length === 0) {
		throw new FlowError('name at least one branch to integrate: switchyard integrate <branch>...');
	}

	const repo = await openRepository(options.directory);
	const store = new StateStore(repo.location.commonDir);
	const snapshot = await repo.collector.collect(currentTime(), {refs: true, worktree: true}, {conflicts: options.order === 'suggested'});
	const base = options.into ?? snapshot.base.name;
	await checkPreconditions(repo, store, base, options);
	if (!options.dryRun) {
		requireAnswerer(io, 'integrate');
	}

	const order = options.order === 'given' ? [...new Set(options.branches)] : suggestedOrder(snapshot, options.branches);
	const {baseTip, branches, steps} = await dryRun(repo, base, order);
	const context = flowContext(repo, io);
	const revertFirst = await revertsToRevert(snapshot, base, order, io, options.dryRun ? undefined : context);
	printDryRun(io, base, steps);
	const conflicts = steps.some(step => !step.clean);
	if (options.dryRun) {
		return conflicts ? 1 : 0;
	}

	const verification = verificationCommands(repo, options.verify);
	if (verification.message) {
		io.stderr.write(`switchyard: ${verification.message}\n`);
	}

	// A person at a terminal may keep a red integration's worktree to look into it (DESIGN §6.1 step 5).
	const inspect = io.interactive && !io.yes;
	const {id, input} = await integrationInput(repo, store, {base, baseTip, branches, commands: verification.commands, onConflict: options.onConflict, push: options.push, ...(inspect ? {inspect} : {}), ...(revertFirst.length > 0 ? {revertFirst} : {})});
	const state = await runFlow(integrationMachine, id, input, context, `integrate ${order.join(' ')}`);
	const code = report(state, io);
	await afterPromotion(repo, state, options, io, context);
	return code;
}

/** The offers after promotion (DESIGN §6.1 step 6): by flag, or asked in a terminal without --yes. */
async function afterPromotion(repo: OpenRepository, state: IntegrationState, options: IntegrateOptions, io: FlowIo, context: FlowContext): Promise<void> {
	const work = promotedAgentWork(state);
	const asking = io.interactive && !io.yes;
	const names = (list: readonly string[]) => list.map(makeVisible).join(', ');
	if (work.branches.length > 0 && (options.deleteMerged || (asking && (await context.answer(`delete the merged branches ${names(work.branches)} (git branch -d)?`))))) {
		for (const line of await deleteMergedLines(repo, work.branches)) {
			io.stdout.write(makeVisible(line) + '\n');
		}
	}

	if (work.agents.length > 0 && (options.finishClaims || (asking && (await context.answer(`mark the claims of ${names(work.agents)} done?`))))) {
		for (const line of await finishClaimsLines(repo, work.agents)) {
			io.stdout.write(makeVisible(line) + '\n');
		}
	}
}

/** The branches' tips as of now, and the dry run of merging them in `order` (DESIGN §6.1 step 2). */
export async function dryRun(repo: OpenRepository, base: string, order: readonly string[]): Promise<{baseTip: string; branches: IntegrationInput['branches']; steps: ChainStep[]}> {
	const {baseTip, branches} = await branchTips(repo, base, order);
	const agentOf = new Map(branches.map(branch => [branch.name, branch.agent === noAgent ? null : branch.agent]));
	const resolve = makeAgentResolver(repo.config, branches.flatMap(branch => agentOf.get(branch.name) ?? []));
	const steps = await chainMerges(repo.git, repo.location.commonDir, baseTip, branches, {agentOf: name => agentOf.get(name) ?? null, resolve});
	return {baseTip, branches, steps};
}

/** The tips of base and of the branches as of now, each branch with its agent. */
export async function branchTips(repo: OpenRepository, base: string, order: readonly string[]): Promise<{baseTip: string; branches: IntegrationInput['branches']}> {
	const baseTip = (await readRef(repo.git, `refs/heads/${base}`))!;
	const branches: IntegrationInput['branches'] = [];
	for (const name of order) {
		branches.push({name, tip: (await readRef(repo.git, `refs/heads/${name}`))!, agent: ownerOfBranch(name, repo.config).agent ?? noAgent});
	}

	return {baseTip, branches};
}

/** The verification commands: `--verify` ones, else the config's when trusted (the message says why not). */
export function verificationCommands(repo: OpenRepository, cliCommands: string[]): {commands: string[]; message?: string} {
	// The user settings are read only when the config's commands are in question.
	const needsTrust = cliCommands.length === 0 && repo.config.verify.length > 0;
	const trustedConfigs = needsTrust ? userSettings().get('trustedConfigs') : {};
	return commandsToRun({root: repo.location.root, configHash: repo.configHash, settings: {trustedConfigs}, cliCommands, config: repo.config});
}

/** The flow's id and input: a free integration branch name, the worktree under the flow's state folder. */
export async function integrationInput(
	repo: OpenRepository,
	store: StateStore,
	plan: Pick<IntegrationInput, 'base' | 'baseTip' | 'branches' | 'commands' | 'onConflict' | 'revertFirst' | 'inspect'> & {push: boolean},
): Promise<{id: string; input: IntegrationInput}> {
	const now = new Date(currentTime());
	const id = newFlowId('integration', now);
	const {push, ...rest} = plan;
	const input: IntegrationInput = {
		...rest,
		integrationBranch: await freeBranchName(repo, `test/integration-${stamp(now)}`),
		folder: path.join(store.folder('flows', id), 'worktree'),
		...(push ? {pushTo: repo.config.remote} : {}),
	};
	return {id, input};
}


/** DESIGN §7.5: what every flow checks before it starts (the revert flow too). */
export async function checkPreconditions(repo: OpenRepository, store: StateStore, base: string, options: Pick<IntegrateOptions, 'branches' | 'dryRun'>): Promise<void> {
	if (repo.location.shallow) {
		throw new RepositoryError('this is a shallow clone: merges need full history; run `git fetch --unshallow` first');
	}

	for (const name of [base, ...options.branches]) {
		if (!(await readRef(repo.git, `refs/heads/${name}`))) {
			throw new RepositoryError(`unknown branch "${name}": check the name with \`git branch --list\``);
		}
	}

	assertFlowCanStart(store);

	if (options.dryRun) {
		return;
	}

	// DESIGN §7.5: a rebase, merge, cherry-pick, revert or bisect under way in the
	// repository the user runs switchyard from (it may be moving one of the branches).
	const here = operationInProgress(repo.location);
	if (here) {
		throw new RepositoryError(`${repo.location.root} is in the middle of ${operationName[here] ?? here}: finish or abort it first`);
	}

	// The checkout promotion would touch: where base is checked out, if anywhere.
	const folder = await checkedOutAt(repo.git, `refs/heads/${base}`);
	if (folder) {
		const location = folder === repo.location.root ? repo.location : await locateRepository(repo.git.at(folder));
		const operation = operationInProgress(location);
		if (operation) {
			throw new RepositoryError(`${folder} is in the middle of ${operationName[operation] ?? operation}: finish or abort it first`);
		}

		if (existsSync(path.join(location.gitDir, 'index.lock'))) {
			throw new RepositoryError(`${path.join(location.gitDir, 'index.lock')} exists: another git command is running there; wait for it, or remove the file if none is`);
		}
	}

	if (existsSync(path.join(repo.location.commonDir, 'index.lock'))) {
		throw new RepositoryError(`${path.join(repo.location.commonDir, 'index.lock')} exists: another git command is running; wait for it, or remove the file if none is`);
	}
}

const operationName: Record<string, string> = {
	rebasing: 'a rebase',
	merging: 'a merge',
	'cherry-picking': 'a cherry-pick',
	reverting: 'a revert',
	bisecting: 'a bisect',
};

/** Claims' dependencies first, then fewest predicted conflicts (core/merge-order). */
export function suggestedOrder(snapshot: Awaited<ReturnType<OpenRepository['collector']['collect']>>, names: string[]): string[] {
	const rows = new Map(snapshot.branches.map(row => [row.name, row]));
	const chosen = [...new Set(names)];
	const candidates = chosen.map(branch => {
		const agent = rows.get(branch)?.agent;
		const claim = snapshot.agents.find(row => row.agent === agent)?.claim;
		const dependsOn = (claim?.dependencies ?? []).flatMap(dependency =>
			chosen.filter(other => other !== branch && (other === dependency || rows.get(other)?.agent === dependency.toLowerCase())),
		);
		return {branch, dependsOn};
	});
	return suggestMergeOrder(candidates, (a, b) => rows.get(a)?.conflictsWith.some(pair => pair.branch === b) ?? false);
}

/**
 * Branches whose earlier merge stands reverted on base (DESIGN §6.3 step 5): merging
 * them again would bring only their newer commits. Says so for each, and offers to
 * revert the revert first in the flow's worktree (`--yes` accepts); a dry run only says.
 */
async function revertsToRevert(
	snapshot: Awaited<ReturnType<OpenRepository['collector']['collect']>>,
	base: string,
	order: string[],
	io: FlowIo,
	context: FlowContext | undefined,
): Promise<Array<{branch: string; revert: string}>> {
	if (base !== snapshot.base.name) {
		return [];
	}

	const chosen: Array<{branch: string; revert: string}> = [];
	for (const name of order) {
		const reverted = snapshot.branches.find(row => row.name === name)?.revertedOnBase;
		if (!reverted) {
			continue;
		}

		io.stdout.write(`${makeVisible(name)}: its merge ${reverted.merge.slice(0, 12)} was reverted on ${base} by ${reverted.revert.slice(0, 12)}; merged again as it is, only its newer commits would come back\n`);
		if (context && !chosen.some(entry => entry.revert === reverted.revert) && (await context.answer(`revert the revert ${reverted.revert.slice(0, 12)} first, so all of ${makeVisible(name)} comes back?`))) {
			chosen.push({branch: name, revert: reverted.revert});
		}
	}

	return chosen;
}

async function freeBranchName(repo: OpenRepository, wanted: string): Promise<string> {
	let name = wanted;
	for (let suffix = 2; await readRef(repo.git, `refs/heads/${name}`); suffix++) {
		name = `${wanted}-${suffix}`;
	}

	return name;
}

function printDryRun(io: FlowIo, base: string, steps: ChainStep[]): void {
	io.stdout.write(`dry run: merging ${steps.length} branch${steps.length === 1 ? '' : 'es'} into ${makeVisible(base)}, in this order:\n`);
	for (const [index, step] of steps.entries()) {
		io.stdout.write(`  ${index + 1}. ${makeVisible(step.branch)}: ${dryRunVerdict(step)}\n`);
		if (step.onlyAfter) {
			io.stdout.write(`     it merges cleanly into ${makeVisible(base)} alone; the conflict comes from ${step.onlyAfter.map(makeVisible).join(', ')}, merged before it\n`);
		}
	}
}

/** When base itself is red: one line saying so, then its verification and the last lines of its output. */
export function baseRedLines(state: IntegrationState): string[] {
	if (!baseIsRed(state) || state.baseCheck?.pending !== false) {
		return [];
	}

	return [
		`${makeVisible(state.input.base)} is already red — no branch is to blame`,
		...state.baseCheck.summary.map(line => `  ${state.input.base}: ${makeVisible(line)}`),
		...state.baseCheck.tail.map(line => `    | ${makeVisible(line)}`),
	];
}

function report(state: IntegrationState, io: FlowIo): number {
	const write = (line: string) => io.stdout.write(line + '\n');
	for (const entry of state.reverted ?? []) {
		write(`reverted the revert ${entry.revert.slice(0, 12)} first (${entry.head.slice(0, 12)})`);
	}

	for (const entry of state.merged) {
		if (entry.bySection) {
			write(`${makeVisible(entry.name)}: merged ${entry.bySection.map(makeVisible).join(', ')} section by section (each side changed only its own agent's section)`);
		}

		if (entry.byHand) {
			write(`${makeVisible(entry.name)}: merged, its conflict resolved by hand`);
		}
	}

	for (const aside of state.setAside) {
		write(`set aside ${makeVisible(aside.name)}: conflicts in ${aside.files.map(makeVisible).join(', ')}`);
	}

	for (const line of state.summary) {
		write(`verification ${line}`);
	}

	const baseRed = baseRedLines(state);
	for (const line of baseRed) {
		write(line);
	}

	if (state.culprit) {
		write(`culprit: ${makeVisible(state.culprit)} turns verification red (found in ${state.runs} verification runs)`);
		if (state.collateral && state.collateral.length > 0) {
			write(`merged after it, not judged: ${state.collateral.map(makeVisible).join(', ')}`);
		}
	}

	const merged = state.merged.map(entry => entry.name);
	switch (state.outcome) {
		case 'promoted': {
			write(`promoted: ${state.input.base} is now ${state.candidate!.commit.slice(0, 12)} (${merged.map(makeVisible).join(', ')})${state.pushed ? ', pushed' : ''}`);
			return 0;
		}

		case 'promoted-prefix': {
			write(`promoted the green prefix: ${state.input.base} is now ${state.candidate!.commit.slice(0, 12)} (${state.candidate!.branches.map(makeVisible).join(', ')}), without ${makeVisible(state.culprit ?? '')}${state.pushed ? ', pushed' : ''}`);
			return 1;
		}

		case 'declined': {
			write('not promoted: nothing was changed');
			return 0;
		}

		case 'conflict': {
			const aside = state.setAside.at(-1);
			io.stderr.write(`switchyard: ${makeVisible(aside?.name ?? 'a branch')} conflicts with the branches before it; integration aborted, nothing was changed (use --on-conflict skip to leave it out)\n`);
			return 1;
		}

		case 'red': {
			if (baseRed.length > 0) {
				io.stderr.write(`switchyard: ${state.input.base} is already red — no branch is to blame; nothing was promoted\n`);
				return 1;
			}

			io.stderr.write(`switchyard: verification failed${state.culprit ? ` (culprit ${makeVisible(state.culprit)})` : ''}; nothing was promoted\n`);
			return 1;
		}

		case 'refused': {
			io.stderr.write(`switchyard: ${makeVisible(state.refusal ?? 'promotion was refused')}\n`);
			return 1;
		}

		case 'cancelled': {
			io.stderr.write('switchyard: the verification was cancelled; nothing was promoted\n');
			return 1;
		}

		case 'nothing-merged': {
			io.stderr.write('switchyard: every branch conflicted; nothing was merged or promoted\n');
			return 1;
		}

		default: {
			return 1;
		}
	}
}
