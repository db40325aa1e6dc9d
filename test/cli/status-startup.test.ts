/**
 * `status` must start fast (issue 3): it never loads Ink or React. The built binary
 * runs with a loader hook that writes down every module it loads.
 */
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildDemoRepo, type DemoRepo} from '../../fixtures/demo-repo.js';
import {binary} from './run-cli.js';

const register = path.join(path.dirname(fileURLToPath(import.meta.url)), 'module-trace', 'register.mjs');
let demo: DemoRepo;
let scratch: string;

beforeAll(async () => {
	demo = await buildDemoRepo({now: new Date()});
	scratch = await mkdtemp(path.join(os.tmpdir(), 'switchyard-trace-'));
});

afterAll(async () => {
	await demo?.cleanup();
	await rm(scratch, {recursive: true, force: true});
});

async function modulesLoadedBy(args: string[], name: string): Promise<string[]> {
	const trace = path.join(scratch, `${name}.txt`);
	const result = spawnSync(process.execPath, ['--import', register, binary, ...args], {
		encoding: 'utf8',
		env: {...process.env, NO_COLOR: '1', SWITCHYARD_MODULE_TRACE: trace},
	});
	expect(result.stderr).toBe('');
	expect(result.status).toBe(0);

	return (await readFile(trace, 'utf8')).trim().split('\n');
}

describe('status', () => {
	it('loads neither Ink nor React, nor the UI bundle', async () => {
		const loaded = await modulesLoadedBy(['status', '-C', demo.root], 'status');
		expect(loaded.some(url => url.includes('/dist/bundle/status-'))).toBe(true);
		expect(loaded.filter(url => /run-dashboard|[/\\]ink[/\\]|[/\\]react[/\\]|yoga/.test(url))).toEqual([]);
	});

	it('is checked against the UI bundle that exists: its chunk is named as the test expects', async () => {
		const bundle = path.join(path.dirname(binary), '..', 'dist', 'bundle');
		expect((await readdir(bundle)).filter(name => name.startsWith('run-dashboard-'))).toHaveLength(1);
	});
});
