/**
 * Two real processes running `checkin` on one file at the same moment: each either
 * succeeds or is refused with a clear line, no check-in that reported success is
 * lost, and the file is never corrupt.
 */
import {execFile} from 'node:child_process';
import {readFile, rm, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runAgentCommand} from '../../source/commands/claim.js';
import {makeAgentResolver} from '../../source/core/agents.js';
import {parseCoordinationFile} from '../../source/core/claims/index.js';
import {createRepo, type TestRepo} from './git-repo.js';
import {transpileForChild} from './transpile-for-child.js';

let repo: TestRepo;
let child: {folder: string; script: string};

beforeAll(async () => {
	repo = await createRepo();
	const {folder, entry} = await transpileForChild('source/commands/claim.ts');
	const script = path.join(folder, 'checkin.mjs');
	await writeFile(
		script,
		[
			`import {runAgentCommand} from ${JSON.stringify(entry)};`,
			'const [agent, cwd, now] = process.argv.slice(2);',
			"process.exitCode = await runAgentCommand('checkin', {agent, commit: false, override: false}, {cwd, env: {}, now: () => new Date(now), stdout: process.stdout, stderr: process.stderr});",
		].join('\n'),
	);
	child = {folder, script};
	const quiet = {write: () => true};
	for (const agent of ['codex', 'claude']) {
		await runAgentCommand('claim', {agent, work: `${agent} work`, module: `${agent}Module`, commit: false, override: false}, {
			cwd: repo.root,
			env: {},
			now: () => new Date('2026-01-05T10:00:00Z'),
			stdout: quiet,
			stderr: quiet,
		});
	}
});

afterAll(async () => {
	await repo?.remove();
	await rm(child.folder, {recursive: true, force: true});
});

function checkin(agent: string, now: string): Promise<{code: number; stderr: string}> {
	return new Promise(resolve => {
		execFile(process.execPath, [child.script, agent, repo.root, now], (error, _stdout, stderr) => {
			resolve({code: error ? Number(error.code ?? 99) : 0, stderr});
		});
	});
}

describe('racing checkins', () => {
	it('never corrupt the file and never lose a check-in that succeeded', async () => {
		for (let round = 1; round <= 6; round++) {
			const minute = String(round).padStart(2, '0');
			// Rounds alternate between two agents and one agent checking in twice.
			const racers = round % 2 === 0 ? ['codex', 'claude'] : ['codex', 'codex'];
			const times = racers.map((_, index) => `2026-01-05T10:${minute}:0${index + 1}Z`);
			const results = await Promise.all(racers.map((agent, index) => checkin(agent, times[index]!)));
			const text = await readFile(path.join(repo.root, 'AI_CURRENT_WORK.md'), 'utf8');
			const written = (index: number) => text.includes(`**Last Checkin:** ${times[index]!.replace('Z', '+00:00')}`);
			for (const [index, result] of results.entries()) {
				if (result.code === 0) {
					// One agent twice: the later write wins, so either successful time may remain.
					expect(racers[0] === racers[1] ? results.some((other, at) => other.code === 0 && written(at)) : written(index)).toBe(true);
				} else {
					expect(result.code).toBe(1);
					expect(result.stderr).toMatch(/^switchyard checkin: AI_CURRENT_WORK\.md (changed on disk|is being updated)/);
				}
			}

			const {claims} = parseCoordinationFile('AI_CURRENT_WORK.md', text, {file: 'AI_CURRENT_WORK.md', ref: 'worktree', resolveAgent: makeAgentResolver()});
			expect(claims.map(claim => [claim.agent, claim.work, claim.module])).toEqual([
				['codex', 'codex work', 'codexModule'],
				['claude', 'claude work', 'claudeModule'],
			]);
			expect(text.match(/^## /gm)).toHaveLength(5);
		}

		expect(repo.git(['status', '--porcelain'])).toBe('?? AI_CURRENT_WORK.md\n');
	});
});
