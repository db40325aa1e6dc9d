/** Child processes for the bench: wall time, output discarded, failures loud. */
import {spawn} from 'node:child_process';

export interface Timed {
	ms: number;
	stdout: string;
}

/**
 * Runs a command to completion and returns its wall time from spawn to exit. Output
 * is read (a full pipe would stall the child) and kept only when `keep` is set.
 */
export function timedRun(command: string, args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv; keep?: boolean; input?: string} = {}): Promise<Timed> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(command, args, {cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe']});
		// A child that exits before reading its stdin must not fail the bench with EPIPE.
		child.stdin.on('error', () => {});
		child.stdin.end(options.input ?? '');
		const stdout: Buffer[] = [];
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			if (options.keep) {
				stdout.push(chunk);
			}
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString('utf8');
		});
		child.on('error', reject);
		child.on('close', code => {
			const elapsed = performance.now() - started;
			if (code === 0) {
				resolve({ms: elapsed, stdout: Buffer.concat(stdout).toString('utf8')});
			} else {
				reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
			}
		});
	});
}

/** Runs git (for setup, never measured) and returns its trimmed stdout. */
export async function git(cwd: string, args: string[], env?: Record<string, string>, input?: string): Promise<string> {
	const result = await timedRun('git', args, {cwd, keep: true, input, env: {...process.env, LC_ALL: 'C', ...env}});
	return result.stdout.trim();
}
