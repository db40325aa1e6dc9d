/**
 * The contended files (`h`): each file that two or more unmerged branches change, how
 * many agents touch it, and which pairs of them truly conflict on it (prediction's
 * answer, not a guess from the overlap). Busiest first: true conflicts, then the number
 * of branches. Pure; built from the snapshot in one pass over the branches' files.
 */
import type {StatusDocument} from '../../core/snapshot.js';
import {shown} from '../format.js';
import type {Line} from './detail-lines.js';

export interface ContendedFile {
	file: string;
	branches: string[];
	/** Distinct agents among the branches (shared and non-agent branches not counted). */
	agents: number;
	/** Each conflicting pair once, names in order. */
	conflicts: Array<[string, string]>;
}

export function contendedFiles(snapshot: StatusDocument): ContendedFile[] {
	const unmerged = snapshot.branches.filter(branch => !branch.merged && branch.ahead > 0 && branch.name !== snapshot.base.name);
	const byFile = new Map<string, ContendedFile & {agentSet: Set<string>}>();
	for (const branch of unmerged) {
		for (const file of branch.files) {
			let entry = byFile.get(file);
			if (!entry) {
				entry = {file, branches: [], agents: 0, conflicts: [], agentSet: new Set()};
				byFile.set(file, entry);
			}

			entry.branches.push(branch.name);
			if (branch.agent && branch.agent !== 'shared') {
				entry.agentSet.add(branch.agent);
			}
		}
	}

	const names = new Set(unmerged.map(branch => branch.name));
	for (const branch of unmerged) {
		for (const pair of branch.conflictsWith) {
			// Both sides list the pair: keep it from the side whose name sorts first.
			if (!names.has(pair.branch) || branch.name > pair.branch) {
				continue;
			}

			for (const file of pair.files) {
				byFile.get(file)?.conflicts.push([branch.name, pair.branch]);
			}
		}
	}

	return [...byFile.values()]
		.filter(entry => entry.branches.length >= 2)
		.map(({agentSet, ...entry}) => ({...entry, agents: agentSet.size}))
		.sort((a, b) => b.conflicts.length - a.conflicts.length || b.branches.length - a.branches.length || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** The screen's lines: a heading per file, then its conflicting pairs. */
export function contendedFileLines(snapshot: StatusDocument | null): Line[] {
	if (!snapshot) {
		return [{text: 'reading the repository…', dim: true}];
	}

	const files = contendedFiles(snapshot);
	const lines: Line[] = [{text: `${files.length} file(s) changed by two or more unmerged branches`, bold: true}];
	if (files.length === 0) {
		lines.push({text: '  none: no two unmerged branches change the same file', dim: true});
	}

	for (const entry of files) {
		const conflicts = entry.conflicts.length > 0 ? `, ${entry.conflicts.length} conflicting pair(s)` : ', no conflict';
		lines.push({text: `${shown(entry.file)}: ${entry.branches.length} branches, ${entry.agents} agent(s)${conflicts}`, color: entry.conflicts.length > 0 ? 'yellow' : undefined});
		lines.push(...entry.conflicts.map(([a, b]) => ({text: `  ${shown(a)} × ${shown(b)}`})));
	}

	return lines;
}
