/**
 * The conflict map (`m`): unmerged agent branches that conflict with something, against
 * each other and against base, each cell the files that would conflict. A branch that
 * conflicts with nothing only adds a row and a column of dashes, so it is left out and
 * counted. Cells are looked up on demand, because 500 branches make 250,000 cells and
 * only a screenful is ever drawn.
 */
import type {BranchRow, StatusDocument} from '../../core/snapshot.js';

export type ConflictCell =
	| {kind: 'self'}
	/** Prediction has not answered for this pair (yet, or on this git). */
	| {kind: 'unknown'}
	| {kind: 'files'; files: readonly string[]};

export interface ConflictMap {
	/** Row branches, by name. */
	branches: string[];
	/** The branches, then base as the last column. */
	columns: string[];
	baseName: string;
	/** Unmerged agent branches left out because nothing known conflicts with them (or nothing is predicted yet). */
	leftOut: number;
	cellAt(row: number, column: number): ConflictCell;
}

const noFiles: readonly string[] = [];

function pairKey(left: string, right: string): string {
	return left < right ? `${left}\0${right}` : `${right}\0${left}`;
}

export function buildConflictMap(snapshot: StatusDocument): ConflictMap {
	const candidates: BranchRow[] = snapshot.branches
		.filter(branch => branch.agent !== null && !branch.merged && branch.name !== snapshot.base.name)
		.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
	const shownNames = new Set(candidates.map(branch => branch.name));
	const rows = candidates.filter(branch => branch.conflictsWithBase.length > 0 || branch.conflictsWith.some(pair => shownNames.has(pair.branch)));
	const pairs = new Map<string, readonly string[]>();
	for (const branch of rows) {
		for (const pair of branch.conflictsWith) {
			// Both branches list the pair; merge the lists in case they differ.
			const key = pairKey(branch.name, pair.branch);
			const known = pairs.get(key) ?? noFiles;
			pairs.set(key, [...new Set([...known, ...pair.files])]);
		}
	}

	const branches = rows.map(branch => branch.name);
	return {
		branches,
		columns: [...branches, snapshot.base.name],
		baseName: snapshot.base.name,
		leftOut: candidates.length - rows.length,
		cellAt(row, column) {
			const branch = rows[row];
			if (!branch) {
				return {kind: 'unknown'};
			}

			if (column === rows.length) {
				if (branch.mergesCleanly === null && branch.conflictsWithBase.length === 0) {
					return {kind: 'unknown'};
				}

				return {kind: 'files', files: branch.conflictsWithBase};
			}

			const other = rows[column];
			if (!other) {
				return {kind: 'unknown'};
			}

			if (other === branch) {
				return {kind: 'self'};
			}

			const files = pairs.get(pairKey(branch.name, other.name));
			if (files) {
				return {kind: 'files', files};
			}

			// No pair listed: clean if both were predicted, else not known yet.
			return branch.mergesCleanly === null || other.mergesCleanly === null ? {kind: 'unknown'} : {kind: 'files', files: noFiles};
		},
	};
}

/** The files of one pair, looked up by name (the map's cells are by position). */
export function conflictFilesOf(map: ConflictMap, branch: string, other: string): readonly string[] | null {
	const row = map.branches.indexOf(branch);
	const column = other === map.baseName ? map.branches.length : map.branches.indexOf(other);
	if (row === -1 || column === -1) {
		return null;
	}

	const cell = map.cellAt(row, column);
	return cell.kind === 'files' ? cell.files : null;
}
