import {describe, expect, it} from 'vitest';
import {checkHygiene, scanAddedLines} from '../../source/core/hygiene.js';
import {judgeReadiness, type ReadinessInput} from '../../source/core/readiness.js';

const clean: ReadinessInput = {merged: false, ahead: 2, behind: 0, mergesCleanly: true, conflictsWithBase: [], conflictsWith: [], hygiene: [], domain: [], claimStatus: 'complete'};

describe('readiness', () => {
	it('is ready when nothing is flagged', () => {
		expect(judgeReadiness(clean).verdict).toBe('ready');
	});

	it('blocks on a conflict with base, naming the files, and keeps the warnings', () => {
		const readiness = judgeReadiness({...clean, mergesCleanly: false, conflictsWithBase: ['a.ts'], behind: 3, baseTouched: ['a.ts']});
		expect(readiness).toEqual({verdict: 'blocked', reasons: ['conflicts with base on 1 file: a.ts', 'base changed 1 file of this branch since it forked: a.ts']});
	});

	it.each<[string, Partial<ReadinessInput>, string]>([
		['a conflict with another agent', {conflictsWith: [{branch: 'codex/x', files: ['a.ts', 'b.ts']}]}, 'conflicts with codex/x on 2 files: a.ts, b.ts'],
		['base changing its files', {behind: 1, baseTouched: ['a.ts']}, 'base changed 1 file of this branch since it forked: a.ts'],
		['being behind past the commit limit', {behind: 51}, '51 commits behind base'],
		['being behind past the day limit', {behind: 3, behindDays: 15.5}, '3 commits behind base (15 days)'],
		['being behind past a configured limit', {behind: 6, behindLimits: {commits: 5, days: 14}}, '6 commits behind base'],
		['a wip commit', {hygiene: [{kind: 'wip-commit', detail: 'abc1234 wip'}]}, 'wip commit: abc1234 wip'],
		['a file outside the paths', {domain: [{kind: 'outside-paths', file: 'x/y.ts'}]}, "1 file outside the agent's paths: x/y.ts"],
		['a file in another claim', {domain: [{kind: 'inside-other-claim', file: 'x/y.ts', agent: 'codex'}]}, 'x/y.ts is claimed by codex'],
		['a checklist filled for an earlier head', {checklist: {freshness: 'out-of-date', head: 'abc', done: 3, total: 17, failed: ['No wip/asdf commits']}}, 'checklist out of date: the branch moved since it was filled'],
		['a TODO without issue (a checklist finding, not a readiness reason)', {hygiene: [{kind: 'todo-without-issue', detail: 'a.ts:1'}], behind: 60}, '60 commits behind base'],
	])('warns on %s, with its evidence', (_name, change, reason) => {
		expect(judgeReadiness({...clean, ...change})).toEqual({verdict: 'warn', reasons: [reason]});
	});
});

describe('verdicts that mean something', () => {
	it('is pending, never a provisional warn or ready, until conflict prediction answered', () => {
		expect(judgeReadiness({...clean, mergesCleanly: null})).toEqual({verdict: 'pending', reasons: ['waiting for conflict prediction']});
		expect(judgeReadiness({...clean, mergesCleanly: null, hygiene: [{kind: 'wip-commit', detail: 'abc1234 wip'}]}).verdict).toBe('pending');
	});

	it('blocks a pending branch on what is already known to block', () => {
		const readiness = judgeReadiness({...clean, mergesCleanly: null, checklist: {freshness: 'current', head: 'abc', done: 17, total: 17, failed: ['Edge cases covered']}});
		expect(readiness.verdict).toBe('blocked');
	});

	it('says merged for a merged branch, not ready', () => {
		expect(judgeReadiness({...clean, merged: true, ahead: 0})).toEqual({verdict: 'merged', reasons: ['already merged into base']});
	});

	it('does not warn for a few commits behind on files base left alone', () => {
		expect(judgeReadiness({...clean, behind: 2, behindDays: 1, baseTouched: []})).toEqual({verdict: 'ready', reasons: ['merges cleanly, nothing flagged']});
		expect(judgeReadiness({...clean, behind: 50}).verdict).toBe('ready');
		expect(judgeReadiness({...clean, behind: 3, behindDays: 14.9}).verdict).toBe('ready');
	});

	it("shows a claim still in progress as the agent's state, not as a merge risk", () => {
		expect(judgeReadiness({...clean, claimStatus: 'in-progress'})).toEqual({
			verdict: 'ready',
			reasons: ['merges cleanly, up to date, nothing flagged'],
			notes: ['agent not done: its claim still says in progress'],
		});
	});
});

describe('readiness and the checklist', () => {
	it('blocks on a failed item of the checklist saved for this head, naming it', () => {
		const readiness = judgeReadiness({...clean, checklist: {freshness: 'current', head: 'abc', done: 17, total: 17, failed: ['Edge cases covered']}});
		expect(readiness).toEqual({verdict: 'blocked', reasons: ['checklist: 1 item failed: Edge cases covered']});
	});

	it('stays ready with a checklist that passed', () => {
		expect(judgeReadiness({...clean, checklist: {freshness: 'current', head: 'abc', done: 12, total: 17, failed: []}}).verdict).toBe('ready');
	});
});

describe('readiness of a branch reverted on base', () => {
	const reason = 'reverted on base by 0123456789ab: merging it again needs that revert reverted first, or its earlier commits stay out (switchyard integrate offers to)';
	it('is blocked even when git counts it merged, naming the revert first', () => {
		expect(judgeReadiness({...clean, merged: true, ahead: 0, revertedOnBase: {revert: '0123456789abcdef'}})).toEqual({verdict: 'blocked', reasons: [reason]});
	});

	it('keeps the other reasons of a branch with newer commits', () => {
		expect(judgeReadiness({...clean, conflictsWith: [{branch: 'codex/y', files: ['src/a.ts']}], revertedOnBase: {revert: '0123456789abcdef'}})).toMatchObject({verdict: 'blocked', reasons: [reason, expect.stringContaining('codex/y')]});
	});
});

describe('hygiene', () => {
	it('finds wip subjects, .env files, conflict markers, console.log and secrets, each with evidence', () => {
		const issues = checkHygiene({
			commits: [
				{sha: 'a'.repeat(40), subject: 'WIP'},
				{sha: 'b'.repeat(40), subject: 'fixup! add login'},
				{sha: 'c'.repeat(40), subject: 'asdf'},
				{sha: 'd'.repeat(40), subject: 'feat: wipe stale sessions'},
			],
			files: ['.env', 'config/.env.production', '.env.example'],
			lineIssues: scanAddedLines([
				{file: 'src/a.ts', line: 3, text: '<<<<<<< HEAD'},
				{file: 'src/a.ts', line: 9, text: '  console.log(user)'},
				{file: 'notes.md', line: 1, text: 'call console.log( in docs'},
				{file: 'src/keys.ts', line: 2, text: "const key = 'AKIAABCDEFGHIJKLMNOP';"},
			]),
			binaries: [{file: 'assets/video.mp4', size: 5 * 1024 * 1024}, {file: 'icon.png', size: 2000}],
		});
		expect(issues).toEqual([
			{kind: 'wip-commit', detail: 'aaaaaaa WIP'},
			{kind: 'wip-commit', detail: 'bbbbbbb fixup! add login'},
			{kind: 'wip-commit', detail: 'ccccccc asdf'},
			{kind: 'env-file', detail: '.env'},
			{kind: 'env-file', detail: 'config/.env.production'},
			{kind: 'large-binary', detail: 'assets/video.mp4 (5.0 MB)'},
			{kind: 'conflict-marker', detail: 'src/a.ts:3'},
			{kind: 'console-log', detail: 'src/a.ts:9'},
			{kind: 'secret', detail: 'src/keys.ts:2 (AWS access key)'},
		]);
	});
});

describe('the added lines’ quick test, on lowercased text', () => {
	it('still lets through every piece written in any case', () => {
		const token = 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0';
		const lines = [
			'-----BEGIN RSA PRIVATE KEY-----',
			`const t = 'ghp_${token}';`,
			`const s = 'sk-${token}';`,
			`const x = 'xoxb-${token}';`,
			'PASSWORD = "hunter2hunter2"',
			'Api_Key: "abcdefgh12345"',
			'ACCESS_TOKEN = "abcdefgh12345"',
			'// TODO make it faster',
			'// FIXME: this too',
		].map((text, index) => ({file: 'src/a.ts', line: index + 1, text}));
		expect(scanAddedLines(lines).map(issue => issue.detail.split(' ')[0])).toEqual(expect.arrayContaining(lines.map(line => `src/a.ts:${line.line}`)));
	});
});
