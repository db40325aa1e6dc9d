import {describe, expect, it} from 'vitest';
import {coordinationFolders, coordinationPathTest, matchesCoordinationPath, rootCoordinationFiles} from '../../../source/core/claims/index.js';
import {cpuMs} from '../../cpu-time.js';

describe('the folders watched for coordination files', () => {
	it('are the root and .github/ai-coordination with no configured pattern', () => {
		expect(coordinationFolders([])).toEqual([
			{folder: '', recursive: false},
			{folder: '.github/ai-coordination', recursive: false},
		]);
	});

	it('add each glob’s fixed leading folders, recursive where a folder name is a glob', () => {
		const folders = coordinationFolders(['AGENT_STATUS.md', './.claude/board/*.md', 'collab/**/state.json', 'teams/*/STATUS.md', 'docs/NOTES.md', 'collab/summary.md']);
		expect(folders).toEqual([
			{folder: '', recursive: false},
			{folder: '.github/ai-coordination', recursive: false},
			{folder: '.claude/board', recursive: false},
			{folder: 'collab', recursive: true},
			{folder: 'teams', recursive: true},
			{folder: 'docs', recursive: false},
		]);
	});
});

describe('asking many paths whether they are coordination files', () => {
	const shapes = ['AI_CURRENT_WORK.md', './AI_SYNC_STATUS.json', '/AI_HANDOFF.md', 'docs\\AI_HANDOFF.md', 'docs/AI_HANDOFF.md', 'CODEX-COORDINATION-STATUS.md', 'a/b/CLAUDE_COORDINATION-STATUS.md', '.github/ai-coordination/CLAUDE_COORDINATION.md', '.\\.github\\ai-coordination\\X_COORDINATION.md', 'src/ai_handoff.md', 'src/index.ts', 'tests/cases/task-000/case-0001.json', 'AGENT_STATUS.md', 'collab/x/state.json', 'AI_HANDOFF.md.bak'];

	it('answers as matchesCoordinationPath does, with and without configured globs', () => {
		for (const globs of [[], ['AGENT_STATUS.md', 'collab/**/state.json']]) {
			const isCoordination = coordinationPathTest(globs);
			for (const path of [...shapes, ...shapes]) {
				expect([path, isCoordination(path)]).toEqual([path, matchesCoordinationPath(path, globs)]);
			}
		}
	});

	it('holds `AI_` in every root name, which its quick rejection relies on', () => {
		expect(rootCoordinationFiles.every(name => name.includes('AI_'))).toBe(true);
	});

	it('rejects ordinary paths without normalising them: asking 58,000 paths 8 times costs less than matching them once', () => {
		const paths = Array.from({length: 58_000}, (_, index) => `tests/cases/task-${String(index % 40).padStart(3, '0')}/case-${String(index).padStart(5, '0')}.json`);
		const isCoordination = coordinationPathTest([]);
		// Both warmed first: the JIT's first pass is not what is compared.
		paths.slice(0, 2000).forEach(path => matchesCoordinationPath(path, []) && isCoordination(path));
		const once = cpuMs(() => paths.filter(path => matchesCoordinationPath(path, [])).length);
		const eightTimes = cpuMs(() => {
			let found = 0;
			for (let round = 0; round < 8; round++) {
				found += paths.filter(isCoordination).length;
			}

			return found;
		});
		expect([once.result, eightTimes.result]).toEqual([0, 0]);
		expect(eightTimes.ms).toBeLessThan(once.ms);
	});
});
