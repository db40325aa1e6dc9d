import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {makeAgentResolver} from '../../source/core/agents.js';
import {editAiCoordination} from '../../source/core/claims/edit-ai-coordination.js';
import type {CurrentWorkEdit} from '../../source/core/claims/edit-current-work.js';
import {parseCoordinationFile} from '../../source/core/claims/index.js';
import {defaultStaleness} from '../../source/core/staleness.js';
import type {Claim} from '../../source/core/types.js';

const fileName = 'TRACKING_COORDINATION.md';
const fixture = readFileSync(new URL('../../fixtures/coordination/TRACKING_COORDINATION.md', import.meta.url), 'utf8');
const resolveAgent = makeAgentResolver();

function read(text: string) {
	return parseCoordinationFile(fileName, text, {file: fileName, ref: 'worktree', resolveAgent});
}

function claims(text: string): Claim[] {
	return read(text).claims;
}

function apply(text: string | null, edit: CurrentWorkEdit, iso = '2026-04-25T12:00:00Z'): string {
	const result = editAiCoordination(text, edit, {now: new Date(iso), staleness: defaultStaleness, resolveAgent, readClaims: claims, fileName});
	if (!result.ok) {
		throw new Error(`refused: ${result.reason}`);
	}

	return result.text;
}

const geminiClaim: CurrentWorkEdit = {kind: 'claim', agent: 'gemini', work: 'Retention policy', module: 'retention', files: ['db/retention.sql', 'jobs/prune.ts'], branch: 'gemini/retention'};

describe('editAiCoordination', () => {
	it('adds an entry under In Progress in the file’s own style, keeping every other line, and the reader reads it back', () => {
		const text = apply(fixture, geminiClaim);
		const before = fixture.split('\n');
		const after = text.split('\n');
		const added = after.slice(after.indexOf('### In Progress') + 1, after.indexOf('### In Progress') + 8);
		expect(added).toEqual([
			'- **Model**: Gemini',
			'  **Branch**: gemini/retention',
			'  **Work**: Retention policy',
			'  **Module**: retention',
			'  **Files**: db/retention.sql, jobs/prune.ts',
			'  **Started**: 2026-04-25T12:00:00+00:00',
			'  **Last Checkin**: 2026-04-25T12:00:00+00:00',
		]);
		// Every original line is still there, in order.
		expect(after.filter(line => before.includes(line))).toEqual(before);
		expect(read(text).warnings.map(warning => warning.message)).toEqual(read(fixture).warnings.map(warning => warning.message));
		expect(claims(text).find(claim => claim.agent === 'gemini' && claim.status === 'in-progress')).toMatchObject({
			work: 'Retention policy',
			module: 'retention',
			branch: 'gemini/retention',
			files: ['db/retention.sql', 'jobs/prune.ts'],
			lastCheckin: '2026-04-25T12:00:00.000Z',
		});
	});

	it('checks in, then done moves the entry to Recently Completed with its files', () => {
		const claimed = apply(fixture, geminiClaim);
		const checkedIn = apply(claimed, {kind: 'checkin', agent: 'gemini'}, '2026-04-25T13:00:00Z');
		expect(claims(checkedIn).find(claim => claim.agent === 'gemini' && claim.status === 'in-progress')?.lastCheckin).toBe('2026-04-25T13:00:00.000Z');
		const done = apply(checkedIn, {kind: 'done', agent: 'gemini'}, '2026-04-25T14:00:00Z');
		expect(claims(done).filter(claim => claim.agent === 'gemini').map(claim => [claim.status, claim.work])).toEqual([
			['complete', 'Retention policy'],
			['complete', 'Tracking schema'],
		]);
		expect(done).toContain('- **Feature**: Retention policy (retention)\n  **Model**: Gemini\n  **Branch**: gemini/retention\n  **Files**: db/retention.sql, jobs/prune.ts\n  **Started**: 2026-04-25T12:00:00+00:00\n  **Completed**: 2026-04-25T14:00:00+00:00\n');
		expect(read(done).warnings.map(warning => warning.message)).toEqual(read(fixture).warnings.map(warning => warning.message));
	});

	it('refuses what an active holder in the file holds, naming it', () => {
		const result = editAiCoordination(fixture, {kind: 'claim', agent: 'gemini', work: 'x', files: [], branch: undefined, module: undefined, override: undefined}, {now: new Date('2026-04-25T12:00:00Z'), staleness: defaultStaleness, resolveAgent, readClaims: claims, fileName});
		expect(result.ok).toBe(true);
		const held = apply(fixture, {kind: 'claim', agent: 'codex', work: 'Schema v2', module: 'events', files: []});
		const refused = editAiCoordination(held, {kind: 'claim', agent: 'gemini', work: 'Events', module: 'events', files: []}, {now: new Date('2026-04-25T12:30:00Z'), staleness: defaultStaleness, resolveAgent, readClaims: claims, fileName});
		expect(!refused.ok && refused.reason).toMatch(/^events is held by OpenAI Codex \(checked in 30 min ago; TRACKING_COORDINATION\.md line \d+ in the working tree\)/);
	});

	it('keeps a superseded claim of the agent under Recently Completed', () => {
		const first = apply(fixture, geminiClaim, '2026-04-25T08:00:00Z');
		const second = apply(first, {...geminiClaim, work: 'Other', module: 'other', files: []}, '2026-04-25T12:00:00Z');
		expect(second).toContain('- **Feature**: Retention policy (retention)\n  **Model**: Gemini\n  **Branch**: gemini/retention\n  **Files**: db/retention.sql, jobs/prune.ts\n  **Started**: 2026-04-25T08:00:00+00:00\n  **Last Checkin**: 2026-04-25T08:00:00+00:00\n  **Notes**: superseded 2026-04-25T12:00:00+00:00, not finished\n');
		expect(claims(second).filter(claim => claim.agent === 'gemini' && claim.status === 'in-progress').map(claim => claim.work)).toEqual(['Other']);
	});

	it('creates the file in its shape when absent', () => {
		const text = apply(null, geminiClaim);
		expect(text.startsWith('# Coordination\n\n### In Progress\n\n- **Model**: Gemini\n')).toBe(true);
		expect(claims(text)).toHaveLength(1);
	});
});
