/**
 * Which branches `D` offers to delete: merged local branches only (`git branch -d`
 * deletes local branches), never base and never the branch checked out here. On a
 * merged row, that one; from any other row, every merged branch (shown or folded).
 */
import type {BranchRow, StatusDocument} from '../../core/snapshot.js';
import type {DeleteOutcome} from '../../git/delete-branches.js';
import type {Line} from './detail-lines.js';

function deletable(snapshot: StatusDocument, branch: BranchRow): boolean {
	return branch.state === 'merged' && branch.local && branch.name !== snapshot.base.name && branch.name !== snapshot.repo.head;
}

export function branchesToDelete(snapshot: StatusDocument | null, selected: BranchRow | null): string[] {
	if (!snapshot) {
		return [];
	}

	if (selected && deletable(snapshot, selected)) {
		return [selected.name];
	}

	return snapshot.branches.filter(branch => deletable(snapshot, branch)).map(branch => branch.name);
}

/** The confirmation, then what git did: each refusal on its own line, in git's words. */
export function deleteLines(branches: readonly string[], outcome: DeleteOutcome | 'running' | null): Line[] {
	if (outcome === null || outcome === 'running') {
		return [
			{text: `Delete ${branches.length === 1 ? 'this merged branch' : `these ${branches.length} merged branches`} with git branch -d?`, bold: true},
			...branches.map(branch => ({text: `  ${branch}`})),
			{text: ''},
			{text: outcome === 'running' ? 'deleting…' : 'enter confirm · esc cancel', dim: true},
		];
	}

	return [
		...(outcome.deleted.length > 0 ? [{text: `Deleted ${outcome.deleted.length}:`, bold: true}, ...outcome.deleted.map(branch => ({text: `  ${branch}`}))] : []),
		...(outcome.refused.length > 0 ? [{text: `git kept ${outcome.refused.length}:`, bold: true, color: 'yellow'}, ...outcome.refused.map(({branch, reason}) => ({text: `  ${branch}: ${reason}`}))] : []),
		{text: ''},
		{text: 'enter or esc closes', dim: true},
	];
}
