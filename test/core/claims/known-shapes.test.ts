import {describe, expect, test} from 'vitest';
import {parseCoordinationFile} from '../../../source/core/claims/index.js';
import {claim, contextFor, fixtureText} from './helpers.js';

const parse = (fixture: string, file: string) => parseCoordinationFile(file, fixtureText(fixture), contextFor(file));

describe('AI_SYNC_STATUS.json', () => {
	const file = 'AI_SYNC_STATUS.json';
	test('one claim for the last author', () => {
		expect(parse('AI_SYNC_STATUS.json', file)).toEqual({
			claims: [
				claim({
					agent: 'claude',
					agentName: 'Claude Code',
					lastCheckin: '2026-01-05T10:00:00.000Z',
					work: 'feat: add tracking endpoint',
					files: ['backend/src/tracking.ts', 'backend/src/app.module.ts'],
					notes: ['needs sync'],
					source: {file, ref: 'worktree', line: 3},
				}),
			],
			warnings: [],
		});
	});

	test('truncated JSON is a warning at the line where it ends', () => {
		expect(parse('malformed/truncated.json', file)).toEqual({
			claims: [],
			warnings: [{file, ref: 'worktree', line: 4, message: 'invalid JSON: Unexpected end of JSON input'}],
		});
	});

	test('snake_case keys, an unknown author and a bad date', () => {
		const text = '{"last_update": "yesterday-ish", "last_author": "Trae", "modified_files": "a.ts, b.ts"}';
		expect(parseCoordinationFile(file, text, contextFor(file))).toEqual({
			claims: [claim({agent: 'trae', agentName: 'Trae', files: ['a.ts', 'b.ts'], source: {file, ref: 'worktree', line: 1}})],
			warnings: [{file, ref: 'worktree', line: 1, message: 'cannot read the date in "lastUpdate": "yesterday-ish"'}],
		});
	});

	test('no author, or not an object', () => {
		expect(parseCoordinationFile(file, '{"lastUpdate": "2026-01-05"}', contextFor(file)).warnings).toEqual([
			{file, ref: 'worktree', line: 1, message: 'no lastAuthor: nothing to attribute'},
		]);
		expect(parseCoordinationFile(file, '[1, 2]', contextFor(file)).warnings).toEqual([
			{file, ref: 'worktree', line: 1, message: 'expected a JSON object with lastAuthor and lastUpdate'},
		]);
	});
});

describe('.github/ai-coordination/*_COORDINATION.md', () => {
	const file = '.github/ai-coordination/TRACKING_COORDINATION.md';
	const at = (line: number) => ({file, ref: 'worktree', line});
	test('In Progress and Recently Completed entries; TODOs and decisions passed over', () => {
		const result = parse('TRACKING_COORDINATION.md', file);
		expect(result.claims).toEqual([
			claim({
				agent: 'claude',
				agentName: 'Claude Code',
				branch: 'claude/tracking-events',
				work: 'Event ingestion pipeline',
				startedAt: '2026-04-25T10:11:00.000Z',
				status: 'in-progress',
				source: at(6),
			}),
			claim({
				agent: 'codex',
				agentName: 'OpenAI Codex',
				branch: 'codex/tracking-fix',
				notes: ['PR #42'],
				work: 'Fix duplicate events',
				startedAt: '2026-04-25T00:00:00.000Z',
				status: 'in-progress',
				source: at(10),
			}),
			claim({
				agent: 'gemini',
				agentName: 'Gemini',
				work: 'Tracking schema',
				lastCheckin: '2026-04-24T00:00:00.000Z',
				files: ['db/schema.sql', 'db/migrations/001_tracking.sql'],
				status: 'complete',
				source: at(18),
			}),
		]);
		expect(result.warnings).toEqual([
			{...at(14), message: 'in-progress entry names no model or agent; skipped'},
			{...at(17), message: '1 completed entry names no model or agent; skipped'},
		]);
	});

	test('a table of in-progress work, and entries under sub-headings', () => {
		const text = [
			'## In Progress',
			'| Model | Branch | Work | Started |',
			'|---|---|---|---|',
			'| Copilot | copilot/ui | Buttons | 2026-04-25 09:00 |',
			'',
			'#### Jules',
			'- Branch: jules/docs',
			'- Work: Guides',
		].join('\n');
		const at1 = (line: number) => ({file, ref: 'worktree', line});
		expect(parseCoordinationFile(file, text, contextFor(file))).toEqual({
			claims: [
				claim({agent: 'copilot', agentName: 'Copilot', branch: 'copilot/ui', work: 'Buttons', startedAt: '2026-04-25T09:00:00.000Z', status: 'in-progress', source: at1(4)}),
				claim({agent: 'jules', agentName: 'Jules', branch: 'jules/docs', work: 'Guides', status: 'in-progress', source: at1(6)}),
			],
			warnings: [],
		});
	});

	test('no known section gives one warning', () => {
		expect(parse('malformed/no-section.md', file)).toEqual({
			claims: [],
			warnings: [{...at(0), message: 'no "In Progress" or "Recently Completed" section found; nothing read'}],
		});
	});
});

describe('*COORDINATION-STATUS.md', () => {
	const file = 'docs/AGENT-COORDINATION-STATUS.md';
	const at = (line: number) => ({file, ref: 'worktree', line});
	test('per-agent sections with checklists, blockers, dependencies and timelines', () => {
		const result = parse('AGENT-COORDINATION-STATUS.md', file);
		expect(result.claims).toEqual([
			claim({
				agent: 'claude',
				agentName: 'Claude',
				module: 'Backend',
				work: 'Implement auth API',
				status: 'in-progress',
				dependencies: ['Copilot frontend forms'],
				startedAt: '2025-12-03T00:00:00.000Z',
				expectedCompletion: '2025-12-05T00:00:00.000Z',
				source: at(5),
			}),
			claim({
				agent: 'copilot',
				agentName: 'Copilot',
				module: 'Frontend',
				// The first IN PROGRESS item stands for the work when there is no Current Task.
				work: 'Login form',
				status: 'in-progress',
				blockers: ['waiting for auth API', 'design review'],
				notes: ['timeline: two days'],
				source: at(14),
			}),
			claim({
				agent: 'gemini',
				agentName: 'Gemini',
				module: 'Docs',
				status: 'complete',
				expectedCompletion: '2025-06-29T00:00:00.000Z',
				source: at(21),
			}),
		]);
		expect(result.warnings).toEqual([{...at(25), message: 'section "Overall Progress" has task fields but names no agent; skipped'}]);
	});

	test('blockers alone mean blocked; an explicit status wins', () => {
		const text = ['### Trae - Data', '**Current Task:** import', '**Blockers:** quota', '', '### Devin - Ops', '**Status:** done', '- [ ] **IN PROGRESS:** deploy'].join('\n');
		expect(parseCoordinationFile(file, text, contextFor(file)).claims).toEqual([
			claim({agent: 'trae', agentName: 'Trae', module: 'Data', work: 'import', blockers: ['quota'], status: 'blocked', source: at(1)}),
			claim({agent: 'devin', agentName: 'Devin', module: 'Ops', work: 'deploy', status: 'complete', source: at(5)}),
		]);
	});

	test('no agent section gives one warning', () => {
		expect(parse('malformed/no-section.md', file)).toEqual({
			claims: [],
			warnings: [{...at(0), message: 'no "<Agent> - <Domain>" section with a task found; nothing read'}],
		});
	});
});

describe('AI_HANDOFF.md', () => {
	const file = 'AI_HANDOFF.md';
	const at = (line: number) => ({file, ref: 'worktree', line});
	test('Task Ownership as list items, sub-sections and a table', () => {
		const result = parse('AI_HANDOFF.md', file);
		expect(result.claims).toEqual([
			claim({
				agent: 'claude',
				agentName: 'Claude Code',
				work: 'backend API and database',
				files: ['backend/src/auth.ts', 'backend/src/db.ts'],
				status: 'in-progress',
				source: at(7),
			}),
			claim({agent: 'copilot', agentName: 'GitHub Copilot', work: 'Frontend forms', status: 'in-progress', source: at(10)}),
			claim({agent: 'trae', agentName: 'Trae', work: 'data import', notes: ['nightly job'], status: 'in-progress', source: at(11)}),
			claim({
				agent: 'codex',
				agentName: 'Codex',
				branch: 'codex/auth-handoff',
				lastCheckin: '2025-12-03T15:00:00.000Z',
				notes: ['per AI_CURRENT_WORK.md'],
				source: at(14),
			}),
			claim({agent: 'gemini', agentName: 'Gemini', work: 'Release notes', status: 'complete', lastCheckin: '2025-12-02T00:00:00.000Z', source: at(20)}),
		]);
		expect(result.warnings).toEqual([{...at(12), message: 'cannot tell the owner in "This line has no owner at all in it whatsoever"; skipped'}]);
	});

	test('no Task Ownership section gives one warning', () => {
		expect(parse('malformed/no-section.md', file)).toEqual({
			claims: [],
			warnings: [{...at(0), message: 'no "Task Ownership" section found; nothing read'}],
		});
	});
});
