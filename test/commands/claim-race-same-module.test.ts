/**
 * Two real processes claiming the same module at the same moment: one wins, and the
 * other, which waited for the lock and read the winner's claim, is refused naming it.
 */
import {execFile} from 'node:child_process';
import {readFile, rm, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {makeAgentResolver} from '../../source/core/agents.js';
import {parseCoordinationFile} from '../../source/core/claims/index.js';
import {createRepo, type TestRepo} from './git-repo.js';
import {transpileForChild} from './transpile-for-child.js';

let repo: TestRepo;
let child: {folder: string; script: string};

beforeAll(async () => {
	repo = await createRepo();
	const {folder, entry} = await transpileForChild('source/commands/claim.ts');
	const script = path.join(folder, 'claim.mjs');
	await writeFile(
		script,
		[
			`import {runAgentCommand} from ${JSON.stringify(entry)};`,
			'const [kind, agent, cwd, now] = process.argv.slice(2);',
			"const options = kind === 'claim' ? {agent, work: `${agent} takes Tracking`, module: 'TrackingModule', commit: false, override: false} : {agent, commit: false, override: false};",
			'process.exitCode = await runAgentCommand(kind, options, {cwd, env: {}, now: () => new Date(now), stdout: process.stdout, stderr: process.stderr});',
		].join('\n'),
	);
	child = {folder, script};
});

afterAll(async () => {
	await repo?.remove();
	await rm(child.folder, {recursive: true, force: true});
});

function command(kind: string, agent: string, now: string): Promise<{code: number; stderr: string}> {
	return new Promise(resolve => {
		execFile(process.execPath, [child.script, kind, agent, repo.root, now], (error, _stdout, stderr) => {
			resolve({code: error ? Number(error.code ?? 99) : 0, stderr});
		});
	});
}

const displayNames: Record<string, string> = {codex: 'Codex', gemini: 'Gemini'};

describe('racing claims of one module', () => {
	it('let one win and refuse the other, naming the winner', async () => {
		for (let round = 1; round <= 3; round++) {
			const now = `2026-01-05T1${round}:00:00Z`;
			const results = await Promise.all(['codex', 'gemini'].map(agent => command('claim', agent, now)));
			expect(results.map(result => result.code).sort()).toEqual([0, 1]);
			const text = await readFile(path.join(repo.root, 'AI_CURRENT_WORK.md'), 'utf8');
			const holders = parseCoordinationFile('AI_CURRENT_WORK.md', text, {file: 'AI_CURRENT_WORK.md', ref: 'worktree', resolveAgent: makeAgentResolver()})
				.claims.filter(claim => claim.module === 'TrackingModule' && claim.status === 'in-progress');
			expect(holders).toHaveLength(1);
			const winner = holders[0]!.agent;
			const loser = results[['codex', 'gemini'].indexOf(winner) === 0 ? 1 : 0]!;
			expect(loser.stderr).toMatch(new RegExp(`^switchyard claim: TrackingModule is held by ${displayNames[winner]} \\(checked in just now; AI_CURRENT_WORK\\.md line \\d+ in the working tree\\); wait for a release`));
			expect((await command('release', winner, now)).code).toBe(0);
		}
	});
});
