import {execFileSync} from 'node:child_process';
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {closeLiveSessions, startLiveSession, untilState} from '../watch/live-helpers.js';
import {minutes, repoWithBase} from './test-repos.js';

let repo: RepoBuilder;
afterEach(async () => {
	await closeLiveSessions();
	await repo?.cleanup();
});

describe('fetching', () => {
	it('brings an agent branch pushed from another machine into the picture', async () => {
		repo = await repoWithBase();
		const remote = await repo.addBareRemote('origin', {push: ['main']});
		const session = await startLiveSession(repo.root, () => minutes(600).getTime(), {watch: false, fetch: false});
		expect(session.state.snapshot!.branches).toEqual([]);

		// Another machine: a branch written straight into the bare remote.
		const mainTip = execFileSync('git', ['rev-parse', 'main'], {cwd: remote, encoding: 'utf8'}).trim();
		execFileSync('git', ['branch', 'gemini/elsewhere', mainTip], {cwd: remote});
		const tree = execFileSync('git', ['rev-parse', 'main^{tree}'], {cwd: remote, encoding: 'utf8'}).trim();
		const commit = execFileSync('git', ['commit-tree', tree, '-p', mainTip, '-m', 'work from afar'], {
			cwd: remote,
			encoding: 'utf8',
			env: {...process.env, GIT_AUTHOR_NAME: 'Gemini', GIT_AUTHOR_EMAIL: 'g@example.com', GIT_COMMITTER_NAME: 'Gemini', GIT_COMMITTER_EMAIL: 'g@example.com'},
		}).trim();
		execFileSync('git', ['update-ref', 'refs/heads/gemini/elsewhere', commit], {cwd: remote});

		session.fetch();
		await untilState(session, state => !state.fetching && state.snapshot?.branches.some(branch => branch.name === 'gemini/elsewhere'), 'the fetched branch');
		expect(session.state.snapshot!.branches.find(branch => branch.name === 'gemini/elsewhere')).toMatchObject({local: false, remote: 'origin/gemini/elsewhere', ahead: 1, agent: 'gemini'});
		expect(session.state.error).toBeNull();
	});

	it('says there is no remote when there is none', async () => {
		repo = await repoWithBase();
		const session = await startLiveSession(repo.root, () => minutes(600).getTime(), {watch: false, fetch: false});
		session.fetch();
		const state = await untilState(session, state => !state.fetching && state.error !== null, 'the fetch error');
		expect(state.error).toBe('fetch failed: there is no remote "origin" to fetch from: add one (git remote add origin <url>) or set "remote" in .switchyard.json');
	});
});
