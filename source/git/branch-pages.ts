/**
 * What `d` and `l` show in the pager: a branch's diff against base (`git diff
 * base...branch`, its own changes since they parted) and its log (`git log
 * base..branch`). Revisions come after `--end-of-options`, so a name can never pass
 * for an option; nothing goes through a shell.
 */
import type {GitRunner} from './git-runner.js';

export type BranchPage = 'diff' | 'log';

export function branchPageArgs(page: BranchPage, base: string, branch: string, options: {color: boolean}): string[] {
	const color = options.color ? '--color=always' : '--no-color';
	return page === 'diff'
		? ['diff', color, '--end-of-options', `${base}...${branch}`, '--']
		: ['log', color, '--end-of-options', `${base}..${branch}`, '--'];
}

/** Writes the page to the open file `fd`, streamed. */
export async function writeBranchPage(git: GitRunner, page: BranchPage, base: string, branch: string, fd: number, options: {color: boolean}): Promise<void> {
	await git.runToFile(branchPageArgs(page, base, branch, options), fd);
}
