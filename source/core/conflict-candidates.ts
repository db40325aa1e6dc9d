/**
 * Which merges are worth asking git about (docs/design.md §9): a branch can only conflict
 * with base if base changed one of its files since their merge base, and two
 * branches can only conflict if they change a file in common. Everything else
 * merges cleanly without a merge-tree call.
 */

export interface CandidateInput {
	name: string;
	sha: string;
	files: readonly string[];
	/** Files base changed since this branch's merge base. */
	baseChanged: ReadonlySet<string>;
}

export interface Candidates {
	withBase: CandidateInput[];
	pairs: Array<[CandidateInput, CandidateInput]>;
	/** Pairs left out because the limit was reached (a file that nearly every branch touches). */
	pairsSkipped: number;
	/**
	 * Pairs that change no file in common but a coordination file (`coordinationForPairs`):
	 * the coordination rules ask every agent to change it, so these are many, and asked after
	 * the others, with their own limit (their skipped ones count in `pairsSkipped`).
	 */
	coordinationPairs: Array<[CandidateInput, CandidateInput]>;
}

export interface CandidateOptions {
	ignoreForPairs?: (file: string) => boolean;
	maxPairs?: number;
	/** Files whose overlaps make a pair of `coordinationPairs` rather than of `pairs`. */
	coordinationForPairs?: (file: string) => boolean;
	maxCoordinationPairs?: number;
}

export function findConflictCandidates(
	branches: readonly CandidateInput[],
	options: CandidateOptions = {},
): Candidates {
	const withBase = branches.filter(branch => branch.files.some(file => branch.baseChanged.has(file)));

	// Folders first: two branches can change one file only in a folder both change, and a
	// branch of test vectors adds thousands of files to folders no other branch touches.
	const folderOwner = new Map<string, number>();
	for (const [index, branch] of branches.entries()) {
		forEachFolder(branch.files, folder => {
			const owner = folderOwner.get(folder);
			if (owner === undefined) {
				folderOwner.set(folder, index);
			} else if (owner !== index) {
				folderOwner.set(folder, shared);
			}
		});
	}

	// An inverted index, file → branches, finds overlapping pairs without comparing all n² of them.
	// A file one branch changes (nearly all of them) holds that branch's index, not a list.
	const byFile = new Map<string, number | number[]>();
	const byCoordinationFile = new Map<string, number | number[]>();
	for (const [index, branch] of branches.entries()) {
		let sharedFolder = false;
		forEachFolder(branch.files, folder => (sharedFolder = folderOwner.get(folder) === shared), file => {
			if (!sharedFolder || options.ignoreForPairs?.(file)) {
				return;
			}

			const target = options.coordinationForPairs?.(file) ? byCoordinationFile : byFile;
			const entry = target.get(file);
			if (entry === undefined) {
				target.set(file, index);
			} else if (typeof entry === 'number') {
				target.set(file, [entry, index]);
			} else {
				entry.push(index);
			}
		});
	}

	const seen = new Set<number>();
	const pairs = pairsOf(branches, byFile, seen, options.maxPairs ?? 20_000);
	// Seen already holds every pair with a file in common: what is left overlaps only on coordination files.
	const coordination = pairsOf(branches, byCoordinationFile, seen, options.maxCoordinationPairs ?? 2000);
	return {withBase, pairs: pairs.pairs, pairsSkipped: pairs.skipped + coordination.skipped, coordinationPairs: coordination.pairs};
}

/** A folder two branches or more change. */
const shared = -1;

/**
 * Calls `onFolder` with the folder (`a/b/`, or '' at the top) of each run of files in
 * one folder, then `onFile` with each file of the run. Changed files come in path order,
 * so a folder's files mostly follow each other: one folder string per run, not per file.
 */
function forEachFolder(files: readonly string[], onFolder: (folder: string) => void, onFile?: (file: string) => void): void {
	let folder: string | undefined;
	for (const file of files) {
		if (folder === undefined || !file.startsWith(folder) || file.indexOf('/', folder.length) !== -1) {
			folder = file.slice(0, file.lastIndexOf('/') + 1);
			onFolder(folder);
		}

		onFile?.(file);
	}
}

function pairsOf(
	branches: readonly CandidateInput[],
	byFile: ReadonlyMap<string, number | number[]>,
	seen: Set<number>,
	maxPairs: number,
): {pairs: Array<[CandidateInput, CandidateInput]>; skipped: number} {
	const pairs: Array<[CandidateInput, CandidateInput]> = [];
	let pairsSkipped = 0;
	for (const indexes of byFile.values()) {
		if (typeof indexes === 'number') {
			continue;
		}

		for (let first = 0; first < indexes.length; first++) {
			for (let second = first + 1; second < indexes.length; second++) {
				const a = indexes[first]!;
				const b = indexes[second]!;
				const key = a * branches.length + b;
				if (seen.has(key)) {
					continue;
				}

				seen.add(key);
				if (branches[a]!.sha === branches[b]!.sha) {
					continue;
				}

				if (pairs.length >= maxPairs) {
					pairsSkipped++;
					continue;
				}

				pairs.push([branches[a]!, branches[b]!]);
			}
		}
	}

	return {pairs, skipped: pairsSkipped};
}
