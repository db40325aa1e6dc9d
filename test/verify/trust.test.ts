import {describe, expect, it} from 'vitest';
import {validateConfig} from '../../source/core/config.js';
import {commandsToRun, configCommands, configCommandsToRun, configTrust} from '../../source/verify/trust.js';

const root = '/repos/app';
const config = validateConfig({verify: ['npm run build', 'npm test'], checklist: ['docs', {title: 'lint', command: 'npm run lint'}]});
const trustedAt = (hash: string) => ({trustedConfigs: {[root]: hash, '/repos/other': 'b'.repeat(64)}});

describe('which commands run', () => {
	it('a config never trusted runs none of its commands, and says how to trust it', () => {
		const answer = commandsToRun({root, configHash: 'a'.repeat(64), settings: {trustedConfigs: {'/repos/other': 'a'.repeat(64)}}, cliCommands: [], config});
		expect(answer).toEqual({
			commands: [],
			untrusted: ['npm run build', 'npm test'],
			message: '2 commands of .switchyard.json not run: .switchyard.json is not trusted — run `switchyard trust` to review and trust it',
		});
	});

	it('a trusted config runs its verify commands; a changed one runs none and says it changed', () => {
		expect(commandsToRun({root, configHash: 'a'.repeat(64), settings: trustedAt('a'.repeat(64)), cliCommands: [], config})).toEqual({commands: ['npm run build', 'npm test'], untrusted: []});
		const changed = commandsToRun({root, configHash: 'c'.repeat(64), settings: trustedAt('a'.repeat(64)), cliCommands: [], config});
		expect(changed.commands).toEqual([]);
		expect(changed.message).toMatch(/^2 commands of \.switchyard\.json not run: \.switchyard\.json changed since you trusted it/);
	});

	it('commands typed on the command line run, in place of the config', () => {
		expect(commandsToRun({root, configHash: 'a'.repeat(64), settings: {trustedConfigs: {}}, cliCommands: ['make check'], config})).toEqual({commands: ['make check'], untrusted: []});
	});

	it('without a config file there is nothing to trust, and nothing untrusted to say', () => {
		expect(configTrust({root, configHash: null, settings: {trustedConfigs: {}}})).toEqual({trusted: true});
		expect(configCommandsToRun({root, configHash: 'a'.repeat(64), settings: {trustedConfigs: {}}}, [])).toEqual({commands: [], untrusted: []});
	});

	it('the review lists verify commands and checklist items that have a command', () => {
		expect(configCommands(config)).toEqual([
			{source: 'verify', command: 'npm run build'},
			{source: 'verify', command: 'npm test'},
			{source: 'checklist "lint"', command: 'npm run lint'},
		]);
	});
});
