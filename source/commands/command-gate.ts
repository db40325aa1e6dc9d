/**
 * Until trust is built (`switchyard trust`, verify/trust.ts), the config's commands
 * never run: an agent can commit to the repository, and must not be able to make
 * switchyard run a command the user never saw (DESIGN §4). `--verify` commands are
 * the user's own and always run.
 */
import type {CommandGate} from './checklist-services.js';

export const trustMessage = 'the commands of .switchyard.json did not run: they run only once you trust this config (switchyard trust)';

export const commandLineOnly: CommandGate = commands => {
	const allowed = new Set(commands.filter(entry => !entry.fromConfig).map(entry => entry.command));
	return commands.some(entry => entry.fromConfig) ? {allowed, message: trustMessage} : {allowed};
};
