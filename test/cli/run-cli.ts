/** Runs the built binary, as a user would, and captures what it prints. */
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const binary = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'switchyard.js');

export interface CliResult {
	status: number | null;
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
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}
