/**
 * Claims belong to branches (issue 17): a claim shows on one branch of its agent, the
 * one it names, else the one its files or module match best, else the most recently
 * active; every view reads that answer from the snapshot.
 */
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {buildDashboardRows} from '../../source/ui/state/dashboard-rows.js';
import {collect, edit, minutes, repoWithBase} from './test-repos.js';

let repo: RepoBuilder;
afterEach(async () => repo?.cleanup());

const claimOf = (fields: string[]) => ['# AI Current Work', '', '## Claude Code Status', ...fields.map(field => `- ${field}`), '- Last Checkin: 2026-01-05 09:30', ''].join('\n');

/** The first branch changed src/a.ts; the second changed src/b.ts and is the more recent. */
async function twoBranches(claim: string, [first, second]: [string, string]): Promise<RepoBuilder> {
	const built = await repoWithBase();
	await built.commit({branch: 'main', message: 'claim', files: {'AI_CURRENT_WORK.md': claim}, at: minutes(1)});
	await built.commit({branch: first, from: 'main', message: 'a', files: {'src/a.ts': edit('a', 1, 'claude')}, at: minutes(10)});
	await built.commit({branch: second, from: 'main', message: 'b', files: {'src/b.ts': edit('b', 1, 'claude')}, at: minutes(20)});
	return built;
}

async function claimRows(claim: string, branches: [string, string] = ['claude/a', 'claude/b']) {
	repo = await twoBranches(claim, branches);
	const {document} = await collect(repo.root);
	const model = buildDashboardRows(document, {filter: '', sort: 'agent', showMerged: false, now: minutes(600).getTime()});
	return {
		claimBranch: document.agents.find(agent => agent.agent === 'claude')!.claimBranch,
		withClaim: model.rows.filter(row => row.claim !== null).map(row => row.key),
	};
}

describe('claims belong to branches', () => {
	it('a claim naming no branch shows on the branch its files match, and on no other', async () => {
		expect(await claimRows(claimOf(['Currently Working On: parser', 'Files Being Modified: src/a.ts']))).toEqual({claimBranch: 'claude/a', withClaim: ['claude/a']});
	});

	it('a claim naming no branch and matching none shows on the most recently active branch only', async () => {
		expect(await claimRows(claimOf(['Currently Working On: parser']))).toEqual({claimBranch: 'claude/b', withClaim: ['claude/b']});
	});

	it('a module named in a branch name places the claim there', async () => {
		const branches: [string, string] = ['claude/parser-fix', 'claude/docs'];
		expect(await claimRows(claimOf(['Currently Working On: parser', 'Module: lib/parser']), branches)).toEqual({claimBranch: 'claude/parser-fix', withClaim: ['claude/parser-fix']});
	});

	it('a claim naming a branch shows on that branch only', async () => {
		expect(await claimRows(claimOf(['Currently Working On: parser', 'Branch: claude/a']))).toEqual({claimBranch: 'claude/a', withClaim: ['claude/a']});
	});
});

describe('branch prefixes are evidence', () => {
	it('a name in a handoff list is an agent when a branch carries its prefix, and not otherwise', async () => {
		repo = await repoWithBase();
		const handoff = ['# AI Handoff', '', '## Task Ownership', '- Trae: data import', '- Prior handoff: see below', ''].join('\n');
		await repo.commit({branch: 'main', message: 'handoff', files: {'AI_HANDOFF.md': handoff}, at: minutes(1)});
		const before = await collect(repo.root);
		expect(before.document.agents.map(agent => agent.agent)).toEqual([]);

		await repo.commit({branch: 'trae/import', from: 'main', message: 'import', files: {'src/import.ts': 'x\n'}, at: minutes(10)});
		// The same collector: what it parsed before is read again with the new evidence.
		const after = await before.repo.collector.collect(minutes(600).getTime());
		expect(after.agents.map(agent => [agent.agent, agent.claim?.work, agent.claimBranch])).toEqual([['trae', 'data import', 'trae/import']]);
	});
});
