import {spawn} from 'node:child_process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildDemoRepo, type DemoRepo} from '../../fixtures/demo-repo.js';
import {binary} from './run-cli.js';

let demo: DemoRepo;

beforeAll(async () => {
	demo = await buildDemoRepo({now: new Date()});
});

afterAll(async () => {
	await demo?.cleanup();
});

/** Runs the binary with stdout a pipe whose reader has already gone, as `| head -1` leaves it. */
function runIntoClosedPipe(args: string[]): Promise<{status: number | null; stderr: string}> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [binary, ...args], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, NO_COLOR: '1'}});
		child.stdout.destroy();
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		child.on('error', reject);
		child.on('close', status => resolve({status, stderr}));
	});
}

describe('a closed stdout', () => {
	it('status --json into a closed pipe exits 0 with nothing on stderr', async () => {
		const result = await runIntoClosedPipe(['status', '--json', '-C', demo.root]);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
	});

	it('plain status into a closed pipe exits 0 with nothing on stderr', async () => {
		const result = await runIntoClosedPipe(['status', '--all', '-C', demo.root]);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
	});

	it('watch --json into a closed pipe exits 0 with nothing on stderr, at its first line', async () => {
		const result = await runIntoClosedPipe(['watch', '--json', '-C', demo.root]);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
	});
});
