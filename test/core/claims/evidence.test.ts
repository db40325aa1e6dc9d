/**
 * Who is an agent (docs/design.md §2): a name becomes an agent only with evidence. Section
 * titles, stages, deliverables and task names seen in real coordination files must not.
 */
import {describe, expect, test} from 'vitest';
import {makeAgentResolver} from '../../../source/core/agents.js';
import {parseCoordinationFile} from '../../../source/core/claims/index.js';
import {fixtureText} from './helpers.js';

function agentsIn(fixture: string, file: string, branchAgents: string[] = []) {
	const result = parseCoordinationFile(file, fixtureText(`evidence/${fixture}`), {file, ref: 'worktree', resolveAgent: makeAgentResolver({agents: {}}, branchAgents)});
	return {agents: result.claims.map(claim => claim.agent), claims: result.claims, warnings: result.warnings.map(warning => warning.message)};
}

describe('agents only where there is evidence', () => {
	test('a Recently Completed entry without a Model belongs to no agent, and nested sections are read once', () => {
		const {agents, warnings} = agentsIn('FEATURE_COORDINATION.md', '.github/ai-coordination/FEATURE_COORDINATION.md');
		expect(agents).toEqual(['claude']);
		expect(warnings).toEqual(['1 completed entry names no model or agent; skipped']);
	});

	test('a progress table with Agent 1…6 gives six agents, and "Agent 1 (task)" headings are the same agents', () => {
		const {agents, claims} = agentsIn('PROGRESS.md', 'PROGRESS.md');
		expect([...new Set(agents)].sort()).toEqual(['agent-1', 'agent-2', 'agent-3', 'agent-4', 'agent-5', 'agent-6']);
		expect(agents).toHaveLength(6);
		expect(claims.find(claim => claim.agent === 'agent-3')?.status).toBe('in-progress');
	});

	test('a "CLAUDE BRANCH STATUS" heading whose values are written as headings gives claude', () => {
		const {claims} = agentsIn('COORDINATION-STATUS.md', 'COORDINATION-STATUS.md');
		expect(claims.map(claim => [claim.agent, claim.status, claim.lastCheckin])).toEqual([['claude', 'in-progress', '2026-04-25T10:00:00.000Z']]);
	});

	test('stage and handoff headings give no agent; an Owner field names whose stage it is', () => {
		const {agents, claims, warnings} = agentsIn('BOARD-COORDINATION-STATUS.md', 'BOARD-COORDINATION-STATUS.md');
		expect(agents).toEqual(['codex']);
		expect(claims[0]!.notes).toEqual(['S1 — steppable core']);
		expect(warnings).toEqual([
			'section "S2 — renderer" has task fields but names no agent; skipped',
			'section "Prior handoff" has task fields but names no agent; skipped',
		]);
	});

	test('a stage in a board\'s session column and a Prior handoff section give no agent', () => {
		expect(agentsIn('board.md', 'docs/board.md').agents).toEqual(['codex']);
	});

	test('handoff items name an agent only with evidence; a branch prefix is evidence', () => {
		expect(agentsIn('AI_HANDOFF.md', 'AI_HANDOFF.md').agents).toEqual(['codex']);
		expect(agentsIn('AI_HANDOFF.md', 'AI_HANDOFF.md', ['trae']).agents).toEqual(['codex', 'trae']);
	});
});
