/**
 * The integration's dry run (DESIGN §6.1 step 2), in the object database only: each
 * branch is merged by `merge-tree --write-tree` into the result of the steps before,
 * the result tree made a commit by `commit-tree`, all in a scratch object folder
 * (`withScratchObjects`), so nothing the repository keeps is written (§7.7). A step
 * that conflicts is left out of the chain, as `--on-conflict skip` would.
 */
import type {GitRunner} from './git-runner.js';
import {predictMerges, withScratchObjects} from './predict-merges.js';

export interface ChainStep {
	branch: string;
	clean: boolean;
	conflictedFiles: string[];
	/** Set when the step conflicts although the branch merges cleanly into base alone: the branches already in that make the difference. */
	onlyAfter?: string[];
}

/** Fixed identity and date for the scratch commits: they are thrown away. */
const scratchIdentity = {
	GIT_AUTHOR_NAME: 'switchyard dry run',
	GIT_AUTHOR_EMAIL: 'dry-run@switchyard.invalid',
	GIT_COMMITTER_NAME: 'switchyard dry run',
	GIT_COMMITTER_EMAIL: 'dry-run@switchyard.invalid',
	GIT_AUTHOR_DATE: '1700000000 +0000',
	GIT_COMMITTER_DATE: '1700000000 +0000',
};

export async function chainMerges(git: GitRunner, commonDir: string, baseTip: string, branches: ReadonlyArray<{name: string; tip: string}>): Promise<ChainStep[]> {
	const alone = (await predictMerges(git, commonDir, branches.map(branch => ({ours: baseTip, theirs: branch.tip})))).answers;
	return withScratchObjects(commonDir, async scratch => {
		const env = {...scratch, ...scratchIdentity};
		const steps: ChainStep[] = [];
		const merged: string[] = [];
		let head = baseTip;
		for (const [index, branch] of branches.entries()) {
			const result = await mergeTreeOne(git, env, head, branch.tip);
			if (result.clean) {
				head = (await git.run(['commit-tree', result.tree, '-p', head, '-p', branch.tip, '-m', `dry run: merge ${branch.name}`], {env, input: ''})).trim();
				merged.push(branch.name);
				steps.push({branch: branch.name, clean: true, conflictedFiles: []});
			} else {
				steps.push({branch: branch.name, clean: false, conflictedFiles: result.files, ...(alone[index]!.clean && merged.length > 0 ? {onlyAfter: [...merged]} : {})});
			}
		}

		return steps;
	});
}

/**
 * One merge by `merge-tree --write-tree --stdin`: that mode exits 0 on a conflict too
 * and reports `<1|0>NUL<tree>NUL<conflicted names…>NUL NUL`.
 */
async function mergeTreeOne(git: GitRunner, env: Record<string, string>, ours: string, theirs: string): Promise<{clean: boolean; tree: string; files: string[]}> {
	const output = await git.run(['merge-tree', '--write-tree', '--stdin', '--name-only', '--no-messages'], {env, input: `${ours} ${theirs}\n`});
	const tokens = output.split('\0');
	const files: string[] = [];
	for (let index = 2; index < tokens.length && tokens[index] !== ''; index++) {
		files.push(tokens[index]!);
	}

	return {clean: tokens[0]!.trim() === '1', tree: tokens[1]!, files: [...new Set(files)]};
}
