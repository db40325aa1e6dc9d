import {describe, expect, it} from 'vitest';
import {coordinationFolders} from '../../../source/core/claims/index.js';

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
