/** The demo's broken main (fixtures/demo-repo `brokenMain`): the trusted config's verify finds copilot's merge. */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildDemoRepo, demoFacts, type DemoRepo} from '../../fixtures/demo-repo.js';
import {runCli} from '../cli/run-cli.js';
import {gitOk} from '../fixtures/git-helpers.js';

let demo: DemoRepo;
beforeAll(async () => {
	demo = await buildDemoRepo({now: new Date('2026-01-05T12:00:00Z')});
	// A user has a git identity; tests run without one.
	gitOk(demo.root, ['config', 'user.name', 'Dana Developer']);
	gitOk(demo.root, ['config', 'user.email', 'dana@example.com']);
});

afterAll(async () => {
	await demo?.cleanup();
});

describe("the demo's broken main", () => {
	it('needs the config trusted, then reverts exactly the merge of copilot/login-form', () => {
		const untrusted = runCli(['revert', '--yes', '-C', demo.root]);
		expect(untrusted.status).toBe(2);
		expect(untrusted.stderr).toContain('.switchyard.json is not trusted');
		expect(runCli(['trust', '--yes', '-C', demo.root]).status).toBe(0);
		const {culprit, agent, file} = demoFacts.brokenMain;
		const result = runCli(['revert', '--yes', '-C', demo.root]);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		expect(result.stdout).toContain(`culprit: ${culprit} (`);
		expect(result.stdout).toContain(`agent ${agent}), found in`);
		expect(gitOk(demo.root, ['log', '-1', '--format=%s', 'main']).trim()).toBe(`Revert "Merge branch '${culprit}'"`);
		expect(gitOk(demo.root, ['ls-tree', '-r', '--name-only', 'main'])).not.toContain(file);
		// main is checked out in the demo: its files followed, and nothing else changed.
		expect(gitOk(demo.root, ['status', '--porcelain'])).toBe('');
	});
});
