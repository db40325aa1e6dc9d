/**
 * `switchyard status --json` on the demo repository: the built binary, checked
 * against the documented schema and against what the demo was built to contain.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {Ajv} from 'ajv';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildDemoRepo, type DemoRepo} from '../../fixtures/demo-repo.js';
import type {BranchRow, StatusDocument} from '../../source/core/snapshot.js';
import {runCli} from '../cli/run-cli.js';

const schemaPath = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'schema', 'status-v1.schema.json');
const now = new Date(Date.UTC(2026, 3, 25, 12, 0, 0));
let demo: DemoRepo;
let document: StatusDocument;
let json: unknown;

beforeAll(async () => {
	demo = await buildDemoRepo({now});
	const result = runCli(['status', '--json', '-C', demo.root], {env: {SWITCHYARD_NOW: now.toISOString()}});
	expect(result.stderr).toBe('');
	expect(result.status).toBe(0);
	json = JSON.parse(result.stdout);
	document = json as StatusDocument;
});

afterAll(async () => demo?.cleanup());

const branch = (name: string): BranchRow => {
	const row = document.branches.find(candidate => candidate.name === name);
	if (!row) {
		throw new Error(`no row for ${name}`);
	}

	return row;
};

describe('status --json on the demo repository', () => {
	it('matches the documented schema, version 1', () => {
		const validate = new Ajv({allErrors: true, strict: false, validateFormats: false}).compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
		expect(validate(json), JSON.stringify(validate.errors, null, 2)).toBe(true);
		for (const row of document.branches) {
			expect(Number.isNaN(Date.parse(row.lastCommitAt))).toBe(false);
		}
	});

	it('lists every local and remote branch once, base excluded', () => {
		const expected = new Set([...demo.facts.localBranches, ...demo.facts.remoteBranches].filter(name => name !== 'main'));
		expect(document.branches.map(row => row.name).sort()).toEqual([...expected].sort());
		expect(branch(demo.facts.remoteOnly)).toMatchObject({local: false, remote: `origin/${demo.facts.remoteOnly}`});
		expect(branch(demo.facts.localAheadOfRemote.branch).remoteDiff).toEqual({localAhead: demo.facts.localAheadOfRemote.ahead, remoteAhead: 0});
		expect(branch(demo.facts.mergedIntoBase).merged).toBe(true);
		expect(branch(demo.facts.sharedBranch).agent).toBe('shared');
	});

	it('predicts the conflicts the demo was built with, and no others', () => {
		const [left, right] = demo.facts.conflictingPair.branches;
		expect(branch(left).conflictsWith).toEqual([{branch: right, files: [demo.facts.conflictingPair.file]}]);
		expect(branch(right).conflictsWith).toEqual([{branch: left, files: [demo.facts.conflictingPair.file]}]);
		const [sameA, sameB] = demo.facts.sameFileNoConflict.branches;
		expect(branch(sameA).files).toContain(demo.facts.sameFileNoConflict.file);
		expect(branch(sameB).files).toContain(demo.facts.sameFileNoConflict.file);
		expect(branch(sameB).conflictsWith).toEqual([]);
		const withBase = branch(demo.facts.conflictsWithBase.branch);
		expect(withBase.conflictsWithBase).toEqual([demo.facts.conflictsWithBase.file]);
		expect(withBase.readiness.verdict).toBe('blocked');
		const conflicted = new Set<string>([left, right, demo.facts.conflictsWithBase.branch]);
		for (const row of document.branches.filter(candidate => !candidate.merged && !conflicted.has(candidate.name))) {
			expect(row.mergesCleanly, row.name).toBe(true);
			expect(row.conflictsWith, row.name).toEqual([]);
		}
	});

	it('shows ready, warn, blocked and merged, each warn reason a merge risk', () => {
		for (const [verdict, name] of Object.entries(demo.facts.verdicts)) {
			expect(branch(name).readiness.verdict, name).toBe(verdict);
		}

		// A couple of commits behind on files base left alone is no risk; an unfinished claim is the agent's state.
		const ready = branch(demo.facts.readyBranch);
		expect(ready.readiness.notes).toEqual(['agent not done: its claim still says in progress']);
		expect(branch(demo.facts.remoteOnly)).toMatchObject({behind: 2, readiness: {verdict: 'ready'}});
		for (const row of document.branches) {
			expect(row.readiness.reasons.join('\n'), row.name).not.toMatch(/still says in progress|\b2 commits behind base/);
			expect(row.readiness.verdict, row.name).not.toBe('pending');
		}
	});

	it('flags the wip commit and the files outside the agent paths, with evidence', () => {
		expect(branch(demo.facts.wipCommit.branch).hygiene).toContainEqual(expect.objectContaining({kind: 'wip-commit', detail: expect.stringContaining(demo.facts.wipCommit.subject)}));
		const outside = branch(demo.facts.outsideDeclaredPaths.branch);
		expect(outside.domain.filter(issue => issue.kind === 'outside-paths').map(issue => issue.file)).toEqual([...demo.facts.outsideDeclaredPaths.files]);
		expect(outside.readiness.reasons.join('\n')).toContain("outside the agent's paths: components/Nav.tsx");
	});

	it("gives each agent its freshest check-in, its staleness and where it was read", () => {
		for (const [agent, expected] of Object.entries(demo.checkins)) {
			const row = document.agents.find(candidate => candidate.agent === agent);
			expect(row?.claim, agent).toBeTruthy();
			expect(row!.claim!.staleness, agent).toBe(expected.staleness);
			if (expected.lastCheckin) {
				expect(row!.claim!.lastCheckin, agent).toBe(expected.lastCheckin.toISOString());
			}

			if (expected.source) {
				expect(row!.claim!.source.file, agent).toBe(expected.source.file);
			}
		}

		// Claude's copy committed on its branch is fresher than main's and wins.
		expect(document.agents.find(agent => agent.agent === 'claude')!.claim!.source.ref).toBe(demo.facts.claimOnBranch.branch);
	});
});
