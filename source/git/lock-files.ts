/**
 * Git's lock files (`<file>.lock`, made before a write and renamed over the file when
 * it is done): a git process killed in between leaves its lock behind, and every later
 * write of that file fails until someone removes it. Here is where they are; which
 * ones a recovering flow may remove is the engine's rule (flows/engine/runner.ts).
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import type {GitRunner} from './git-runner.js';

/** The repository's common git dir, where shared refs live (the main worktree's `.git`). */
export const commonDirOf = async (git: GitRunner) => path.resolve(git.cwd, (await git.run(['rev-parse', '--git-common-dir'])).trim());

/** The lock of a loose ref under `refs/` (shared by every worktree, so in the common dir). */
export function refLockFile(commonDir: string, ref: string): string {
	return `${path.join(commonDir, ...ref.split('/'))}.lock`;
}

/**
 * The lock files in a linked worktree's administrative folder (`index.lock`,
 * `HEAD.lock`, `ORIG_HEAD.lock`, …), found through the `.git` file in its folder;
 * none when the folder or its record is gone.
 */
export function worktreeLockFiles(folder: string): string[] {
	let pointer: string;
	try {
		pointer = readFileSync(path.join(folder, '.git'), 'utf8');
	} catch {
		return [];
	}

	const admin = /^gitdir: (.+)$/m.exec(pointer)?.[1]?.trim();
	if (!admin || !existsSync(admin)) {
		return [];
	}

	return readdirSync(admin)
		.filter(name => name.endsWith('.lock'))
		.map(name => path.join(admin, name));
}
