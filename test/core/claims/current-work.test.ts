import {describe, expect, test} from 'vitest';
import {parseCoordinationFile, parseCurrentWork} from '../../../source/core/claims/index.js';
import {claim, contextFor, fixtureText} from './helpers.js';

const file = 'AI_CURRENT_WORK.md';
const at = (line: number) => ({file, ref: 'worktree', line});

describe('AI_CURRENT_WORK.md', () => {
	test('per-agent sections, the modules list and emergency overrides', () => {
		const result = parseCoordinationFile(file, fixtureText('AI_CURRENT_WORK.md'), contextFor(file));
		expect(result.claims).toEqual([
			claim({
				agent: 'claude',
				agentName: 'Claude Code',
				work: 'Training pipeline improvements',
				module: 'lib/training',
				startedAt: '2025-12-03T14:00:00.000Z',
				// "evening" is a day part: the date stays, the part is dropped.
				expectedCompletion: '2025-12-03T00:00:00.000Z',
				files: ['lib/training/trainer.py', 'backend/src/app.module.ts'],
				lastCheckin: '2025-12-03T15:00:00.000Z',
				status: 'in-progress',
				notes: ['backend/src/app.module.ts: to re-enable module', 'per AI_HANDOFF.md'],
				source: at(5),
			}),
			claim({
				agent: 'copilot',
				agentName: 'GitHub Copilot',
				lastCheckin: '2025-12-03T00:00:00.000Z',
				// "Currently Working On: None" with no status line.
				status: 'released',
				source: at(16),
			}),
			claim({
				agent: 'codex',
				agentName: 'Codex',
				work: 'Tracking fix',
				// From the modules list: "CLAIMED BY Codex".
				module: 'backend/tracking',
				lastCheckin: '2025-12-03T07:45:00.000Z',
				status: 'blocked',
				blockers: ['waiting for API review'],
				source: at(22),
			}),
			claim({
				agent: 'gemini',
				agentName: 'Gemini',
				module: 'docs/',
				status: 'in-progress',
				notes: ['partial, coordinate first'],
				source: at(33),
			}),
		]);
		expect(result.warnings).toEqual([
			{...at(20), message: 'unknown label "Priority"'},
			{...at(24), message: 'cannot read the date in "Started At": "sometime yesterday"'},
		]);
	});

	test('tables instead of lists, BOM, CRLF, Japanese text, capitals with underscores', () => {
		const text = fixtureText('variants/AI_CURRENT_WORK.md');
		expect(text.charCodeAt(0)).toBe(0xfeff);
		expect(text).toContain('\r\n');
		const result = parseCurrentWork(text, contextFor(file));
		const expected = [
			claim({
				agent: 'gemini',
				agentName: 'Gemini',
				work: '翻訳ファイルの更新',
				module: 'i18n',
				files: ['locales/ja.json', 'locales/en.json'],
				notes: ['locales/en.json: keys only'],
				lastCheckin: '2026-04-25T10:11:00.000Z',
				status: 'complete',
				source: at(3),
			}),
			claim({
				// "**Model:** Claude Opus" names the agent inside the section.
				agent: 'claude',
				agentName: 'Claude Opus',
				work: 'cache layer',
				expectedCompletion: '2026-04-26T00:00:00.000Z',
				lastCheckin: '2026-04-25T10:11:30.000Z',
				status: 'blocked',
				source: at(12),
			}),
		];
		expect(result).toEqual({claims: expected, warnings: []});
		// Lone CRs are line ends too.
		expect(parseCurrentWork(fixtureText('variants/lone-cr-AI_CURRENT_WORK.md'), contextFor(file))).toEqual({claims: expected, warnings: []});
	});

	test('sections without fields and unreadable dates are warnings with their line', () => {
		const result = parseCurrentWork(fixtureText('malformed/AI_CURRENT_WORK.md'), contextFor(file));
		expect(result.claims).toEqual([claim({agent: 'gemini', agentName: 'Gemini', status: 'in-progress', source: at(6)})]);
		expect(result.warnings).toEqual([
			{...at(3), message: 'section "Codex Status" has no recognisable fields; skipped'},
			{...at(7), message: 'cannot read the date in "Last Checkin": "25/04/2026 10:11"'},
		]);
	});

	test('a file with no recognisable section gives one warning', () => {
		expect(parseCurrentWork(fixtureText('malformed/no-section.md'), contextFor(file))).toEqual({
			claims: [],
			warnings: [{...at(0), message: 'no "<Agent> Status" or "Available Modules" section found; nothing read'}],
		});
	});

	test('any heading level, plain labels, colon inside or outside the bold, a sub-heading as label', () => {
		const text = [
			'#### Devin Status',
			'**Status:** done',
			'Module: billing',
			'##### Files Being Modified',
			'- billing/invoice.ts',
			'* billing/tax.ts',
			'',
			'```',
			'## Copilot Status',
			'- Status: active',
			'```',
		].join('\n');
		expect(parseCurrentWork(text, contextFor(file))).toEqual({
			claims: [
				claim({agent: 'devin', agentName: 'Devin', status: 'complete', module: 'billing', files: ['billing/invoice.ts', 'billing/tax.ts'], source: at(1)}),
			],
			warnings: [],
		});
	});
});

describe('AI_CURRENT_WORK.md without status lines', () => {
	test('work that is named is in progress; "None" is released', () => {
		const text = '# Work\n\n## Codex Status\n**Currently Working On:** Rate limiter\n\n## Gemini Status\n**Currently Working On:** None\n';
		const claims = parseCurrentWork(text, contextFor(file)).claims;
		expect(claims.map(each => [each.agent, each.status])).toEqual([
			['codex', 'in-progress'],
			['gemini', 'released'],
		]);
	});
});
