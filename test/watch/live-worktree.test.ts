/**
 * A running session follows the working tree as a user changes it: coordination
 * files that exist only there (in folders that may not exist yet), and edits to
 * .switchyard.json, all without a key press.
 */
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import type {LiveSession, LiveSnapshotState} from '../../source/watch/live-session.js';
import {minutes, repoWithBase} from '../git/test-repos.js';
import {closeLiveSessions, startLiveSession, untilState} from './live-helpers.js';

let repo: RepoBuilder;
afterEach(async () => {
	await closeLiveSessions();
	await repo?.cleanup();
});

const board = (agent: string, task: string) => `| Agent | Task | Status | Updated |\n| --- | --- | --- | --- |\n| ${agent} | ${task} | active | 2026-01-05T10:40Z |\n`;

async function startSession(): Promise<LiveSession> {
	return startLiveSession(repo.root, () => minutes(120).getTime(), {fetch: false});
}

const workOf = (state: LiveSnapshotState, agent: string) => state.snapshot?.agents.find(row => row.agent === agent)?.claim?.work;

describe('a live session and the working tree', () => {
	it('picks up a coordination file written into a folder that did not exist when it started', async () => {
		repo = await repoWithBase();
		await repo.commit({branch: 'main', message: 'config', files: {'.switchyard.json': JSON.stringify({coordinationFiles: ['.claude/board/*.md']})}, at: minutes(10)});
		await repo.checkout('main');
		const live = await startSession();
		expect(workOf(live.state, 'trae')).toBeUndefined();

		await mkdir(path.join(repo.root, '.claude', 'board'), {recursive: true});
		await writeFile(path.join(repo.root, '.claude', 'board', 'agents.md'), board('Trae', 'Search index'));
		await untilState(live, state => workOf(state, 'trae') === 'Search index', 'the new board to be read');

		// Now that its folder is watched, a later edit arrives as an event of its own.
		await writeFile(path.join(repo.root, '.claude', 'board', 'agents.md'), board('Trae', 'Search ranking'));
		await untilState(live, state => workOf(state, 'trae') === 'Search ranking', 'the edited board to be read');
	});

	it('follows an edit of .switchyard.json, and keeps the last good settings while it is invalid', async () => {
		repo = await repoWithBase();
		await repo.checkout('main');
		await repo.writeWorktreeFile('notes/agents.md', board('Trae', 'Search index'));
		const live = await startSession();
		expect(workOf(live.state, 'trae')).toBeUndefined();

		await writeFile(path.join(repo.root, '.switchyard.json'), JSON.stringify({coordinationFiles: ['notes/*.md']}));
		await untilState(live, state => workOf(state, 'trae') === 'Search index', 'the newly configured file to be read');
		expect(live.config.coordinationFiles).toEqual(['notes/*.md']);

		await writeFile(path.join(repo.root, '.switchyard.json'), JSON.stringify({coordinationFiles: 'notes/*.md'}));
		const invalid = await untilState(live, state => state.error !== null, 'the invalid file to be named');
		expect(invalid.error).toMatch(/^\.switchyard\.json: .*coordinationFiles.*; keeping the previous settings$/);
		expect(invalid.error!.split('.switchyard.json')).toHaveLength(2);
		expect(workOf(invalid, 'trae')).toBe('Search index');

		// The old patterns still hold: the board's next edit is still seen.
		await writeFile(path.join(repo.root, 'notes', 'agents.md'), board('Trae', 'Search ranking'));
		await untilState(live, state => workOf(state, 'trae') === 'Search ranking', 'the board edit under the kept settings');

		await writeFile(path.join(repo.root, '.switchyard.json'), JSON.stringify({coordinationFiles: []}));
		const fixed = await untilState(live, state => state.error === null && workOf(state, 'trae') === undefined, 'the fixed file to take effect');
		expect(fixed.snapshot?.warnings).toEqual([]);
	});
});
