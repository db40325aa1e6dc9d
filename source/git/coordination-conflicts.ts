/**
 * Reads what deciding a coordination-file conflict needs (docs/design.md §6.1 step 3):
 * the merge base of the two branches, and the file's three versions — base, ours,
 * theirs — in one `cat-file --batch` for all the pairs asked.
 */
import {maxCoordinationFileBytes} from '../core/claims/index.js';
import type {GitRunner} from './git-runner.js';
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
