/**
 * `.switchyard.json` validation (docs/design.md §4). An invalid file is one clear error
 * naming the key; unknown keys are errors too, since a typo would otherwise be
 * silently ignored.
 */
import {writableClaimsKind, writableShapesHint} from './claims/paths.js';
import {defaultBehind} from './readiness.js';
import {defaultStaleness} from './staleness.js';
import type {AgentConfig, BehindConfig, ChecklistExtra, SwitchyardConfig, VerifyCommand, VerifyKind} from './types.js';

export class ConfigError extends Error {
	readonly exitCode = 2;
	constructor(
		readonly key: string,
		problem: string,
	) {
		super(`.switchyard.json: "${key}" ${problem}`);
		this.name = 'ConfigError';
	}
}

export const defaultConfig: SwitchyardConfig = {
	remote: 'origin',
	fetchIntervalSeconds: 60,
	agents: {},
	sharedPaths: [],
	verify: [],
	checklist: [],
	staleness: defaultStaleness,
	behind: defaultBehind,
	coordinationFiles: [],
};

const knownKeys = new Set(['base', 'remote', 'fetchIntervalSeconds', 'agents', 'sharedPaths', 'verify', 'checklist', 'staleness', 'behind', 'coordinationFiles', 'claimsFile', '$schema']);

export function validateConfig(raw: unknown): SwitchyardConfig {
	if (!isRecord(raw)) {
		throw new ConfigError('(top level)', 'must be a JSON object');
	}

	for (const key of Object.keys(raw)) {
		if (!knownKeys.has(key)) {
			throw new ConfigError(key, `is not a known key (known: ${[...knownKeys].filter(known => known !== '$schema').join(', ')})`);
		}
	}

	const config: SwitchyardConfig = {...defaultConfig, staleness: {...defaultStaleness}, behind: {...defaultBehind}};
	if (raw['base'] !== undefined) {
		config.base = nonEmptyString(raw['base'], 'base');
	}

	if (raw['remote'] !== undefined) {
		config.remote = nonEmptyString(raw['remote'], 'remote');
	}

	if (raw['fetchIntervalSeconds'] !== undefined) {
		const value = raw['fetchIntervalSeconds'];
		if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
			throw new ConfigError('fetchIntervalSeconds', 'must be a number of seconds, 0 or more (0 turns fetching off)');
		}

		config.fetchIntervalSeconds = value;
	}

	config.agents = validateAgents(raw['agents']);
	config.sharedPaths = repoPathList(raw['sharedPaths'], 'sharedPaths') ?? [];
	config.verify = validateVerify(raw['verify']);
	config.checklist = validateChecklist(raw['checklist']);
	config.coordinationFiles = repoPathList(raw['coordinationFiles'], 'coordinationFiles') ?? [];
	if (raw['staleness'] !== undefined) {
		config.staleness = validateStaleness(raw['staleness']);
	}

	if (raw['claimsFile'] !== undefined) {
		config.claimsFile = validateClaimsFile(raw['claimsFile']);
		// The file claims are written to is read like every coordination file.
		if (!config.coordinationFiles.includes(config.claimsFile)) {
			config.coordinationFiles = [...config.coordinationFiles, config.claimsFile];
		}
	}

	if (raw['behind'] !== undefined) {
		config.behind = validateBehind(raw['behind']);
	}

	return config;
}

function validateAgents(value: unknown): Record<string, AgentConfig> {
	if (value === undefined) {
		return {};
	}

	if (!isRecord(value)) {
		throw new ConfigError('agents', 'must be an object of agent keys, e.g. {"claude": {"paths": ["lib/**"]}}');
	}

	const agents: Record<string, AgentConfig> = {};
	for (const [agent, settings] of Object.entries(value)) {
		const key = `agents.${agent}`;
		if (!isRecord(settings)) {
			throw new ConfigError(key, 'must be an object with prefixes, aliases or paths');
		}

		for (const field of Object.keys(settings)) {
			if (!['prefixes', 'aliases', 'paths'].includes(field)) {
				throw new ConfigError(`${key}.${field}`, 'is not a known key (known: prefixes, aliases, paths)');
			}
		}

		agents[agent.toLowerCase()] = {
			prefixes: optionalStringList(settings['prefixes'], `${key}.prefixes`),
			aliases: optionalStringList(settings['aliases'], `${key}.aliases`),
			paths: repoPathList(settings['paths'], `${key}.paths`),
		};
	}

	return agents;
}

const verifyKinds: readonly VerifyKind[] = ['build', 'typecheck', 'test'];

/**
 * `{"build": "npm run build", "typecheck": "tsc --noEmit", "test": "npm test"}`, or a
 * list of commands each judged by what its words say it does (see `verifyKindOf`).
 */
function validateVerify(value: unknown): VerifyCommand[] {
	if (value === undefined) {
		return [];
	}

	if (Array.isArray(value)) {
		return value.map((command, index) => ({kind: verifyKindOf(command), command: nonEmptyString(command, `verify[${index}]`)}));
	}

	if (!isRecord(value)) {
		throw new ConfigError('verify', 'must be {"build": CMD, "typecheck": CMD, "test": CMD} (any of them) or a list of commands');
	}

	return Object.entries(value).map(([kind, command]) => {
		if (!verifyKinds.includes(kind as VerifyKind)) {
			throw new ConfigError(`verify.${kind}`, `is not a known key (known: ${verifyKinds.join(', ')})`);
		}

		return {kind: kind as VerifyKind, command: nonEmptyString(command, `verify.${kind}`)};
	});
}

/**
 * Which checklist item a command given without its kind proves (a listed config command,
 * a `--verify CMD`): a type checker, else a build, else tests.
 */
export function verifyKindOf(command: unknown): VerifyKind {
	const text = typeof command === 'string' ? command : '';
	if (/\b(?:typecheck|type-check|tsc|mypy|pyright)\b/i.test(text) && !/\b(?:build|test)\b/i.test(text)) {
		return 'typecheck';
	}

	if (/\b(?:test|tests|spec|jest|vitest|pytest|mocha)\b/i.test(text)) {
		return 'test';
	}

	return /\b(?:build|compile|make)\b/i.test(text) ? 'build' : 'test';
}

/** `["API documented", {"title": "migrations reversible", "command": "npm run migrate:check"}]`. */
function validateChecklist(value: unknown): ChecklistExtra[] {
	if (value === undefined) {
		return [];
	}

	if (!Array.isArray(value)) {
		throw new ConfigError('checklist', 'must be a list of items: a title, or {"title": TEXT, "command": CMD}');
	}

	return value.map((item, index): ChecklistExtra => {
		const key = `checklist[${index}]`;
		if (typeof item === 'string') {
			return {title: nonEmptyString(item, key)};
		}

		if (!isRecord(item)) {
			throw new ConfigError(key, 'must be a title, or {"title": TEXT, "command": CMD}');
		}

		for (const field of Object.keys(item)) {
			if (field !== 'title' && field !== 'command') {
				throw new ConfigError(`${key}.${field}`, 'is not a known key (known: title, command)');
			}
		}

		const title = nonEmptyString(item['title'], `${key}.title`);
		return item['command'] === undefined ? {title} : {title, command: nonEmptyString(item['command'], `${key}.command`)};
	});
}

function validateStaleness(value: unknown) {
	if (!isRecord(value)) {
		throw new ConfigError('staleness', 'must be an object {"activeHours": 2, "staleHours": 4}');
	}

	const staleness = {...defaultStaleness};
	for (const field of ['activeHours', 'staleHours'] as const) {
		const hours = value[field];
		if (hours !== undefined) {
			if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0) {
				throw new ConfigError(`staleness.${field}`, 'must be a positive number of hours');
			}

			staleness[field] = hours;
		}
	}

	if (staleness.staleHours < staleness.activeHours) {
		throw new ConfigError('staleness.staleHours', 'must not be less than staleness.activeHours');
	}

	return staleness;
}

function validateClaimsFile(value: unknown): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new ConfigError('claimsFile', `must be the path of one file, e.g. "docs/AI_CURRENT_WORK.md"`);
	}

	const file = value.replaceAll('\\', '/').replace(/^(?:\.\/)+/, '');
	if (/^(?:\/|[A-Za-z]:)/.test(file) || file.split('/').includes('..')) {
		throw new ConfigError('claimsFile', `"${value}" must be a path inside the repository, relative to its top (no leading /, no ..)`);
	}

	if (/[*?[]/.test(file)) {
		throw new ConfigError('claimsFile', `"${value}" must be one file, not a pattern`);
	}

	if (!writableClaimsKind(file)) {
		throw new ConfigError('claimsFile', `"${value}" has no shape switchyard can write claims in: ${writableShapesHint}`);
	}

	return file;
}

/** `{"commits": 50, "days": 14}`, either or both. */
function validateBehind(value: unknown): BehindConfig {
	if (!isRecord(value)) {
		throw new ConfigError('behind', 'must be an object {"commits": 50, "days": 14} (either or both)');
	}

	const behind = {...defaultBehind};
	for (const field of Object.keys(value)) {
		if (field !== 'commits' && field !== 'days') {
			throw new ConfigError(`behind.${field}`, 'is not a known key (known: commits, days)');
		}

		const limit = value[field];
		if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
			throw new ConfigError(`behind.${field}`, `must be a whole number of ${field}, 0 or more (0 warns as soon as the branch is behind)`);
		}

		behind[field] = limit;
	}

	return behind;
}

function nonEmptyString(value: unknown, key: string): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new ConfigError(key, 'must be a non-empty string');
	}

	return value;
}

function optionalStringList(value: unknown, key: string): string[] | undefined {
	if (value === undefined) {
		return undefined;
	}

	if (!Array.isArray(value) || !value.every(item => typeof item === 'string')) {
		throw new ConfigError(key, 'must be a list of strings');
	}

	return value as string[];
}

/**
 * Paths and globs inside the repository, relative to its top: a file the watcher
 * and the readers would look for outside it (`../notes.md`, `/etc/x`) is refused,
 * since a config file comes with the repository and is not the user's own word.
 */
function repoPathList(value: unknown, key: string): string[] | undefined {
	const paths = optionalStringList(value, key);
	for (const [index, entry] of (paths ?? []).entries()) {
		const segments = entry.replaceAll('\\', '/').split('/');
		if (entry.trim() === '' || /^(?:[/\\]|[A-Za-z]:)/.test(entry) || segments.includes('..')) {
			throw new ConfigError(`${key}[${index}]`, `"${entry}" must be a path inside the repository, relative to its top (no leading /, no ..)`);
		}
	}

	return paths;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
