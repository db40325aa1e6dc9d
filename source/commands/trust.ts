/**
 * `switchyard trust [--yes]`: shows the commands `.switchyard.json` would make
 * switchyard run, and on the user's word records that exact file (its sha256) as
 * trusted for this repository (DESIGN §4 trust, §7.8). On a terminal it asks y/n;
 * `--yes` is for scripts; with neither it refuses in one line (exit 2).
 */
import {createInterface} from 'node:readline/promises';
import {makeVisible} from '../core/text-safety.js';
import {configFileName} from '../store/config-file.js';
import {userSettings} from '../store/user-settings.js';
import {configCommands, configTrust, withTrust} from '../verify/trust.js';
import {openRepository} from './open-repository.js';

export const trustHelp = `Usage
  switchyard trust [--yes]

Shows the commands of .switchyard.json (verify, and checklist items with a command)
and trusts this exact file: switchyard runs a config's commands only once the user
trusted it, and asks again whenever the file changes.
  --yes   trust without asking (for scripts); without a terminal it is required`;

export interface TrustIo {
	stdin: NodeJS.ReadableStream;
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	/** stdin and stdout are a terminal: the question can be asked. */
	interactive: boolean;
}

export async function runTrust(options: {directory: string; yes: boolean}, io: TrustIo): Promise<number> {
	const repo = await openRepository(options.directory);
	const {root} = repo.location;
	const file = `${configFileName} in ${makeVisible(root)}`;
	if (repo.configHash === null) {
		io.stdout.write(`No ${file}: there is nothing to trust.\n`);
		return 0;
	}

	const settings = userSettings();
	const trust = configTrust({root, configHash: repo.configHash, settings: {trustedConfigs: settings.get('trustedConfigs')}});
	const commands = configCommands(repo.config);
	if (trust.trusted) {
		io.stdout.write(`${file} is trusted already, as it is now (${plural(commands.length)}).\n`);
		return 0;
	}

	if (commands.length === 0) {
		io.stdout.write(`${file} has no commands to run: there is nothing to trust.\n`);
		return 0;
	}

	if (!options.yes && !io.interactive) {
		io.stderr.write(`switchyard: trust asks on a terminal; run \`switchyard trust --yes\` to trust ${configFileName} as it is now, once you have read its commands\n`);
		return 2;
	}

	const heading = trust.reason === 'changed' ? `${file} changed since you trusted it. It now runs` : `${file} asks switchyard to run`;
	io.stdout.write(`${heading} these commands in a shell:\n`);
	for (const {source, command} of commands) {
		io.stdout.write(`  ${makeVisible(source)}: ${makeVisible(command)}\n`);
	}

	if (!options.yes && !(await confirm(io, 'Trust this file and let switchyard run them? [y/N] '))) {
		io.stdout.write(`Not trusted: these commands will not run.\n`);
		return 1;
	}

	// The hash of the bytes whose commands were shown: a later edit asks again.
	settings.set('trustedConfigs', withTrust({trustedConfigs: settings.get('trustedConfigs')}, root, repo.configHash));
	io.stdout.write(`Trusted: switchyard may run these ${plural(commands.length)} until ${configFileName} changes.\n`);
	return 0;
}

async function confirm(io: TrustIo, question: string): Promise<boolean> {
	const reader = createInterface({input: io.stdin, output: io.stdout});
	try {
		const answer = await reader.question(question);
		return /^\s*y(?:es)?\s*$/i.test(answer);
	} finally {
		reader.close();
	}
}

function plural(count: number): string {
	return `${count} command${count === 1 ? '' : 's'}`;
}
