/**
 * What the flow commands share: the engine's context for an open repository —
 * answers from `--yes` or a terminal prompt (without either, a refusal in one line),
 * verification, and progress lines on stdout.
 */
import {createInterface} from 'node:readline/promises';
import process from 'node:process';
import {FlowError, type FlowContext, type VerifyAnswer} from '../flows/engine/index.js';
import type {GitRunner} from '../git/git-runner.js';
import {StateStore} from '../store/state-store.js';
import {passed, runCommand} from '../verify/run-command.js';
import type {OpenRepository} from './open-repository.js';

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
	return {
		git: repo.git,
		store,
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
		verify: request => verifyInWorktree(repo.git, request, io),
	};
}

/** Runs each command in turn in the worktree, stopping at the first that fails. */
async function verifyInWorktree(git: GitRunner, request: {folder: string; commit: string; commands: string[]}, io: FlowIo): Promise<VerifyAnswer> {
	const tree = (await git.run(['rev-parse', '--end-of-options', `${request.commit}^{tree}`])).trim();
	const summary: string[] = [];
	for (const command of request.commands) {
		const result = await runCommand(command, {cwd: request.folder});
		const ok = passed(result);
		summary.push(`${ok ? 'passed' : 'failed'}: ${command} (exit ${result.exitCode ?? result.signal}, ${(result.durationMs / 1000).toFixed(1)} s)`);
		if (!ok) {
			for (const line of result.tail.slice(-5)) {
				io.stdout.write(`    ${line}\n`);
			}

			return {passed: false, tree, summary};
		}
	}

	return {passed: true, tree, summary};
}
