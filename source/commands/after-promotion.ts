/**
 * After an integration is promoted (DESIGN §6.1 step 6): the offers to delete the
 * merged agent branches (`git branch -d` only, through git/delete-branches — the
 * dashboard's `D` owner) and to mark their agents' claims done (through the `done`
 * command itself, claim.ts: the same edit, lock and atomic write, in the repository's
 * top folder as if the person ran `switchyard done --agent <name>` there).
 */
import {deleteMergedBranches} from '../git/delete-branches.js';
import {currentTime, type OpenRepository} from '../repo/open-repository.js';
import {runAgentCommand} from './claim.js';

/** `git branch -d` of each branch: one line per branch, git's own reason when it refuses. */
export async function deleteMergedLines(repo: OpenRepository, branches: readonly string[]): Promise<string[]> {
	const outcome = await deleteMergedBranches(repo.git, branches);
	return [
		...outcome.deleted.map(branch => `deleted ${branch} (git branch -d)`),
		...outcome.refused.map(entry => `kept ${entry.branch}: ${entry.reason}`),
	];
}

/** `switchyard done --agent <agent>` for each agent, in the repository's top folder: its lines. */
export async function finishClaimsLines(repo: OpenRepository, agents: readonly string[]): Promise<string[]> {
	const lines: string[] = [];
	const collect = {write: (text: string) => lines.push(...text.split('\n').filter(Boolean))};
	for (const agent of agents) {
		await runAgentCommand('done', {agent, commit: false, override: false}, {cwd: repo.location.root, env: {}, now: () => new Date(currentTime()), stdout: collect, stderr: collect});
	}

	return lines;
}
