/**
 * Coordination files are merges too (docs/design.md §6.1 step 3): two agents that update
 * `AI_CURRENT_WORK.md` in the same commit as their code make the merge of their branches
 * conflict on it, and the dashboard says so — and whether it merges section by section.
 */
import {execFileSync} from 'node:child_process';
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {collect, edit, minutes, repoWithBase} from './test-repos.js';

let repo: RepoBuilder;
afterEach(async () => repo?.cleanup());

const header = ['# AI Current Work', '', '## Available Modules for Work', '- ✅ auth', '- ✅ billing', ''];
const section = (agent: string, work: string) => [`## ${agent} Status`, `**Currently Working On:** ${work}`, '**Last Checkin:** 2026-01-05 09:00', ''];
const file = (...parts: string[][]) => parts.flat().join('\n') + '\n';

async function baseWithCurrentWork(): Promise<RepoBuilder> {
	const built = await repoWithBase();
	await built.commit({branch: 'main', message: 'coordination rules', files: {'AI_CURRENT_WORK.md': file(header)}, at: minutes(1)});
	return built;
}

/** What plain git says about merging the two branches (the oracle). */
function gitMerge(root: string, ours: string, theirs: string): {clean: boolean; files: string[]} {
	try {
		execFileSync('git', ['merge-tree', '--write-tree', '--name-only', '--no-messages', ours, theirs], {cwd: root, encoding: 'utf8'});
		return {clean: true, files: []};
	} catch (error) {
		const lines = String((error as {stdout: string}).stdout).split('\n').filter(Boolean);
		return {clean: false, files: lines.slice(1)};
	}
}

describe('conflicts in coordination files', () => {
	it('reports a conflict confined to each agent\'s own section as section by section mergeable (a warn)', async () => {
		repo = await baseWithCurrentWork();
		// Each agent adds its own section at the end, in the same commit as its code (different files).
		await repo.commit({branch: 'claude/auth', from: 'main', message: 'auth + claim', files: {'src/a.ts': edit('a', 3, 'claude'), 'AI_CURRENT_WORK.md': file(header, section('Claude', 'auth'))}, at: minutes(10)});
		await repo.commit({branch: 'codex/billing', from: 'main', message: 'billing + claim', files: {'src/b.ts': edit('b', 3, 'codex'), 'AI_CURRENT_WORK.md': file(header, section('Codex', 'billing'))}, at: minutes(11)});
		expect(gitMerge(repo.root, 'claude/auth', 'codex/billing')).toEqual({clean: false, files: ['AI_CURRENT_WORK.md']});

		const {document} = await collect(repo.root);
		const claude = document.branches.find(branch => branch.name === 'claude/auth')!;
		const codex = document.branches.find(branch => branch.name === 'codex/billing')!;
		expect(claude.conflictsWith).toEqual([{branch: 'codex/billing', files: ['AI_CURRENT_WORK.md'], coordinationOnly: {sectionMergeable: true, reason: expect.stringContaining('own agent\'s section')}}]);
		expect(codex.conflictsWith[0]).toMatchObject({branch: 'claude/auth', coordinationOnly: {sectionMergeable: true}});
		expect(claude.readiness.verdict).toBe('warn');
		expect(claude.readiness.reasons).toContain('coordination file conflict with codex/billing on AI_CURRENT_WORK.md, section by section mergeable');
	});

	it('says not mergeable section by section when a side changed a shared section too', async () => {
		repo = await baseWithCurrentWork();
		const claimed = (agent: string) => header.map(line => (line === '- ✅ auth' ? `- 🔴 auth CLAIMED BY ${agent}` : line));
		await repo.commit({branch: 'claude/auth', from: 'main', message: 'auth + claim', files: {'src/a.ts': edit('a', 3, 'claude'), 'AI_CURRENT_WORK.md': file(claimed('Claude'), section('Claude', 'auth'))}, at: minutes(10)});
		await repo.commit({branch: 'codex/auth', from: 'main', message: 'auth too + claim', files: {'src/b.ts': edit('b', 3, 'codex'), 'AI_CURRENT_WORK.md': file(claimed('Codex'), section('Codex', 'auth'))}, at: minutes(11)});
		expect(gitMerge(repo.root, 'claude/auth', 'codex/auth').clean).toBe(false);

		const {document} = await collect(repo.root);
		const claude = document.branches.find(branch => branch.name === 'claude/auth')!;
		expect(claude.conflictsWith).toHaveLength(1);
		expect(claude.conflictsWith[0]!.coordinationOnly).toEqual({sectionMergeable: false, reason: expect.stringContaining('Available Modules for Work')});
		expect(claude.readiness.verdict).toBe('warn');
		expect(claude.readiness.reasons.join('\n')).toContain('coordination file conflict with codex/auth on AI_CURRENT_WORK.md, not section by section');
	});

	it('keeps a conflict in code and the coordination file an ordinary conflict, and a clean pair clean', async () => {
		repo = await baseWithCurrentWork();
		await repo.commit({branch: 'claude/a', from: 'main', message: 'a', files: {'src/a.ts': edit('a', 3, 'claude'), 'AI_CURRENT_WORK.md': file(header, section('Claude', 'a'))}, at: minutes(10)});
		await repo.commit({branch: 'codex/a', from: 'main', message: 'a', files: {'src/a.ts': edit('a', 3, 'codex'), 'AI_CURRENT_WORK.md': file(header, section('Codex', 'a'))}, at: minutes(11)});
		// Changes the coordination file far from the others' edits: git merges it cleanly with both.
		await repo.commit({branch: 'gemini/top', from: 'main', message: 'top', files: {'AI_CURRENT_WORK.md': file(['# AI Current Work (gemini edited the title)'], header.slice(1))}, at: minutes(12)});

		const {document, repo: opened} = await collect(repo.root);
		const row = (name: string) => document.branches.find(branch => branch.name === name)!;
		expect(row('claude/a').conflictsWith).toEqual([{branch: 'codex/a', files: ['AI_CURRENT_WORK.md', 'src/a.ts']}]);
		expect(row('gemini/top').conflictsWith).toEqual([]);
		expect(gitMerge(repo.root, 'gemini/top', 'claude/a').clean).toBe(true);
		// Three pairs share the coordination file: all three were asked (one also shares code).
		expect(opened.collector.stats.candidatePairs).toBe(3);
	});
});
