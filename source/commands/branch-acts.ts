/**
 * The dashboard's small acts, done for real: a branch's diff or log written to a
 * temporary file by git (streamed, never held) and shown in the user's pager
 * (`$GIT_PAGER`, `$PAGER`, else `less -R`, run by `sh -c` as git runs it: the pager
 * is the user's own command line, and no branch name is ever part of it), and
 * merged branches deleted with `git branch -d`.
 */
import {spawnSync} from 'node:child_process';
import {closeSync, mkdtempSync, openSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import type {BranchRow} from '../core/snapshot.js';
import {writeBranchPage} from '../git/branch-pages.js';
import {deleteMergedBranches} from '../git/delete-branches.js';
import type {OpenRepository} from '../repo/open-repository.js';
import type {BranchActs, PageKind, PreparedPage} from '../ui/state/branch-acts.js';

export interface BranchActOptions {
	/** Where the pager and `LESS` are read from. */
	env?: NodeJS.ProcessEnv;
	/** Colour the page (the pager shows it on a terminal). */
	color?: boolean;
}

/** The pager command line, as git would choose it minus git's config: `$GIT_PAGER`, `$PAGER`, else `less -R`. */
export function pagerCommand(env: NodeJS.ProcessEnv): string {
	return [env['GIT_PAGER'], env['PAGER']].find(value => value !== undefined && value.trim() !== '') ?? 'less -R';
}

export function makeBranchActs(repo: OpenRepository, options: BranchActOptions = {}): BranchActs {
	const env = options.env ?? process.env;
	const color = options.color ?? Boolean(process.stdout.isTTY);
	return {
		async preparePage(kind: PageKind, base: string, branch: BranchRow): Promise<PreparedPage> {
			// A branch that exists only on the remote is shown by its remote name.
			const revision = branch.local || branch.remote === null ? branch.name : branch.remote;
			const folder = mkdtempSync(path.join(os.tmpdir(), 'switchyard-page-'));
			const file = path.join(folder, `${kind}.txt`);
			const fd = openSync(file, 'w');
			try {
				await writeBranchPage(repo.git, kind, base, revision, fd, {color});
			} catch (error) {
				rmSync(folder, {recursive: true, force: true});
				throw error;
			} finally {
				closeSync(fd);
			}

			return {
				show() {
					const input = openSync(file, 'r');
					try {
						const pager = pagerCommand(env);
						// `LESS=FRX` (git's default) would let a short page flash by: ours waits for q.
						const result = spawnSync('sh', ['-c', pager], {stdio: [input, 'inherit', 'inherit'], env: {...env, LESS: env['LESS'] ?? 'R'}});
						if (result.error) {
							return `could not start the pager (${pager}): ${result.error.message}`;
						}

						return result.status === 0 || result.status === null ? null : `the pager (${pager}) exited with ${result.status}: set PAGER to a pager that works`;
					} finally {
						closeSync(input);
						rmSync(folder, {recursive: true, force: true});
					}
				},
			};
		},
		deleteBranches: async branches => deleteMergedBranches(repo.git, branches),
	};
}
