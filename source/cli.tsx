/**
 * Argument parsing and dispatch (DESIGN.md §5). Global options (-C, --no-color,
 * --debug) are accepted anywhere on the line. `status` and the agent commands never
 * load Ink or React: the dashboard is imported only when it is opened.
 */
import process from 'node:process';
import meow from 'meow';
import {agentCommandHelp, runAgentCommand, type AgentCommandKind} from './commands/claim.js';
import {openDashboard} from './commands/dashboard.js';
import {runStatus} from './commands/status.js';

const mainHelp = `Usage
  switchyard [-C path]                 dashboard (full screen)
  switchyard watch                     compact live view for a split pane
  switchyard status [--json] [--all]   one snapshot (also what a non-terminal stdout gets)
  switchyard claim --agent A --work TEXT [--module M] [--files a,b] [--branch B] [--commit]
  switchyard checkin --agent A | release --agent A | done --agent A
  switchyard config path               where user settings are kept
  switchyard demo                      build a demo repository and open the dashboard on it

Global options (anywhere on the line)
  -C <path>      run in <path> instead of the current folder
  --no-color     no colour (NO_COLOR is honoured too)
  --debug        print stack traces of unexpected errors
  --help, --version

Exit codes: 0 success; 1 a check or flow failed; 2 usage or environment error.`;

const statusHelp = `Usage
  switchyard status [--json] [--all]

Every agent's branch, claim, check-in age and merge readiness, in one snapshot.
  --json   the schema-version-1 document (for scripts and CI)
  --all    list merged branches too (folded into a count by default)`;

const cli = meow(mainHelp, {
	importMeta: import.meta,
	autoHelp: false,
	autoVersion: true,
	allowUnknownFlags: false,
	flags: {
		directory: {type: 'string', shortFlag: 'C'},
		color: {type: 'boolean', default: true},
		debug: {type: 'boolean', default: false},
		help: {type: 'boolean', shortFlag: 'h', default: false},
		json: {type: 'boolean', default: false},
		all: {type: 'boolean', default: false},
		agent: {type: 'string'},
		work: {type: 'string'},
		module: {type: 'string'},
		files: {type: 'string', isMultiple: true},
		branch: {type: 'string'},
		commit: {type: 'boolean', default: false},
		override: {type: 'boolean', default: false},
		reason: {type: 'string'},
	},
});

const flags = cli.flags;
const directory = flags.directory ?? process.cwd();
const color = flags.color && !('NO_COLOR' in process.env) && process.stdout.isTTY === true;
const agentCommands = new Set<string>(['claim', 'checkin', 'release', 'done']);
const laterCommands = new Set(['integrate', 'checklist', 'revert', 'resume', 'rollback']);

async function main(): Promise<number> {
	const [command, ...rest] = cli.input;
	if (flags.help) {
		const help = command === 'status' ? statusHelp : command && agentCommands.has(command) ? agentCommandHelp[command as AgentCommandKind] : mainHelp;
		process.stdout.write(help + '\n');
		return 0;
	}

	if (rest.length > 0 && command !== 'config') {
		return usageError(`unexpected argument "${rest[0]}"`);
	}

	switch (command) {
		case undefined: {
			if (!process.stdout.isTTY) {
				return runStatus({directory, json: flags.json, all: flags.all, color}, process.stdout);
			}

			return openDashboard(directory, 'dashboard');
		}

		case 'watch': {
			return openDashboard(directory, 'watch');
		}

		case 'status': {
			return runStatus({directory, json: flags.json, all: flags.all, color}, process.stdout);
		}

		case 'config': {
			if (rest[0] !== 'path') {
				return usageError('usage: switchyard config path');
			}

			const {settingsPath} = await import('./store/user-settings.js');
			process.stdout.write(settingsPath() + '\n');
			return 0;
		}

		case 'demo': {
			const {runDemo} = await import('../fixtures/demo.js');
			return runDemo();
		}

		default: {
			if (agentCommands.has(command)) {
				return runAgentCommand(
					command as AgentCommandKind,
					{agent: flags.agent, work: flags.work, module: flags.module, files: flags.files, branch: flags.branch, commit: flags.commit, override: flags.override, reason: flags.reason},
					{cwd: directory, env: process.env, now: () => new Date(), stdout: process.stdout, stderr: process.stderr},
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
