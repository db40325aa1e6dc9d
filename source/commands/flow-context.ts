/**
 * What the flow commands share: the engine's context for an open repository —
 * answers from `--yes` or a terminal prompt (without either, a refusal in one line),
 * verification, and progress lines on stdout.
 */
import {createInterface} from 'node:readline/promises';
import process from 'node:process';
import {makeVisible} from '../core/text-safety.js';
import {FlowError, type FlowContext, type VerifyAnswer} from '../flows/engine/index.js';
import {StateStore} from '../store/state-store.js';
import {passed, type OutputLine} from '../verify/run-command.js';
import {Verifier} from '../verify/verifier.js';
import type {OpenRepository} from '../repo/open-repository.js';
import type {FlowHooks} from '../ui/state/flow-run.js';

export interface FlowIo {
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	/** Whether a person can answer questions on stdin. */
	interactive: boolean;
	yes: boolean;
}

/** Refuses up front what would have to ask later: no terminal and no `--yes`. */
export function requireAnswerer(io: FlowIo, command: string): void {
	if (!io.yes && !io.interactive) {
		throw new FlowError(`${command} asks before it moves a ref, and there is no terminal to ask in: run it in a terminal or pass --yes`);
	}
}

export function flowContext(repo: OpenRepository, io: FlowIo): FlowContext {
	const store = new StateStore(repo.location.commonDir);
	const verifier = new Verifier(store, repo.git);
	return {
		git: repo.git,
		store,
		agents: repo.config,
		say: line => io.stdout.write(line + '\n'),
		async answer(question) {
			if (io.yes) {
				io.stdout.write(`${question} yes (--yes)\n`);
				return true;
			}

			if (!io.interactive) {
				throw new FlowError(`the flow needs an answer to "${question}" and there is no terminal: run it again with --yes`);
			}

			const prompt = createInterface({input: process.stdin, output: process.stdout});
			try {
				const reply = await prompt.question(`${question} [y/N] `);
				return /^y(es)?$/i.test(reply.trim());
			} finally {
				prompt.close();
			}
		},
		async hold(folder) {
			if (io.yes || !io.interactive) {
				return;
			}

			const prompt = createInterface({input: process.stdin, output: process.stdout});
			try {
				const keep = await prompt.question(`keep the worktree ${folder} for inspection? [y/N] `);
				if (/^y(es)?$/i.test(keep.trim())) {
					await prompt.question('inspect it now; press enter to close the flow (the worktree and the integration branch are removed) ');
				}
			} finally {
				prompt.close();
			}
		},
		async choose(question, choices) {
			// A choice is no confirmation: --yes does not make it.
			if (!io.interactive) {
				throw new FlowError(`the flow needs a choice (${choices.join(', ')}) to "${question}" and there is no terminal: run it in a terminal`);
			}

			const prompt = createInterface({input: process.stdin, output: process.stdout});
			try {
				const keys = choices.map(choice => `[${choice[0]}]${choice.slice(1)}`).join(' / ');
				for (;;) {
					const reply = (await prompt.question(`${question} ${keys} `)).trim().toLowerCase();
					const chosen = choices.find(choice => reply === choice || reply === choice[0]);
					if (chosen) {
						return chosen;
					}
				}
			} finally {
				prompt.close();
			}
		},
		verify: request => verifyInWorktree(verifier, request, {
			onVerifying: commit => io.stdout.write(`verifying ${commit.slice(0, 12)}\n`),
			onStart: command => io.stdout.write(`  $ ${command}\n`),
			// Streamed as it comes, with the elapsed time (DESIGN §6.1 step 4).
			onLine: line => io.stdout.write(`    ${(line.elapsedMs / 1000).toFixed(1).padStart(6)} s  ${makeVisible(line.text)}\n`),
		}),
	};
}

export interface VerifyHooks {
	onVerifying?: (commit: string) => void;
	onStart?: (command: string) => void;
	onLine?: (line: OutputLine) => void;
	/** Aborting it cancels the run (its process group is ended); the answer then says `cancelled`. */
	signal?: AbortSignal;
}

/**
 * Verification through the verifier: results kept by tree id, so an identical tree
 * (a resumed flow's, or a bisection probe equal to an earlier run) is never run twice.
 */
export async function verifyInWorktree(verifier: Verifier, request: {folder: string; commit: string; commands: string[]}, hooks: VerifyHooks): Promise<VerifyAnswer> {
	const tree = (await verifier.git.run(['rev-parse', '--end-of-options', `${request.commit}^{tree}`])).trim();
	hooks.onVerifying?.(request.commit);
	const outcome = await verifier.verify({
		commit: request.commit,
		tree,
		commands: request.commands,
		cwd: request.folder,
		...(hooks.signal ? {signal: hooks.signal} : {}),
		...(hooks.onStart ? {onStart: hooks.onStart} : {}),
		...(hooks.onLine ? {onLine: hooks.onLine} : {}),
	});
	const cancelled = outcome.results.some(result => result.cancelled);
	const summary = outcome.results.map(
		result => `${result.cancelled ? 'cancelled' : passed(result) ? 'passed' : 'failed'}: ${result.command} (exit ${result.exitCode ?? result.signal}, ${(result.durationMs / 1000).toFixed(1)} s${result.cached ? ', kept from an earlier run of this tree' : ''})`,
	);
	const failed = outcome.results.find(result => !passed(result));
	return {passed: outcome.passed, tree, summary, ...(failed ? {tail: failed.tail.slice(-5)} : {}), ...(cancelled ? {cancelled: true} : {})};
}

/**
 * The engine's context for a flow run from a dashboard screen: the screen answers the
 * questions (with the state each was asked in) and sees every step and output line;
 * the git commands land in the dashboard's one command log.
 */
export function screenFlowContext<State>(repo: OpenRepository, store: StateStore, verifier: Verifier, hooks: FlowHooks<State>): FlowContext {
	let latest: State | undefined;
	return {
		git: repo.git,
		store,
		agents: repo.config,
		say: hooks.say,
		observe(progress) {
			latest = progress.state as State;
			hooks.observe(progress);
		},
		// An `ask` or a `hold` is always preceded by its observed start, which carries the state it was asked in.
		answer: async question => hooks.answer(question, latest!),
		choose: async (question, choices) => hooks.choose(question, choices, latest!),
		hold: async folder => hooks.hold(folder, latest!),
		verify: async request => verifyInWorktree(verifier, request, {onStart: hooks.onCommand, onLine: hooks.onLine, signal: hooks.signal}),
	};
}
