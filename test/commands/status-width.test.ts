/**
 * `status` fits the terminal (issue 17 part 3): on a terminal of 80 or 120 columns no
 * line is wider than the terminal and no cell breaks across lines; piped, lines keep
 * their natural length. Run on the demo repository through `runStatus`.
 */
import {Writable} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildDemoRepo, type DemoRepo} from '../../fixtures/demo-repo.js';
import {runStatus} from '../../source/commands/status.js';
import {displayWidth} from '../../source/core/fit-text.js';

const now = new Date(Date.UTC(2026, 3, 25, 12, 0, 0));
let demo: DemoRepo;

beforeAll(async () => {
	demo = await buildDemoRepo({now});
	process.env['SWITCHYARD_NOW'] = now.toISOString();
});

afterAll(async () => {
	delete process.env['SWITCHYARD_NOW'];
	await demo?.cleanup();
});

async function statusOn(terminal: {isTTY: boolean; columns?: number}): Promise<string> {
	let text = '';
	const stdout = Object.assign(new Writable({
		write(chunk: Buffer, _encoding, done) {
			text += chunk.toString();
			done();
		},
	}), terminal);
	expect(await runStatus({directory: demo.root, json: false, all: false, color: false}, stdout)).toBe(0);
	return text;
}

describe('status fits the terminal', () => {
	it.each([80, 120])('at %i columns no line is wider, and each branch row is whole', async columns => {
		const text = await statusOn({isTTY: true, columns});
		const lines = text.trimEnd().split('\n');
		expect(lines.filter(line => displayWidth(line) > columns)).toEqual([]);
		// Every unmerged demo branch has its row: starting with its name (or its cut), ending in its verdict.
		const rows = lines.filter(line => /^[a-z]+\/\S*\s.*\s(ready|warn|blocked|pending)$/.test(line));
		expect(rows).toHaveLength(8);
		// The conflicts column is a count; the branch it conflicts with is named on a reason line below.
		const [left, right] = demo.facts.conflictingPair.branches;
		const row = rows.find(line => line.startsWith(left.slice(0, 10)))!;
		expect(row).toMatch(/\s1\s+warn$/);
		expect(row).not.toContain(right);
		expect(text).toContain(`conflicts with ${right}`);
	});

	it('fits 80 columns by the short location words, then by cutting branch names', async () => {
		const text = await statusOn({isTTY: true, columns: 80});
		expect(text).toMatch(/^claude\/training-\S*…\s+claude\s+\+3 -0\s+both, differ\s+none\s+ready$/m);
		expect(text).not.toContain('local+remote (local +1');
		const wide = await statusOn({isTTY: true, columns: 120});
		expect(wide).toMatch(/^claude\/training-improvements\s+claude\s+\+3 -0\s+local\+remote \(local \+1, remote \+0\)\s+none\s+ready$/m);
	});

	it('says under each agent what it built and the conflicts its open branches cause', async () => {
		const text = await statusOn({isTTY: false});
		const agents = text.split('AGENTS')[1]!;
		const section = (agent: string) => agents.split(/\n(?=\S)/).find(block => block.startsWith(`${agent} `)) ?? '';
		// copilot/login-form was merged with a merge commit; copilot/workout-tracking conflicts with codex/tracking-fix.
		expect(section('copilot')).toMatch(/built: 1 merged in 30 days \(\d+ commits?, \+\d+ -\d+ lines\), 1 in all · open conflicts: 0 with base, 1 with branches/);
		expect(section(demo.facts.conflictsWithBase.branch.split('/')[0]!)).toContain('open conflicts: 1 with base, 0 with branches');
	});

		it('keeps natural line lengths when piped, one line per row and per reason', async () => {
		const text = await statusOn({isTTY: false});
		expect(text).toContain('local+remote (local +1, remote +0)');
		const lines = text.split('\n');
		expect(Math.max(...lines.map(line => displayWidth(line)))).toBeGreaterThan(80);
		const reason = lines.filter(line => line.includes('conflicts with base on 1 file'));
		expect(reason).toEqual([`    · conflicts with base on 1 file: ${demo.facts.conflictsWithBase.file}`]);
	});
});
