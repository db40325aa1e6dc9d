import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runCommand, type OutputLine} from '../../source/verify/run-command.js';
import {transpileForChild} from '../commands/transpile-for-child.js';

const folders: string[] = [];
function folder(): string {
	const created = mkdtempSync(path.join(os.tmpdir(), 'switchyard-run-'));
	folders.push(created);
	return created;
}

afterEach(() => {
	for (const created of folders.splice(0)) {
		rmSync(created, {recursive: true, force: true});
	}
});

/** Alive and not a zombie waiting for a parent that never reaps it (PID 1 in a container). */
function isRunning(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return false;
	}
}

describe('runCommand', () => {
	it('streams stdout and stderr line by line and reports the exit code', async () => {
		const cwd = folder();
		const lines: OutputLine[] = [];
		const result = await runCommand('printf "one\\ntwo\\r\\n"; echo problem >&2; printf last; exit 3', {cwd, onLine: line => lines.push(line)});
		expect(result).toMatchObject({exitCode: 3, signal: null, cancelled: false, notFound: false, outputBytes: 21});
		expect(lines.map(({stream, text}) => `${stream}:${text}`).sort()).toEqual(['stderr:problem', 'stdout:last', 'stdout:one', 'stdout:two']);
		expect(lines.every(line => line.elapsedMs >= 0)).toBe(true);
		expect(result.tail).toHaveLength(4);
	});

	it('runs in the given folder', async () => {
		const cwd = folder();
		const result = await runCommand('pwd -P', {cwd});
		expect(result.tail).toEqual([realpathSync(cwd)]);
	});

	it('a command that does not exist is reported as not found', async () => {
		const result = await runCommand('switchyard-no-such-command-xyz --flag', {cwd: folder()});
		expect(result).toMatchObject({exitCode: 127, notFound: true});
		expect(result.tail.join('\n')).toMatch(/switchyard-no-such-command-xyz.*not found/);
	});

	it('a folder that is gone is a failure that says so, not a crash', async () => {
		const result = await runCommand('true', {cwd: path.join(folder(), 'missing')});
		expect(result).toMatchObject({exitCode: null, notFound: false, cancelled: false});
		expect(result.tail).toEqual([expect.stringMatching(/^switchyard: could not start the command in .*missing: /)]);
	});

	it('cancelling kills the whole process tree, also a child that would outlive the shell', async () => {
		const cwd = folder();
		const controller = new AbortController();
		const result = await runCommand('sleep 30 >/dev/null 2>&1 & echo $! > pid; echo started; wait', {
			cwd,
			signal: controller.signal,
			onLine(line) {
				if (line.text === 'started') {
					controller.abort();
				}
			},
		});
		expect(result).toMatchObject({cancelled: true, exitCode: null, signal: 'SIGTERM'});
		const child = Number(readFileSync(path.join(cwd, 'pid'), 'utf8'));
		expect(child).toBeGreaterThan(0);
		expect(isRunning(child)).toBe(false);
	});

	it('a command that ignores SIGTERM is killed after the grace period', async () => {
		const cwd = folder();
		const controller = new AbortController();
		const result = await runCommand("trap '' TERM; sleep 30 >/dev/null 2>&1 & echo $! > pid; echo started; wait; wait", {
			cwd,
			signal: controller.signal,
			graceMs: 100,
			onLine(line) {
				if (line.text === 'started') {
					controller.abort();
				}
			},
		});
		expect(result).toMatchObject({cancelled: true, signal: 'SIGKILL'});
		expect(isRunning(Number(readFileSync(path.join(cwd, 'pid'), 'utf8')))).toBe(false);
	});

	it('what a command leaves running in the background ends with it', async () => {
		const cwd = folder();
		const result = await runCommand('sleep 30 >/dev/null 2>&1 & echo $! > pid', {cwd});
		expect(result.exitCode).toBe(0);
		expect(isRunning(Number(readFileSync(path.join(cwd, 'pid'), 'utf8')))).toBe(false);
	});

	it('no command outlives a switchyard killed with SIGKILL, which cannot clean up', async () => {
		const cwd = folder();
		const {folder: built, entry} = await transpileForChild('source/verify/run-command.ts');
		folders.push(built);
		const script = path.join(built, 'run.mjs');
		writeFileSync(script, `import {runCommand} from ${JSON.stringify(entry)};\nawait runCommand('sleep 1000 & echo $! > pid; echo started; wait', {cwd: process.argv[2], onLine: line => console.log(line.text)});\n`);
		const parent = spawn(process.execPath, [script, cwd], {stdio: ['ignore', 'pipe', 'inherit']});
		await new Promise<void>(resolve => {
			parent.stdout.setEncoding('utf8').on('data', (text: string) => text.includes('started') && resolve());
		});
		const sleeper = Number(readFileSync(path.join(cwd, 'pid'), 'utf8'));
		expect(isRunning(sleeper)).toBe(true);
		parent.kill('SIGKILL');
		// The watcher sees its pipe close and kills the group; without it the sleep would outlive the test, which fails at its timeout.
		while (isRunning(sleeper)) {
			await new Promise(resolve => setTimeout(resolve, 10));
		}
	});

	it('an abort before the start runs nothing', async () => {
		const cwd = folder();
		const result = await runCommand('touch ran', {cwd, signal: AbortSignal.abort()});
		expect(result.cancelled).toBe(true);
		expect(existsSync(path.join(cwd, 'ran'))).toBe(false);
	});

	it('many megabytes of output keep only a bounded tail', async () => {
		const cwd = folder();
		let lines = 0;
		let longest = 0;
		const result = await runCommand('yes 0123456789abcdef | head -c 17000000; head -c 5000000 /dev/zero | tr "\\0" x; echo; echo done', {
			cwd,
			tailLines: 50,
			maxTailBytes: 4096,
			onLine(line) {
				lines++;
				longest = Math.max(longest, line.text.length);
			},
		});
		expect(result.exitCode).toBe(0);
		expect(result.outputBytes).toBe(17_000_000 + 5_000_000 + 1 + 5);
		// 1,000,000 short lines, the long line in 64 KiB pieces, "done".
		expect(lines).toBe(1_000_000 + Math.ceil(5_000_000 / 65_536) + 1);
		expect(longest).toBe(65_536);
		expect(result.tail.length).toBeLessThanOrEqual(50);
		expect(result.tail.reduce((sum, line) => sum + Buffer.byteLength(line), 0)).toBeLessThanOrEqual(4096);
		expect(result.tail.at(-1)).toBe('done');
	});
});
