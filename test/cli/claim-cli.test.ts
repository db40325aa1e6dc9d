/**
 * The agent commands through the built binary, read back by `status` and by a
 * running live session: what an agent writes is what the dashboard shows.
 */
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {createRepo, type TestRepo} from '../commands/git-repo.js';
import {closeLiveSessions, startLiveSession, untilState} from '../watch/live-helpers.js';
import {runCli} from './run-cli.js';

let repo: TestRepo;
afterEach(async () => {
	await closeLiveSessions();
	await repo?.remove();
});

const now = '2026-04-25T12:00:00Z';

describe('claim through the command line', () => {
	it('is read back by status as the agent claim, with its check-in', async () => {
		repo = await createRepo();
		mkdirSync(path.join(repo.root, 'backend', 'src'), {recursive: true});
		const claim = runCli(
			['claim', '--agent', 'codex', '--work', 'TrackingModule schema alignment', '--module', 'TrackingModule', '--files', 'backend/src/tracking.ts,backend/src/app.module.ts', '--branch', 'codex/tracking'],
			{cwd: path.join(repo.root, 'backend', 'src')},
		);
		expect(claim.stderr).toBe('');
		expect(claim.status).toBe(0);

		const status = runCli(['status', '--json', '-C', repo.root], {env: {SWITCHYARD_NOW: now}});
		expect(status.status).toBe(0);
		const codex = JSON.parse(status.stdout).agents.find((agent: {agent: string}) => agent.agent === 'codex');
		expect(codex.claim).toMatchObject({
			work: 'TrackingModule schema alignment',
			module: 'TrackingModule',
			branch: 'codex/tracking',
			files: ['backend/src/tracking.ts', 'backend/src/app.module.ts'],
			status: 'in-progress',
			source: {file: 'AI_CURRENT_WORK.md', ref: 'worktree'},
		});
		expect(codex.claim.lastCheckin).toEqual(expect.any(String));
	});

	it('reaches a running dashboard session without a key press', async () => {
		repo = await createRepo();
		const session = await startLiveSession(repo.root, () => Date.now(), {fetch: false});
		expect(session.state.snapshot?.agents).toEqual([]);

		expect(runCli(['claim', '--agent', 'Google Gemini', '--work', 'Analytics events'], {cwd: repo.root}).status).toBe(0);
		await untilState(session, state => state.snapshot?.agents.some(agent => agent.agent === 'gemini' && agent.claim?.work === 'Analytics events'), 'the claim in the session');
	});
});
