/**
 * DESIGN §7.4 for the section-by-section merge of a coordination file: an integration
 * whose second merge is resolved by the flow itself (AI_CURRENT_WORK.md, each agent in
 * its own section), killed right after each journal step, is rolled back to the refs it
 * started from or resumed to the same main as an uninterrupted run.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {runCli, runCliAsync} from '../cli/run-cli.js';
import {edit, minutes} from '../git/test-repos.js';
import {integrationRepo} from './integration-repos.js';
import {journal, KillLab, twoAtATime} from './kill-points.js';

const header = ['# AI Current Work', '', '## Available Modules for Work', '- ✅ auth', ''];
const section = (agent: string, work: string) => [`## ${agent} Status`, `**Currently Working On:** ${work}`, ''];
const file = (...parts: string[][]) => parts.flat().join('\n') + '\n';
const args = ['integrate', 'claude/auth', 'codex/billing', '--order', 'given', '--verify', 'test -f src/a.ts', '--yes'];

let lab: KillLab;
let steps: Array<{step: number; type: string}> = [];
let finishedTree: string;

beforeAll(async () => {
	const template = await integrationRepo();
	await template.commit({branch: 'main', message: 'coordination rules', files: {'AI_CURRENT_WORK.md': file(header)}, at: minutes(1)});
	await template.commit({branch: 'claude/auth', from: 'main', message: 'auth', files: {'src/a.ts': edit('a', 3, 'claude'), 'AI_CURRENT_WORK.md': file(header, section('Claude', 'auth'))}, at: minutes(10)});
	await template.commit({branch: 'codex/billing', from: 'main', message: 'billing', files: {'src/b.ts': edit('b', 3, 'codex'), 'AI_CURRENT_WORK.md': file(header, section('Codex', 'billing'))}, at: minutes(11)});
	lab = await KillLab.open(template, 'kill-sections');
	const full = await lab.copy();
	const result = runCli([...args, '-C', full.root]);
	expect(result.stdout).toContain('codex/billing: merged AI_CURRENT_WORK.md section by section');
	finishedTree = (await full.git(['rev-parse', 'main^{tree}'])).trim();
	steps = (await journal(full)).flatMap(record => (record.kind === 'effect' ? [{step: record.step, type: record.effect.type}] : []));
});

afterAll(async () => {
	await lab?.close();
});

async function killedAt(step: number): Promise<RepoBuilder> {
	const repo = await lab.copy();
	const result = await runCliAsync([...args, '-C', repo.root], {env: {SWITCHYARD_FAILPOINT: `integration:${step}`}});
	expect(result.signal ?? result.status).toBe('SIGKILL');
	return repo;
}

describe('an integration with a section-by-section merge, killed after every journal step', () => {
	it('journals the section merge as the second merge', () => {
		expect(steps.map(step => step.type)).toEqual(['add-worktree', 'merge', 'merge', 'verify', 'ask', 'backup-ref', 'update-ref', 'remove-worktree', 'delete-branch']);
	});

	it('is rolled back to the refs it started from, or resumed to the same main, every time', async () => {
		await twoAtATime(steps, async ({step, type}) => {
			const rolled = await killedAt(step);
			await lab.expectRolledBack(rolled, {step, type});

			const resumed = await killedAt(step);
			const resume = await runCliAsync(['resume', '--yes', '-C', resumed.root]);
			expect(resume.status, `step ${step} (${type}): ${resume.stderr}`).toBe(0);
			expect((await resumed.git(['rev-parse', 'main^{tree}'])).trim(), `step ${step} (${type})`).toBe(finishedTree);
			await lab.expectUserUntouched(resumed, `step ${step}`);
		});
	});
});
