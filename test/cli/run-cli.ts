/** Runs the built binary, as a user would, and captures what it prints. */
import {spawn, spawnSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const binary = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'switchyard.js');

export interface CliResult {
	status: number | null;
	/** The signal that ended the process (a failpoint's SIGKILL), else null. */
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

export function runCli(args: string[], options: {cwd?: string; env?: Record<string, string>} = {}): CliResult {
	const result = spawnSync(process.execPath, [binary, ...args], {
		cwd: options.cwd,
		encoding: 'utf8',
		env: {...process.env, NO_COLOR: '1', ...options.env},
		timeout: 60_000,
	});
	return {status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr};
}

/** Like runCli, without blocking: for tests that run several processes at once. */
export function runCliAsync(args: string[], options: {cwd?: string; env?: Record<string, string>} = {}): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [binary, ...args], {cwd: options.cwd, env: {...process.env, NO_COLOR: '1', ...options.env}, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (status, signal) => resolve({status, signal, stdout, stderr}));
	});
}
