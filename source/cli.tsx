/**
 * Argument parsing and dispatch (docs/design.md §5). Global options (-C, --no-color,
 * --debug) are accepted anywhere on the line. Each command's code is imported only
 * when it runs: `status` never loads Ink or React, and the dashboard's first frame
 * does not wait for the status table's colours or the claim writer.
 */
import process from 'node:process';
import {readFileSync} from 'node:fs';
import {parseArgs} from 'node:util';
import type {AgentCommandKind} from './commands/claim.js';

const mainHelp = `Usage
  switchyard [-C path]                 dashboard (full screen)
  switchyard watch                     compact live view for a split pane
  switchyard watch --json              one JSON event per line for every change (for scripts)
  switchyard status [--json] [--all] [--include-uncommitted]
                                       one snapshot (also what a non-terminal stdout gets)
  switchyard checklist <branch> [--json|--markdown] [--verify CMD]...
                                       the pre-merge checklist of a branch (exit 1 when an item failed)
  switchyard claim --agent A --work TEXT [--module M] [--files a,b] [--branch B] [--expected 2h] [--replace] [--fetch] [--commit]
  switchyard checkin --agent A | release --agent A | done --agent A
  switchyard integrate <branch>... [--into base] [--verify CMD]... [--dry-run] [--yes] [--push]
                       [--on-conflict abort|skip|ask] [--order given] [--delete-merged] [--finish-claims]
                                       merge branches in a worktree, verify, promote base
  switchyard revert [--verify CMD]... [--last N] [--bisect] [--skip-check] [--yes] [--push] [--into base]
                                       base is broken: find the commit to revert, verify, promote the revert
  switchyard resume | rollback [--yes] continue or undo a flow that was interrupted
  switchyard undo [--yes]              reverse the last finished flow's local ref moves
  switchyard trust [--yes]             show the commands of .switchyard.json and trust this exact config
  switchyard init [--write AGENTS.md|CLAUDE.md]
                                       set a repository up for agents: .switchyard.json,
                                       AI_CURRENT_WORK.md, and the commands agents run
  switchyard config path               where user settings are kept
  switchyard demo                      build a demo repository and open the dashboard on it

Global options (anywhere on the line)
  -C <path>      run in <path> instead of the current folder
  --no-color     no colour (NO_COLOR is honoured too)
  --debug        print stack traces of unexpected errors
  --help, --version

Exit codes: 0 success; 1 a check or flow failed; 2 usage or environment error.`;

const statusHelp = `Usage
  switchyard status [--json] [--all] [--include-uncommitted]

Every agent's branch, claim, check-in age and merge readiness, in one snapshot.
  --json   the schema-version-1 document (for scripts and CI)
  --all    list merged branches too (folded into a count by default)
  --include-uncommitted
           predict conflicts with the uncommitted work of branches checked out in
           linked worktrees (committed in a scratch folder; the repository is not written)`;

/**
 * Node's own parser: meow cost 65 ms of startup, most of the dashboard's first-frame
 * budget. Strict: an unknown flag is a usage error (exit 2).
 */
function parseCommandLine(args: string[]) {
	try {
		const {values, positionals} = parseArgs({
			args,
			allowPositionals: true,
			strict: true,
			options: {
				directory: {type: 'string', short: 'C'},
				'no-color': {type: 'boolean'},
				debug: {type: 'boolean'},
				help: {type: 'boolean', short: 'h'},
				version: {type: 'boolean'},
				json: {type: 'boolean'},
				all: {type: 'boolean'},
				'include-uncommitted': {type: 'boolean'},
				agent: {type: 'string'},
				work: {type: 'string'},
				module: {type: 'string'},
				files: {type: 'string', multiple: true},
				branch: {type: 'string'},
				commit: {type: 'boolean'},
				override: {type: 'boolean'},
				replace: {type: 'boolean'},
				fetch: {type: 'boolean'},
				write: {type: 'string'},
				reason: {type: 'string'},
				expected: {type: 'string'},
				markdown: {type: 'boolean'},
				into: {type: 'string'},
				verify: {type: 'string', multiple: true},
				'dry-run': {type: 'boolean'},
				yes: {type: 'boolean'},
				push: {type: 'boolean'},
				'delete-merged': {type: 'boolean'},
				'finish-claims': {type: 'boolean'},
				'on-conflict': {type: 'string'},
				order: {type: 'string'},
				last: {type: 'string'},
				bisect: {type: 'boolean'},
				'skip-check': {type: 'boolean'},
			},
		});
		return {flags: values, input: positionals};
	} catch (error) {
		// Node's message goes on about positionals after `--`; its first sentence says it all.
		const message = error instanceof Error ? error.message.split(/\.\s/)[0]! : String(error);
		process.stderr.write(`switchyard: ${message} (see switchyard --help)\n`);
		process.exit(2);
	}
}

// `switchyard status | head` closes the pipe early: the reader has what it wanted,
// so that is a quiet success, not an unhandled EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
	stream.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') {
			process.exit(0);
		}

		throw error;
	});
}

const cli = parseCommandLine(process.argv.slice(2));
const flags = cli.flags;
const directory = flags.directory ?? process.cwd();
const color = !flags['no-color'] && !('NO_COLOR' in process.env) && process.stdout.isTTY === true;
const agentCommands = new Set<string>(['claim', 'checkin', 'release', 'done']);
const laterCommands = new Set<string>();
const flowCommands = new Set(['resume', 'rollback', 'undo']);

async function main(): Promise<number> {
	const [command, ...rest] = cli.input;
	if (flags.version) {
		const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string};
		process.stdout.write(manifest.version + '\n');
		return 0;
	}

	if (flags.help) {
		const agentHelp = command && agentCommands.has(command) ? (await import('./commands/claim.js')).agentCommandHelp[command as AgentCommandKind] : undefined;
		const integrateHelp = command === 'integrate' ? (await import('./commands/integrate.js')).integrateHelp : command === 'revert' ? (await import('./commands/revert.js')).revertHelp : undefined;
		const trustHelp = command === 'trust' ? (await import('./commands/trust.js')).trustHelp : undefined;
		const help = command === 'status' ? statusHelp : agentHelp ?? integrateHelp ?? trustHelp ?? mainHelp;
		process.stdout.write(help + '\n');
		return 0;
	}

	const takesOne = command === 'config' || command === 'checklist';
	if (rest.length > (takesOne ? 1 : 0) && command !== 'integrate') {
		return usageError(`unexpected argument "${rest[takesOne ? 1 : 0]}"`);
	}

	if (command === undefined || command === 'watch' || command === 'status' || command === 'integrate' || command === 'revert' || command === 'checklist' || agentCommands.has(command)) {
		await noticeInterruptedFlow();
	}

	switch (command) {
		case undefined: {
			if (!process.stdout.isTTY) {
				return status();
			}

			const {openDashboard} = await import('./commands/dashboard.js');
			return openDashboard(directory, 'dashboard');
		}

		case 'watch': {
			if (flags.json) {
				const {runWatchJson} = await import('./watch/json-stream.js');
				const stop = new Promise(resolve => {
					for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
						process.once(signal, resolve);
					}
				});
				return runWatchJson(directory, {stdout: process.stdout, stderr: process.stderr, stop});
			}

			const {openDashboard} = await import('./commands/dashboard.js');
			return openDashboard(directory, 'watch');
		}

		case 'status': {
			return status();
		}

		case 'trust': {
			const {runTrust} = await import('./commands/trust.js');
			return runTrust(
				{directory, yes: flags.yes ?? false},
				{stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, interactive: process.stdin.isTTY === true && process.stdout.isTTY === true},
			);
		}

		case 'init': {
			const {runInit} = await import('./commands/init.js');
			return runInit({directory, write: flags.write}, {stdout: process.stdout, stderr: process.stderr});
		}

		case 'config': {
			if (rest[0] !== 'path') {
				return usageError('usage: switchyard config path');
			}

			const {settingsPath} = await import('./store/user-settings.js');
			process.stdout.write(settingsPath() + '\n');
			return 0;
		}

		case 'checklist': {
			if (!rest[0]) {
				return usageError('usage: switchyard checklist <branch> [--json|--markdown] [--verify CMD]...');
			}

			if (flags.json && flags.markdown) {
				return usageError('--json and --markdown cannot be used together');
			}

			const {runChecklist} = await import('./commands/checklist.js');
			return runChecklist({directory, branch: rest[0], json: flags.json ?? false, markdown: flags.markdown ?? false, verify: flags.verify ?? []}, process.stdout, process.stderr);
		}

		case 'demo': {
			const {runDemo} = await import('../fixtures/demo.js');
			return runDemo();
		}

		case 'integrate': {
			const onConflict = conflictChoice(flowIo());
			if (typeof onConflict === 'object') {
				return usageError(onConflict.error);
			}

			if (flags.order !== undefined && flags.order !== 'given' && flags.order !== 'suggested') {
				return usageError(`--order takes given or suggested, not "${flags.order}"`);
			}

			const {runIntegrate} = await import('./commands/integrate.js');
			return runIntegrate(
				{directory, branches: rest, ...(flags.into ? {into: flags.into} : {}), verify: flags.verify ?? [], dryRun: flags['dry-run'] ?? false, push: flags.push ?? false, deleteMerged: flags['delete-merged'] ?? false, finishClaims: flags['finish-claims'] ?? false, onConflict, order: flags.order === 'given' ? 'given' : 'suggested'},
				flowIo(),
			);
		}

		case 'revert': {
			const onConflict = conflictChoice(flowIo());
			if (typeof onConflict === 'object') {
				return usageError(onConflict.error);
			}

			const last = flags.last === undefined ? 10 : Number(flags.last);
			if (!Number.isInteger(last) || last < 1) {
				return usageError(`--last takes a whole number of commits, at least 1, not "${flags.last}"`);
			}

			const {runRevert} = await import('./commands/revert.js');
			return runRevert(
				{directory, ...(flags.into ? {into: flags.into} : {}), verify: flags.verify ?? [], last, bisect: flags.bisect ?? false, skipCheck: flags['skip-check'] ?? false, push: flags.push ?? false, onConflict},
				flowIo(),
			);
		}

		default: {
			if (flowCommands.has(command)) {
				const {runFlowCommand} = await import('./commands/flow-commands.js');
				return runFlowCommand(command as 'resume' | 'rollback' | 'undo', directory, flowIo());
			}

			if (agentCommands.has(command)) {
				const [{runAgentCommand}, {currentTime}] = await Promise.all([import('./commands/claim.js'), import('./repo/open-repository.js')]);
				return runAgentCommand(
					command as AgentCommandKind,
					{agent: flags.agent, work: flags.work, module: flags.module, files: flags.files, branch: flags.branch, commit: flags.commit ?? false, override: flags.override ?? false, replace: flags.replace ?? false, fetch: flags.fetch ?? false, reason: flags.reason, expected: flags.expected},
					{cwd: directory, env: process.env, now: () => new Date(currentTime()), stdout: process.stdout, stderr: process.stderr},
				);
			}

			if (laterCommands.has(command)) {
				process.stderr.write(`switchyard: "${command}" is not available yet in this version; see switchyard --help\n`);
				return 2;
			}

			return usageError(`unknown command "${command}"`);
		}
	}
}

async function status(): Promise<number> {
	const {runStatus} = await import('./commands/status.js');
	return runStatus({directory, json: flags.json ?? false, all: flags.all ?? false, includeUncommitted: flags['include-uncommitted'] ?? false, color}, process.stdout);
}

/**
 * `--on-conflict`: abort, skip, or ask (keep the conflicted merge, resolve by hand and
 * continue, skip, or abort). Without the flag: ask with a terminal and no `--yes`,
 * abort otherwise (scripts). `ask` needs a terminal.
 */
function conflictChoice(io: ReturnType<typeof flowIo>): 'abort' | 'skip' | 'ask' | {error: string} {
	const given = flags['on-conflict'];
	if (given === undefined) {
		return io.interactive && !io.yes ? 'ask' : 'abort';
	}

	if (given !== 'abort' && given !== 'skip' && given !== 'ask') {
		return {error: `--on-conflict takes abort, skip or ask, not "${given}"`};
	}

	if (given === 'ask' && !io.interactive) {
		return {error: '--on-conflict ask needs a terminal to ask in: use abort or skip in scripts'};
	}

	return given;
}

function flowIo() {
	return {stdout: process.stdout, stderr: process.stderr, interactive: process.stdin.isTTY === true && process.stdout.isTTY === true, yes: flags.yes ?? false};
}

/**
 * One line on stderr when a flow waits for resume or rollback (DESIGN §7.4). Read
 * from files only (no git process), so that it costs the startup nothing.
 */
async function noticeInterruptedFlow(): Promise<void> {
	try {
		const {findCommonDir} = await import('./git/repository.js');
		const commonDir = findCommonDir(directory);
		if (!commonDir) {
			return;
		}

		const {StateStore} = await import('./store/state-store.js');
		const {interruptedNotice} = await import('./flows/engine/journal.js');
		const notice = interruptedNotice(new StateStore(commonDir));
		if (notice) {
			process.stderr.write(`switchyard: ${notice}\n`);
		}
	} catch {
		// A notice only: the command itself says what is wrong with the repository.
	}
}

function usageError(message: string): number {
	process.stderr.write(`switchyard: ${message} (see switchyard --help)\n`);
	return 2;
}

try {
	process.exitCode = await main();
} catch (error) {
	const exitCode = typeof (error as {exitCode?: unknown})?.exitCode === 'number' ? (error as {exitCode: number}).exitCode : 2;
	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(`switchyard: ${message.split('\n')[0]}\n`);
	if (flags.debug && error instanceof Error && error.stack) {
		process.stderr.write(error.stack + '\n');
	}

	process.exitCode = exitCode;
}
