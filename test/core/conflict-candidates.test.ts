/**
 * The merges worth asking git about: a branch with base when base changed one of its
 * files, and two branches when they change a file in common. The candidates are found
 * through an index of folders, then files; here they are held to the plain definition,
 * every pair compared, on random trees where branches share some folders and files and
 * keep others to themselves (test vectors), with coordination files among them.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {findConflictCandidates, type CandidateInput} from '../../source/core/conflict-candidates.js';

const isCoordination = (file: string) => file.endsWith('AI_CURRENT_WORK.md');

/** Paths from a small vocabulary, so that branches meet: folders at several depths, files at the top too. */
const path = fc.tuple(
	fc.constantFrom('', 'src/', 'src/ui/', 'tests/cases/', 'tests/cases/task-1/', 'tests/cases/task-2/', 'docs/', 'srcx/'),
	fc.constantFrom('a.ts', 'b.ts', 'case-0001.json', 'case-0002.json', 'AI_CURRENT_WORK.md', 'README.md', 'x/y.ts'),
).map(([folder, name]) => folder + name);

const branch = fc.uniqueArray(path, {maxLength: 12}).map(files => files.sort());

function plain(branches: CandidateInput[]) {
	const pairs: string[] = [];
	const coordinationPairs: string[] = [];
	for (let a = 0; a < branches.length; a++) {
		for (let b = a + 1; b < branches.length; b++) {
			const common = branches[a]!.files.filter(file => branches[b]!.files.includes(file));
			if (branches[a]!.sha === branches[b]!.sha || common.length === 0) {
				continue;
			}

			(common.every(isCoordination) ? coordinationPairs : pairs).push(`${branches[a]!.name} ${branches[b]!.name}`);
		}
	}

	return {pairs: pairs.sort(), coordinationPairs: coordinationPairs.sort()};
}

describe('findConflictCandidates', () => {
	it('finds exactly the pairs that change a file in common, and the branches base met', () => {
		let found = 0;
		fc.assert(fc.property(fc.array(fc.tuple(branch, branch), {minLength: 2, maxLength: 7}), lists => {
			const branches: CandidateInput[] = lists.map(([files, baseChanged], index) => ({name: `agent/${index}`, sha: `sha${index}`, files, baseChanged: new Set(baseChanged)}));
			const candidates = findConflictCandidates(branches, {coordinationForPairs: isCoordination});
			const names = (pairs: Array<[CandidateInput, CandidateInput]>) => pairs.map(([a, b]) => `${a.name} ${b.name}`).sort();
			expect({pairs: names(candidates.pairs), coordinationPairs: names(candidates.coordinationPairs)}).toEqual(plain(branches));
			expect(candidates.withBase.map(input => input.name)).toEqual(branches.filter(input => input.files.some(file => input.baseChanged.has(file))).map(input => input.name));
			found += candidates.pairs.length;
		}), {numRuns: 400, seed: 7});
		// Not a comparison of empty lists.
		expect(found).toBeGreaterThan(400);
	});

	it('finds a shared file among thousands a branch keeps to its own folders', () => {
		const vectors = (task: number) => Array.from({length: 3000}, (_, index) => `tests/cases/task-${task}/case-${String(index).padStart(4, '0')}.json`);
		const branches: CandidateInput[] = [
			{name: 'codex/a', sha: 'a', files: [...vectors(1), 'src/shared.ts'], baseChanged: new Set()},
			{name: 'codex/b', sha: 'b', files: ['src/shared.ts', ...vectors(2)], baseChanged: new Set()},
			{name: 'codex/c', sha: 'c', files: vectors(3), baseChanged: new Set()},
		];
		const candidates = findConflictCandidates(branches);
		expect(candidates.pairs.map(([a, b]) => [a.name, b.name])).toEqual([['codex/a', 'codex/b']]);
	});
});
