/**
 * Trust end to end: a command written in `.switchyard.json` (by an agent, say) does
 * not run until the user trusts that exact file with the built binary, and does not
 * run again once the file changes. Settings go to this test file's own folder
 * (SWITCHYARD_CONFIG_DIR, set in test/setup.ts).
 */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {openRepository} from '../../source/commands/open-repository.js';
import {runTrust} from '../../source/commands/trust.js';
import {StateStore} from '../../source/store/state-store.js';
import {userSettings} from '../../source/store/user-settings.js';
import {commandsToRun} from '../../source/verify/trust.js';
import {Verifier} from '../../source/verify/verifier.js';
import {repoWithBase} from '../git/test-repos.js';
import {runCli} from './run-cli.js';

let repo: RepoBuilder;
afterEach(async () => repo?.cleanup());

async function repoWithConfig(commands: (marker: string) => string[]) {
	repo = await repoWithBase();
	await repo.checkout('main');
	const marker = path.join(path.dirname(repo.root), 'ran.txt');
	await repo.writeWorktreeFile('.switchyard.json', JSON.stringify({verify: commands(marker)}));
	return marker;
}

/** What a flow does: open the repository, ask which commands run, verify with them. */
async function verifyAsAFlow() {
	const opened = await openRepository(repo.root);
	const answer = commandsToRun({root: opened.location.root, configHash: opened.configHash, settings: {trustedConfigs: userSettings().get('trustedConfigs')}, cliCommands: [], config: opened.config});
	const commit = await repo.revParse('main');
	const tree = (await repo.git(['rev-parse', 'main^{tree}'])).trim();
	const outcome = await new Verifier(new StateStore(opened.location.commonDir), opened.git).verify({commit, tree, commands: answer.commands, rerun: true});
	return {answer, outcome};
}

const runs = (marker: string) => (existsSync(marker) ? readFileSync(marker, 'utf8').split('\n').filter(Boolean).length : 0);

describe('switchyard trust', () => {
	it('a config command runs only after `trust --yes`, and not again once the config changed', async () => {
		const marker = await repoWithConfig(file => [`echo ran >> ${file}`]);
		const command = `echo ran >> ${marker}`;
		expect(process.env['SWITCHYARD_CONFIG_DIR']).toBeTruthy();

		const before = await verifyAsAFlow();
		expect(before.answer).toMatchObject({commands: [], untrusted: [command]});
		expect(before.answer.message).toMatch(/not run: \.switchyard\.json is not trusted — run `switchyard trust`/);
		expect(runs(marker)).toBe(0);

		const trusted = runCli(['trust', '--yes'], {cwd: repo.root});
		expect(trusted.stderr).toBe('');
		expect(trusted.status).toBe(0);
		expect(trusted.stdout).toContain(`  verify: ${command}\n`);
		expect(readFileSync(userSettings().path, 'utf8')).toContain(repo.root);

		const after = await verifyAsAFlow();
		expect(after.answer).toEqual({commands: [command], untrusted: []});
		expect(after.outcome.passed).toBe(true);
		expect(runs(marker)).toBe(1);

		await repo.writeWorktreeFile('.switchyard.json', JSON.stringify({verify: [command, `echo more >> ${marker}`]}));
		const changed = await verifyAsAFlow();
		expect(changed.answer.commands).toEqual([]);
		expect(changed.answer.message).toMatch(/changed since you trusted it/);
		expect(runs(marker)).toBe(1);
	});

	it('without a terminal and without --yes it refuses in one line, exit 2, and trusts nothing', async () => {
		await repoWithConfig(() => ['true']);
		const result = runCli(['trust'], {cwd: repo.root});
		expect(result.status).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(/^switchyard: trust asks on a terminal; run `switchyard trust --yes`[^\n]*\n$/);
		expect(userSettings().get('trustedConfigs')[repo.root]).toBeUndefined();
	});

	it('on a terminal it asks: n trusts nothing (exit 1), y trusts', async () => {
		await repoWithConfig(() => ['npm test']);
		const ask = async (answer: string) => {
			const stdin = new PassThrough();
			const stdout = new PassThrough();
			let printed = '';
			stdout.on('data', chunk => { printed += String(chunk); });
			stdin.end(answer);
			const code = await runTrust({directory: repo.root, yes: false}, {stdin, stdout, stderr: new PassThrough(), interactive: true});
			return {code, printed};
		};

		const no = await ask('n\n');
		expect(no.code).toBe(1);
		expect(no.printed).toContain('Not trusted');
		expect(userSettings().get('trustedConfigs')[repo.root]).toBeUndefined();

		const yes = await ask('y\n');
		expect(yes.code).toBe(0);
		expect(yes.printed).toContain('  verify: npm test\n');
		expect(userSettings().get('trustedConfigs')[repo.root]).toMatch(/^[0-9a-f]{64}$/);
		expect((await ask('')).printed).toMatch(/is trusted already/);
	});

	it('the tests keep user settings in their own folder, never in the real user\'s', () => {
		const result = runCli(['config', 'path']);
		expect(result.stdout).toBe(path.join(process.env['SWITCHYARD_CONFIG_DIR']!, 'config.json') + '\n');
		expect(userSettings().path).toBe(result.stdout.trim());
	});

	it('--help explains it', () => {
		const result = runCli(['trust', '--help']);
		expect(result.status).toBe(0);
		expect(result.stdout).toMatch(/^Usage\n {2}switchyard trust \[--yes\]/);
	});
});
