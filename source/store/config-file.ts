/** Reads `.switchyard.json` from the top of the working tree; absent means defaults. */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {ConfigError, defaultConfig, validateConfig} from '../core/config.js';
import type {SwitchyardConfig} from '../core/types.js';

export const configFileName = '.switchyard.json';

export function loadRepoConfig(root: string): SwitchyardConfig {
	return parseRepoConfig(readRepoConfigText(root));
}

/** The file's text, or null when there is none (or it cannot be read). */
export function readRepoConfigText(root: string): string | null {
	try {
		return readFileSync(path.join(root, configFileName), 'utf8');
	} catch {
		return null;
	}
}

/** Null text means defaults; a problem is a ConfigError naming the key. */
export function parseRepoConfig(text: string | null): SwitchyardConfig {
	if (text === null) {
		return {...defaultConfig};
	}

	let raw: unknown;
	try {
		raw = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		throw new ConfigError('(file)', `is not valid JSON: ${detail}`);
	}

	return validateConfig(raw);
}
