/**
 * The backstop for file events that get lost: the ref fingerprint. Losing an event
 * cannot be forced on a real file system, so here the fingerprint is a function the
 * test controls, while chokidar watches a real repository that does not change.
 */
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {openRepository} from '../../source/repo/open-repository.js';
import {watchRepository, type RepoChange, type RepoWatcher} from '../../source/watch/repo-watcher.js';
import {repoWithBase} from '../git/test-repos.js';

let repo: RepoBuilder;
let watcher: RepoWatcher | undefined;
afterEach(async () => {
	await watcher?.close();
	watcher = undefined;
	await repo?.cleanup();
});

describe('the ref fingerprint', () => {
	it('compares against the refs as they were when watching began, so a change right after is not taken as the baseline', async () => {
		repo = await repoWithBase();
		const {location} = await openRepository(repo.root);
		let refs = 'main=aaaa';
		const changes: RepoChange[] = [];
		watcher = watchRepository(location, {coordinationFiles: [], known: []}, change => changes.push(change), {
			fingerprint: async () => refs,
			fingerprintIntervalMs: 30,
		});
		await watcher.ready;
		// A branch appears, and its file event is lost; the first poll has not run yet.
		refs = 'main=aaaa claude/x=bbbb';
		await expect.poll(() => changes, {timeout: 2000, interval: 20}).toContainEqual(expect.objectContaining({refs: true}));
	});

	it('stays quiet while the refs stay the same', async () => {
		repo = await repoWithBase();
		const {location} = await openRepository(repo.root);
		const changes: RepoChange[] = [];
		let polls = 0;
		watcher = watchRepository(location, {coordinationFiles: [], known: []}, change => changes.push(change), {
			fingerprint: async () => {
				polls++;
				return 'main=aaaa';
			},
			fingerprintIntervalMs: 20,
		});
		await watcher.ready;
		await expect.poll(() => polls, {timeout: 2000, interval: 20}).toBeGreaterThan(5);
		expect(changes).toEqual([]);
	});
});
