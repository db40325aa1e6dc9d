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

describe('copies that disagree', () => {
	it('are named in status, with the ref and the field', async () => {
		repo = await repoWithBase();
		await repo.commit({branch: 'main', message: 'board', files: {'AI_CURRENT_WORK.md': '## Codex Status\n**Currently Working On:** Rate limiter\n**Module:** api\n**Last Checkin:** 2026-01-05T09:30Z\n'}, at: minutes(30)});
		await repo.commit({branch: 'codex/limits', from: 'main', message: 'feat: limits', files: {'src/limit.ts': 'l\n', 'AI_CURRENT_WORK.md': '## Codex Status\n**Currently Working On:** Request quotas\n**Module:** api\n**Last Checkin:** 2026-01-05T10:30Z\n'}, at: minutes(90)});

		const {document} = await collect(repo.root, minutes(120));
		const claim = document.agents.find(row => row.agent === 'codex')!.claim!;
		expect(claim.work).toBe('Request quotas');
		expect(claim.source.ref).toBe('codex/limits');
		expect(claim.disagreements).toContainEqual(expect.objectContaining({ref: 'main', field: 'work', value: 'Rate limiter'}));
		const {renderStatusText} = await import('../../source/commands/status-text.js');
		expect(renderStatusText(document, {color: false, all: false})).toContain('disagrees on main: work = Rate limiter');
	});
});
