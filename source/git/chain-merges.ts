/**
 * The integration's dry run (DESIGN §6.1 step 2), in the object database only: each
 * branch is merged by `merge-tree --write-tree` into the result of the steps before,
 * the result tree made a commit by `commit-tree`, all in a scratch object folder
 * (`withScratchObjects`), so nothing the repository keeps is written (§7.7). A step
 * that conflicts is left out of the chain, as `--on-conflict skip` would.
 */
import path from 'node:path';
import {mergeCoordinationConflict, type CoordinationVersions} from '../core/claims/section-merge.js';
import type {AgentResolver} from '../core/types.js';
import type {GitRunner} from './git-runner.js';
import {predictMerges, withScratchObjects} from './predict-merges.js';

export interface ChainStep {
	branch: string;
	clean: boolean;
	conflictedFiles: string[];
	/** Set when the step conflicts although the branch merges cleanly into base alone: the branches already in that make the difference. */
	onlyAfter?: string[];
	/** The conflict is confined to these coordination files, and the flow merges them section by section (the step then counts as clean). */
	bySection?: string[];
}

/** For section-by-section merges of coordination files: each branch's agent (null: none), and who a heading names. */
export interface ChainSections {
	agentOf(branch: string): string | null;
	resolve: AgentResolver;
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

export async function chainMerges(git: GitRunner, commonDir: string, baseTip: string, branches: ReadonlyArray<{name: string; tip: string}>, sections?: ChainSections): Promise<ChainStep[]> {
	const alone = (await predictMerges(git, commonDir, branches.map(branch => ({ours: baseTip, theirs: branch.tip})))).answers;
	return withScratchObjects(commonDir, async scratch => {
		const env = {...scratch, ...scratchIdentity};
		const steps: ChainStep[] = [];
		const merged: string[] = [];
		let head = baseTip;
		for (const [index, branch] of branches.entries()) {
			const result = await mergeTreeOne(git, env, head, branch.tip);
			// As the flow would: a conflict confined to coordination files, each side in its own agents' sections.
			const bySection = result.clean || !sections ? undefined : await sectionMergedTree(git, env, head, branch.tip, result, {ours: merged.flatMap(name => sections.agentOf(name) ?? []), theirs: sections.agentOf(branch.name)}, sections.resolve);
			if (result.clean || bySection) {
				head = (await git.run(['commit-tree', bySection?.tree ?? result.tree, '-p', head, '-p', branch.tip, '-m', `dry run: merge ${branch.name}`], {env, input: ''})).trim();
				merged.push(branch.name);
				steps.push({branch: branch.name, clean: true, conflictedFiles: [], ...(bySection ? {bySection: result.files} : {})});
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

/**
 * When the conflicted `files` merge section by section (core/claims/section-merge, the
 * flow's own rule): the merge's tree with those files merged, written in the scratch
 * objects through a scratch index. Undefined otherwise.
 */
async function sectionMergedTree(
	git: GitRunner,
	env: Record<string, string>,
	ours: string,
	theirs: string,
	result: {tree: string; files: string[]},
	agents: {ours: string[]; theirs: string | null},
	resolve: AgentResolver,
): Promise<{tree: string} | undefined> {
	const mergeBase = (await git.tryRun(['merge-base', '--end-of-options', ours, theirs], {env}))?.trim() || null;
	const blob = async (commit: string | null, file: string) => (commit ? (await git.tryRun(['cat-file', 'blob', '--end-of-options', `${commit}:${file}`], {env})) ?? null : null);
	const versions = new Map<string, CoordinationVersions>();
	for (const file of result.files) {
		versions.set(file, {base: await blob(mergeBase, file), ours: await blob(ours, file), theirs: await blob(theirs, file)});
	}

	const verdict = mergeCoordinationConflict(versions, {agent: null, agents: [...new Set(agents.ours)], label: 'the integration branch'}, {agent: agents.theirs, label: 'the merged branch'}, resolve);
	if (!verdict.sectionMergeable) {
		return undefined;
	}

	// A scratch index beside the scratch objects: removed with them.
	const indexEnv = {...env, GIT_INDEX_FILE: path.join(env['GIT_OBJECT_DIRECTORY']!, 'dry-run.index')};
	await git.run(['read-tree', '--end-of-options', result.tree], {env: indexEnv});
	for (const [file, text] of verdict.merged) {
		const id = (await git.run(['hash-object', '-w', '--stdin'], {env: indexEnv, input: text})).trim();
		await git.run(['update-index', '--cacheinfo', `100644,${id},${file}`], {env: indexEnv});
	}

	return {tree: (await git.run(['write-tree'], {env: indexEnv})).trim()};
}
