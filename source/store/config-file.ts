/** Reads `.switchyard.json` from the top of the working tree; absent means defaults. */
import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {ConfigError, defaultConfig, validateConfig} from '../core/config.js';
import type {SwitchyardConfig} from '../core/types.js';

export const configFileName = '.switchyard.json';

export function loadRepoConfig(root: string): SwitchyardConfig {
	return parseRepoConfig(readRepoConfigText(root));
}

/**
 * The config and the sha256 of the very bytes it was parsed from (null: no file), so
 * that what is trusted is exactly what runs (DESIGN §4 trust): reading the file twice
 * would let it change in between.
 */
export function loadRepoConfigWithHash(root: string): {config: SwitchyardConfig; hash: string | null} {
	let bytes: Buffer;
	try {
		bytes = readFileSync(path.join(root, configFileName));
	} catch {
		return {config: parseRepoConfig(null), hash: null};
	}

	return {config: parseRepoConfig(bytes.toString('utf8')), hash: configHash(bytes)};
}

/** The content hash a trust is recorded under: sha256 of the file's bytes, in hex. */
export function configHash(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
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
