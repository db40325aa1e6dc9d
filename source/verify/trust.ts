/**
 * Trust of config commands (DESIGN §4, §7.8). An agent can commit to the repository;
 * it must not be able to make switchyard run a command the user never saw. So the
 * commands of `.switchyard.json` (`verify`, and `checklist` items with a command) run
 * only after the user trusted that exact file: its sha256 is recorded per repository
 * root in the user settings (`switchyard trust`), and any change asks again.
 * Commands typed on the command line (`--verify CMD`) are the user's own and run.
 *
 * This module is the one owner of the question "may this config's commands run?":
 * flows and the checklist ask `commandsToRun` / `configTrust`, never the settings.
 */
import type {SwitchyardConfig} from '../core/types.js';
import {configFileName} from '../store/config-file.js';
import type {UserSettings} from '../store/user-settings.js';

export interface TrustInput {
	/** Repository root (top of the working tree) the config was read from. */
	root: string;
	/** sha256 of the config's bytes (`loadRepoConfigWithHash`); null when there is no file. */
	configHash: string | null;
	settings: Pick<UserSettings, 'trustedConfigs'>;
}

export interface ConfigTrust {
	trusted: boolean;
	/** Why not, for a one-line notice (absent when trusted or nothing to trust). */
	reason?: 'never-trusted' | 'changed';
}

export interface CommandsToRun {
	/** What runs, in order. */
	commands: string[];
	/** Config commands that do not run, because the config is not trusted. */
	untrusted: string[];
	/** One line to show when config commands were skipped. */
	message?: string;
}

/** A command of the config, with where it comes from (for `switchyard trust`). */
export interface ConfigCommand {
	/** `verify` or `checklist "title"`. */
	source: string;
	command: string;
}

export function configTrust(input: TrustInput): ConfigTrust {
	if (input.configHash === null) {
		// No file: there are no config commands to trust.
		return {trusted: true};
	}

	const recorded = input.settings.trustedConfigs[input.root];
	if (recorded === input.configHash) {
		return {trusted: true};
	}

	return {trusted: false, reason: recorded === undefined ? 'never-trusted' : 'changed'};
}

/**
 * The verification commands to run: those typed on the command line when there are
 * any (they replace the config's), else the config's `verify` when the config is
 * trusted; otherwise none, with the line that says why.
 */
export function commandsToRun(input: TrustInput & {cliCommands: string[]; config: SwitchyardConfig}): CommandsToRun {
	if (input.cliCommands.length > 0) {
		return {commands: [...input.cliCommands], untrusted: []};
	}

	return configCommandsToRun(input, input.config.verify);
}

/**
 * Config commands other than `verify` (the checklist's): all of them when the config
 * is trusted, else none, with the line that says why.
 */
export function configCommandsToRun(input: TrustInput, commands: string[]): CommandsToRun {
	const trust = configTrust(input);
	if (trust.trusted || commands.length === 0) {
		return {commands: trust.trusted ? [...commands] : [], untrusted: []};
	}

	return {commands: [], untrusted: [...commands], message: untrustedMessage(commands.length, trust.reason)};
}

export function untrustedMessage(count: number, reason: ConfigTrust['reason']): string {
	const what = `${count} command${count === 1 ? '' : 's'} of ${configFileName} not run`;
	const why = reason === 'changed' ? `${configFileName} changed since you trusted it` : `${configFileName} is not trusted`;
	return `${what}: ${why} — run \`switchyard trust\` to review and trust it`;
}

/** Every command the config would run, for the user to review. */
export function configCommands(config: SwitchyardConfig): ConfigCommand[] {
	return [
		...config.verify.map(command => ({source: 'verify', command})),
		...config.checklist.flatMap(item => (item.command === undefined ? [] : [{source: `checklist "${item.title}"`, command: item.command}])),
	];
}

/** The settings with `root` trusting the config of `configHash` (the old trust replaced). */
export function withTrust(settings: Pick<UserSettings, 'trustedConfigs'>, root: string, configHash: string): UserSettings['trustedConfigs'] {
	return {...settings.trustedConfigs, [root]: configHash};
}
