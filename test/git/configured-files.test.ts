import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {collect, minutes, repoWithBase} from './test-repos.js';

let repo: RepoBuilder;
afterEach(async () => repo?.cleanup());

const board = (checkin: string) => `# Agent board

| Agent | Task | Status | Branch | Updated |
| --- | --- | --- | --- | --- |
| Claude-1 | Rewrite the session store | active | claude/session-store | ${checkin} |
`;

describe('coordinationFiles from .switchyard.json', () => {
	it('reads a configured file on base and on agent branches, as an inferred claim', async () => {
		repo = await repoWithBase();
		await repo.commit({branch: 'main', message: 'board', files: {'.switchyard.json': JSON.stringify({coordinationFiles: ['.claude/board/*.md']}), '.claude/board/agents.md': board('2026-01-05T09:30Z')}, at: minutes(30)});
		await repo.commit({branch: 'claude/session-store', from: 'main', message: 'feat: session store', files: {'src/session.ts': 's\n', '.claude/board/agents.md': board('2026-01-05T10:40Z')}, at: minutes(100)});

		const {document} = await collect(repo.root, minutes(120));
		const agent = document.agents.find(row => row.agent === 'claude-1');
		expect(agent?.claim).toMatchObject({
			work: 'Rewrite the session store',
			status: 'in-progress',
			branch: 'claude/session-store',
			confidence: 'inferred',
			lastCheckin: '2026-01-05T10:40:00.000Z',
			staleness: 'active',
			source: {file: '.claude/board/agents.md', ref: 'claude/session-store'},
		});
		expect(agent?.flags).toContain('inferred-claim');
	});
});
