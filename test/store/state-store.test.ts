import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, rmSync, writeFileSync, appendFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {LockHeldError, StateStore} from '../../source/store/state-store.js';
import {transpileForChild} from '../commands/transpile-for-child.js';

const folders: string[] = [];
function store(): StateStore {
	const folder = mkdtempSync(path.join(os.tmpdir(), 'switchyard-state-'));
	folders.push(folder);
	return new StateStore(folder);
}

afterEach(() => {
	for (const folder of folders.splice(0)) {
		rmSync(folder, {recursive: true, force: true});
	}
});

const isNumbers = (data: unknown): data is number[] => Array.isArray(data) && data.every(item => typeof item === 'number');

describe('state store documents', () => {
	it('reads back what it wrote, leaving no temporary file', () => {
		const state = store();
		state.write('cache/merges.json', 2, [1, 2, 3]);
		expect(state.read('cache/merges.json', 2, isNumbers)).toEqual([1, 2, 3]);
		expect(readdirSync(state.path('cache'))).toEqual(['merges.json']);
		expect(state.warnings).toEqual([]);
	});

	it('treats a corrupt, truncated, other-version or wrong-shape file as absent, with a warning each', () => {
		const state = store();
		state.write('a.json', 1, [1]);
		writeFileSync(state.path('a.json'), '{"version":1,"data":[1,');
		expect(state.read('a.json', 1, isNumbers)).toBeUndefined();
		state.write('b.json', 7, [1]);
		expect(state.read('b.json', 1, isNumbers)).toBeUndefined();
		state.write('c.json', 1, {not: 'numbers'});
		expect(state.read('c.json', 1, isNumbers)).toBeUndefined();
		writeFileSync(state.path('d.json'), 'null');
		expect(state.read('d.json', 1)).toBeUndefined();
		expect(state.warnings.map(warning => warning.message)).toEqual([
			expect.stringMatching(/^a\.json is not valid JSON/),
			expect.stringMatching(/^b\.json has an unknown version \(7, expected 1\)/),
			expect.stringMatching(/^c\.json does not have the expected shape/),
			expect.stringMatching(/^d\.json has an unknown version/),
		]);
	});

	it('an absent document is no warning, and names never leave the folder', () => {
		const state = store();
		expect(state.read('missing.json', 1)).toBeUndefined();
		expect(state.warnings).toEqual([]);
		expect(() => state.path('..', 'config')).toThrow(/leaves the state folder/);
	});

	it('two processes rewriting one document never leave a torn file', async () => {
		const state = store();
		state.write('shared.json', 1, []);
		const {folder, entry} = await transpileForChild('source/store/state-store.ts');
		folders.push(folder);
		const moduleUrl = pathToFileURL(entry).href;
		const script = `
			const {StateStore} = await import(${JSON.stringify(moduleUrl)});
			const state = new StateStore(${JSON.stringify(path.dirname(state.root))});
			const big = Array.from({length: 5000}, (_, i) => i);
			for (let i = 0; i < 150; i++) state.write('shared.json', 1, big.map(n => n + i));
		`;
		const writers = [0, 1].map(() => spawn(process.execPath, ['--input-type=module', '-e', script], {stdio: 'inherit'}));
		const done = Promise.all(writers.map(child => new Promise(resolve => child.on('close', resolve))));
		let finished = false;
		void done.then(() => { finished = true; });
		let reads = 0;
		while (!finished) {
			const reader = new StateStore(path.dirname(state.root));
			const data = reader.read('shared.json', 1, isNumbers);
			expect(reader.warnings).toEqual([]);
			expect(data).toBeDefined();
			reads++;
			await new Promise(resolve => setImmediate(resolve));
		}

		expect(await done).toEqual([0, 0]);
		expect(reads).toBeGreaterThan(0);
		expect(state.read('shared.json', 1, isNumbers)).toHaveLength(5000);
	});
});

describe('state store journals', () => {
	it('keeps every appended record and drops only a torn last line', () => {
		const state = store();
		state.append('flows/x/journal.jsonl', {step: 1});
		state.append('flows/x/journal.jsonl', {step: 2});
		appendFileSync(state.path('flows/x/journal.jsonl'), '{"step":3,"ha');
		expect(state.readLines('flows/x/journal.jsonl')).toEqual([{step: 1}, {step: 2}]);
		expect(state.warnings).toEqual([]);
	});

	it('skips a broken line in the middle with a warning naming it', () => {
		const state = store();
		state.append('j.jsonl', {step: 1});
		appendFileSync(state.path('j.jsonl'), 'garbage\n');
		state.append('j.jsonl', {step: 2});
		expect(state.readLines('j.jsonl')).toEqual([{step: 1}, {step: 2}]);
		expect(state.warnings[0]?.message).toMatch(/j\.jsonl line 2 is not valid JSON/);
	});
});

describe('state store locks', () => {
	it('refuses a lock held by a live process, naming it', () => {
		const state = store();
		const lock = state.acquireLock('flow.lock', 'integrate claude/x');
		let refusal: unknown;
		try {
			state.acquireLock('flow.lock', 'revert');
		} catch (error) {
			refusal = error;
		}

		expect(refusal).toBeInstanceOf(LockHeldError);
		expect((refusal as Error).message).toMatch(new RegExp(`integrate claude/x is running \\(process ${process.pid} `));
		lock.release();
		lock.release();
		state.acquireLock('flow.lock', 'revert').release();
	});

	it('takes over a lock whose process is gone, and says from whom', () => {
		const state = store();
		// A real process that has exited: its pid is not alive any more.
		const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'});
		const pid = Number(gone.stdout);
		state.folder();
		writeFileSync(state.path('flow.lock'), JSON.stringify({pid, host: os.hostname(), purpose: 'integrate old', since: '2026-01-01T00:00:00.000Z'}));
		const lock = state.acquireLock('flow.lock', 'integrate new');
		expect(lock.tookOverFrom).toMatchObject({pid, purpose: 'integrate old'});
		expect(state.lockHolder('flow.lock')).toMatchObject({pid: process.pid, purpose: 'integrate new'});
		lock.release();
		expect(state.lockHolder('flow.lock')).toBeUndefined();
	});

	it('withLock waits for a short lock and then runs', async () => {
		const state = store();
		const first = state.acquireLock('cache.lock', 'first');
		setTimeout(() => first.release(), 50);
		const order: string[] = [];
		await state.withLock('cache.lock', () => {
			order.push('second ran');
		});
		expect(order).toEqual(['second ran']);
	});
});
