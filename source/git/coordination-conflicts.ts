/**
 * Reads what deciding a coordination-file conflict needs (docs/design.md §6.1 step 3):
 * the merge base of the two branches, and the file's three versions — base, ours,
 * theirs — in one `cat-file --batch` for all the pairs asked.
 */
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {maxCoordinationFileBytes} from '../core/claims/index.js';
import {mergeCoordinationConflict, type SectionSide} from '../core/claims/section-merge.js';
import type {AgentResolver} from '../core/types.js';
import {concludeResolution} from './conclude-resolution.js';
import type {GitRunner} from './git-runner.js';
import {worktreeHead} from './merges.js';
import {readBlobs} from './read-blobs.js';

export interface CoordinationConflictQuestion {
	ours: string;
	theirs: string;
	files: string[];
}

export interface FileVersions {
	/** null: absent at that commit (or too large to read). */
	base: string | null;
	ours: string | null;
	theirs: string | null;
}

/** Per question, per file, its three versions. A pair without a merge base gets null bases. */
export async function readCoordinationVersions(git: GitRunner, questions: CoordinationConflictQuestion[]): Promise<Array<Map<string, FileVersions>>> {
	const mergeBases = await Promise.all(questions.map(async question => (await git.tryRun(['merge-base', '--end-of-options', question.ours, question.theirs]))?.trim() || null));
	const specs = questions.flatMap((question, index) => question.files.flatMap(path => [
		...(mergeBases[index] ? [{commit: mergeBases[index]!, path}] : []),
		{commit: question.ours, path},
		{commit: question.theirs, path},
	]));
	const blobs = await readBlobs(git, specs, maxCoordinationFileBytes);
	const text = new Map(blobs.map(blob => [`${blob.spec.commit}:${blob.spec.path}`, blob.bytes ? blob.bytes.toString('utf8') : null]));
	const at = (commit: string | null, path: string) => (commit ? text.get(`${commit}:${path}`) ?? null : null);
	return questions.map((question, index) => new Map(question.files.map(path => [path, {
		base: at(mergeBases[index]!, path),
		ours: at(question.ours, path),
		theirs: at(question.theirs, path),
	}])));
}

export type SectionResolution = {merged: true; head: string; files: string[]} | {merged: false; reason: string};

/**
 * A merge stopped in a flow's worktree (`git` runs there) whose conflicted `files` are
 * all coordination files in which each side changed only its own agents' sections:
 * each file is written merged section by section, staged, and the merge committed
 * (`conclude-resolution`). Anything else is left as git stopped it, with the reason.
 */
export async function mergeCoordinationBySection(
	git: GitRunner,
	request: {theirs: string; files: string[]; ours: Omit<SectionSide, 'text'>; theirsSide: Omit<SectionSide, 'text'>; resolve: AgentResolver},
): Promise<SectionResolution> {
	if (request.files.length === 0) {
		return {merged: false, reason: 'no conflicted file'};
	}

	const head = await worktreeHead(git);
	const [versions] = await readCoordinationVersions(git, [{ours: head, theirs: request.theirs, files: request.files}]);
	const verdict = mergeCoordinationConflict(versions!, request.ours, request.theirsSide, request.resolve);
	if (!verdict.sectionMergeable) {
		return {merged: false, reason: verdict.reason};
	}

	for (const [file, text] of verdict.merged) {
		await writeFile(path.join(git.cwd, file), text);
	}

	const done = await concludeResolution(git, request.files);
	return done.committed ? {merged: true, head: done.head, files: request.files} : {merged: false, reason: `still unresolved: ${done.unresolved.join(', ')}`};
}
