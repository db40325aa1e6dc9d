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

describe('coordination files only in the working tree', () => {
	it('are read when untracked, when ignored but named in config, and in any folder a glob reaches', async () => {
		repo = await repoWithBase();
		await repo.commit({branch: 'main', message: 'config', files: {'.switchyard.json': JSON.stringify({coordinationFiles: ['.claude/board/*.md', 'AGENT_STATUS.md']}), '.gitignore': 'AGENT_STATUS.md\n'}, at: minutes(10)});
		await repo.checkout('main');
		// None of these is committed anywhere: the agents keep them in the working tree.
		await repo.writeWorktreeFile('.claude/board/agents.md', board('2026-01-05T10:40Z'));
		await repo.writeWorktreeFile('.github/ai-coordination/GEMINI_COORDINATION.md', '### In Progress\n- **Model**: Gemini\n- **Branch**: gemini/search\n- **Work**: Search index\n- **Started**: 2026-01-05T10:00Z\n');
		await repo.writeWorktreeFile('AGENT_STATUS.md', '## Codex\n- Task: Rate limiter\n- Updated: 2026-01-05T10:50Z\n');

		const {document} = await collect(repo.root, minutes(120));
		const claimOf = (agent: string) => document.agents.find(row => row.agent === agent)?.claim;
		expect(claimOf('claude-1')).toMatchObject({work: 'Rewrite the session store', source: {file: '.claude/board/agents.md', ref: 'worktree'}});
		expect(claimOf('gemini')).toMatchObject({work: 'Search index', branch: 'gemini/search', source: {file: '.github/ai-coordination/GEMINI_COORDINATION.md', ref: 'worktree'}});
		expect(claimOf('codex')).toMatchObject({work: 'Rate limiter', source: {file: 'AGENT_STATUS.md', ref: 'worktree'}});
		expect(document.repo.state).toBe('dirty');
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

	it('that agree with each other are one line naming each ref', async () => {
		repo = await repoWithBase();
		const file = (work: string, checkin: string) => `## Codex Status\n**Currently Working On:** ${work}\n**Module:** api\n**Last Checkin:** ${checkin}\n`;
		await repo.commit({branch: 'main', message: 'board', files: {'AI_CURRENT_WORK.md': file('Rate limiter', '2026-01-05T09:30Z')}, at: minutes(30)});
		await repo.commit({branch: 'codex/limits', from: 'main', message: 'feat: limits', files: {'src/limit.ts': 'l\n', 'AI_CURRENT_WORK.md': file('Request quotas', '2026-01-05T10:30Z')}, at: minutes(90)});
		await repo.commit({branch: 'codex/older', from: 'main', message: 'feat: older', files: {'src/older.ts': 'o\n', 'AI_CURRENT_WORK.md': file('Rate limiter', '2026-01-05T09:45Z')}, at: minutes(80)});

		const {document} = await collect(repo.root, minutes(120));
		const {renderStatusText} = await import('../../source/commands/status-text.js');
		const text = renderStatusText(document, {color: false, all: false});
		// Fresher copies first, as the claims were merged.
		expect(text).toContain('disagrees on codex/older, main: work = Rate limiter');
		expect(text).not.toContain('disagrees on main:');
	});
});
