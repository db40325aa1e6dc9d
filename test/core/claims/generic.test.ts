import {describe, expect, test} from 'vitest';
import {parseCoordinationFile} from '../../../source/core/claims/index.js';
import {claim, contextFor, fixtureText} from './helpers.js';

const parse = (fixture: string, file: string) => parseCoordinationFile(file, fixtureText(fixture), contextFor(file));
const inferred = (fields: Parameters<typeof claim>[0]) => claim({confidence: 'inferred', ...fields});

describe('generic reader', () => {
	test('sections named by role, by agent word, by session; key-value tables; other languages', () => {
		const file = 'AGENT_STATUS.md';
		const at = (line: number) => ({file, ref: 'worktree', line});
		expect(parse('generic/AGENT_STATUS.md', file)).toEqual({
			claims: [
				inferred({
					agent: 'claude-1',
					agentName: 'Claude-1',
					module: 'Backend/Core',
					work: 'auth refactor',
					files: ['src/auth/*.ts', 'src/session.ts'],
					lastCheckin: '2026-03-02T09:30:00.000Z',
					source: at(3),
				}),
				inferred({
					agent: 'trae',
					agentName: 'Trae',
					module: 'Backend Agent',
					work: '数据导入',
					notes: ['夜间任务'],
					status: 'in-progress',
					lastCheckin: '2026-03-02T10:00:00.000Z',
					source: at(8),
				}),
				inferred({agent: 'session-a', agentName: 'Session A', work: 'Docs pass', branch: 'session-a/docs', status: 'complete', source: at(13)}),
			],
			warnings: [],
		});
	});

	test('tables whose columns name agent, task, status, branch, files by synonyms', () => {
		const file = 'docs/team.md';
		const at = (line: number) => ({file, ref: 'worktree', line});
		expect(parse('generic/team-table.md', file)).toEqual({
			claims: [
				inferred({agent: 'claude', agentName: 'Claude Code', work: 'Refactor parser', status: 'in-progress', branch: 'claude/parser', notes: ['PR #12'], source: at(5)}),
				inferred({agent: 'codex', agentName: 'Codex', work: 'Fix CI', status: 'complete', branch: 'codex/ci-fix', source: at(6)}),
				inferred({agent: 'gemini', agentName: 'Gemini', work: 'Docs', status: 'blocked', branch: 'gemini/docs', source: at(8)}),
				inferred({
					agent: 'copilot',
					agentName: 'Copilot',
					branch: 'copilot/nav',
					notes: ['#19'],
					work: 'Nav bar',
					files: ['components/Nav.tsx', 'components/Menu.tsx'],
					source: at(12),
				}),
			],
			warnings: [{...at(8), message: 'table row has 4 of 5 cells; missing cells read as empty'}],
		});
	});

	test('append-only boards: the newest entry per sender gives the check-in, older ones fill the gaps', () => {
		const file = '.claude/board/main.md';
		const at = (line: number) => ({file, ref: 'worktree', line});
		expect(parse('generic/board.md', file)).toEqual({
			claims: [
				inferred({agent: 'codex', agentName: 'codex', work: 'started the parser rewrite', lastCheckin: '2026-08-25T21:00:00.000Z', source: at(16)}),
				inferred({
					agent: 'main',
					agentName: 'main',
					status: 'complete',
					files: ['assets/icons/*.svg'],
					notes: ['to assets'],
					lastCheckin: '2026-08-25T20:40:00.000Z',
					source: at(8),
				}),
				inferred({agent: 'assets', agentName: 'assets', work: 'icon regeneration', notes: ['to main'], lastCheckin: '2026-08-25T19:10:00.000Z', source: at(12)}),
			],
			warnings: [],
		});
	});

	test('one-line ledgers: later lines supersede earlier ones', () => {
		const file = 'collaboration/ledger.md';
		const at = (line: number) => ({file, ref: 'worktree', line});
		expect(parse('generic/ledger.md', file)).toEqual({
			claims: [
				inferred({
					agent: 'codex',
					agentName: 'codex',
					files: ['src/a.ts', 'src/b.ts'],
					status: 'in-progress',
					notes: ['id c1'],
					lastCheckin: '2026-01-05T11:30:00.000Z',
					source: at(5),
				}),
				inferred({agent: 'claude', agentName: 'claude', files: ['docs/**'], status: 'released', notes: ['id c2'], lastCheckin: '2026-01-05T12:00:00.000Z', source: at(6)}),
			],
			warnings: [],
		});
	});

	test('JSON registries keyed by agent, tasks with an assignee, as_of inherited, nested task objects', () => {
		const file = 'collaboration/state/agents.json';
		const at = (line: number) => ({file, ref: 'worktree', line});
		expect(parse('generic/agents.json', file)).toEqual({
			claims: [
				inferred({
					agent: 'claude',
					agentName: 'claude',
					work: 'Payment webhooks',
					branch: 'claude/payments',
					files: ['api/payments.ts', 'api/webhooks.ts'],
					lastCheckin: '2026-02-01T07:45:00.000Z',
					status: 'in-progress',
					source: at(4),
				}),
				inferred({
					agent: 'codex',
					agentName: 'codex',
					work: 'Flaky test hunt',
					startedAt: '2026-01-31T22:00:00.000Z',
					status: 'released',
					lastCheckin: '2026-02-01T08:00:00.000Z',
					source: at(11),
				}),
				inferred({agent: 'gemini', agentName: 'gemini', module: 'reviewer', lastCheckin: '2026-02-01T08:00:00.000Z', source: at(15)}),
				// Two tasks for Copilot: the blocked one says more about now than the done one.
				inferred({
					agent: 'copilot',
					agentName: 'Copilot Chat',
					work: 'Rate limiter',
					status: 'blocked',
					notes: ['id 7'],
					lastCheckin: '2026-02-01T08:00:00.000Z',
					source: at(18),
				}),
			],
			warnings: [{...at(18), message: 'cannot read the date in "updated": "not a date"'}],
		});
	});

	test('JSONL event logs, with a broken line and an epoch timestamp', () => {
		const file = 'collaboration/events.jsonl';
		const at = (line: number) => ({file, ref: 'worktree', line});
		const result = parse('generic/events.jsonl', file);
		expect(result.claims).toEqual([
			inferred({agent: 'claude', agentName: 'claude', work: 'Search index', files: ['search/index.ts'], status: 'in-progress', lastCheckin: '2026-03-01T11:00:00.000Z', source: at(3)}),
			inferred({agent: 'codex', agentName: 'codex', work: 'Export CSV', status: 'released', lastCheckin: '2026-03-01T11:30:00.000Z', source: at(5)}),
		]);
		expect(result.warnings).toHaveLength(1);
		expect(result.warnings[0]).toMatchObject({...at(4)});
		expect(result.warnings[0]!.message).toMatch(/^invalid JSON: .*; line skipped$/);
	});

	test('records with their own Agent label, in the preamble and under a non-agent heading', () => {
		const file = 'STATE.md';
		const text = ['agent: gemini', 'task: triage', '', '## Active claims', '- **Agent**: Cursor', '  **Task**: lint rules', '- **Agent**: Devin', '  **Task**: deploy script', '  **Status**: stuck'].join('\n');
		const at = (line: number) => ({file, ref: 'worktree', line});
		expect(parseCoordinationFile(file, text, contextFor(file))).toEqual({
			claims: [
				inferred({agent: 'gemini', agentName: 'gemini', work: 'triage', source: at(1)}),
				inferred({agent: 'cursor', agentName: 'Cursor', work: 'lint rules', source: at(5)}),
				inferred({agent: 'devin', agentName: 'Devin', work: 'deploy script', status: 'blocked', source: at(7)}),
			],
			warnings: [],
		});
	});

	test('nothing recognisable, truncated JSON, unreadable JSON that is not JSON Lines', () => {
		expect(parse('malformed/no-section.md', 'NOTES.md')).toEqual({
			claims: [],
			warnings: [{file: 'NOTES.md', ref: 'worktree', line: 0, message: 'no agent section, table, record, ledger line or JSON object naming an agent found; nothing read'}],
		});
		expect(parse('malformed/truncated.json', 'state/agents.json')).toEqual({
			claims: [],
			warnings: [{file: 'state/agents.json', ref: 'worktree', line: 4, message: 'invalid JSON: Unexpected end of JSON input'}],
		});
	});

	test('deep JSON nesting is cut with one warning', () => {
		const depth = 200;
		const text = `${'{"a":'.repeat(depth)}{"agent":"codex","task":"deep"}${'}'.repeat(depth)}`;
		expect(parseCoordinationFile('deep.json', text, contextFor('deep.json'))).toEqual({
			claims: [],
			warnings: [
				{file: 'deep.json', ref: 'worktree', line: 0, message: 'JSON nested deeper than 64 levels; the deeper part is skipped'},
			],
		});
	});
});
