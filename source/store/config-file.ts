/** Reads `.switchyard.json` from the top of the working tree; absent means defaults. */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {ConfigError, defaultConfig, validateConfig} from '../core/config.js';
import type {SwitchyardConfig} from '../core/types.js';

export const configFileName = '.switchyard.json';

export function loadRepoConfig(root: string): SwitchyardConfig {
	let text: string;
	try {
		text = readFileSync(path.join(root, configFileName), 'utf8');
	} catch {
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
