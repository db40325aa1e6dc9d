import {describe, expect, test} from 'vitest';
import {mergeAgentClaims} from '../../../source/core/claims/index.js';
import type {Claim} from '../../../source/core/types.js';
import {claim} from './helpers.js';

const copy = (ref: string, fields: Partial<Claim> = {}) =>
	claim({agent: 'claude', agentName: 'Claude Code', source: {file: 'AI_CURRENT_WORK.md', ref, line: 5}, ...fields});

describe('mergeAgentClaims', () => {
	test('the freshest check-in wins and the other copies\' differences are listed', () => {
		const base = copy('main', {work: 'old task', module: 'lib', status: 'in-progress', lastCheckin: '2026-01-05T08:00:00.000Z'});
		const branch = copy('claude/x', {work: 'new task', module: 'lib', status: 'in-progress', branch: 'claude/x', lastCheckin: '2026-01-05T10:00:00.000Z'});
		const worktree = copy('worktree', {work: 'new task', status: 'complete'});
		const merged = mergeAgentClaims([base, branch, worktree]);
		expect([...merged.keys()]).toEqual(['claude']);
		expect(merged.get('claude')).toEqual({
			claim: branch,
			disagreements: [
				{ref: 'main', file: 'AI_CURRENT_WORK.md', field: 'work', value: 'old task'},
				{ref: 'worktree', file: 'AI_CURRENT_WORK.md', field: 'status', value: 'complete'},
			],
		});
	});

	test('ties go to parsed over inferred, then working tree over base over branches', () => {
		const time = {lastCheckin: '2026-01-05T10:00:00.000Z'};
		const inferredWorktree = copy('worktree', {...time, confidence: 'inferred', work: 'a'});
		const parsedBranch = copy('claude/x', {...time, work: 'b'});
		expect(mergeAgentClaims([inferredWorktree, parsedBranch]).get('claude')!.claim).toBe(parsedBranch);

		const onBranch = copy('claude/x', {...time, work: 'b'});
		const onBase = copy('main', {...time, work: 'c'});
		const inTree = copy('worktree', {...time, work: 'd'});
		expect(mergeAgentClaims([onBranch, onBase, inTree]).get('claude')!.claim).toBe(inTree);
		expect(mergeAgentClaims([onBranch, onBase]).get('claude')!.claim).toBe(onBase);
		// A named base: "trunk/main" is the base even though it has a slash.
		const onNamedBase = copy('trunk/main', {...time, work: 'e'});
		expect(mergeAgentClaims([onBranch, onNamedBase], 'trunk/main').get('claude')!.claim).toBe(onNamedBase);
	});

	test('a copy without a check-in loses to one with; unknown status is no disagreement; agents stay apart', () => {
		const undated = copy('worktree', {work: 'x', status: 'unknown'});
		const dated = copy('main', {work: 'x', status: 'in-progress', lastCheckin: '2026-01-05T10:00:00.000Z'});
		const other = claim({agent: 'codex', agentName: 'Codex', source: {file: 'AI_SYNC_STATUS.json', ref: 'main', line: 3}});
		const merged = mergeAgentClaims([undated, other, dated]);
		expect(merged.get('claude')).toEqual({claim: dated, disagreements: []});
		expect(merged.get('codex')).toEqual({claim: other, disagreements: []});
	});

	test('no claims, no agents', () => {
		expect(mergeAgentClaims([]).size).toBe(0);
	});
});
