import {describe, expect, test} from 'vitest';
import type {StatusDocument} from '../../source/core/snapshot.js';
import {diffSnapshots, watchEventJson} from '../../source/core/watch-events.js';
import {afternoonSnapshot, fakeSha, makeBranch, makeClaim, testNow} from '../ui/factory.js';

function changed(edit: (snapshot: StatusDocument) => void): StatusDocument {
	const next = structuredClone(afternoonSnapshot());
	edit(next);
	return next;
}

const branch = (snapshot: StatusDocument, name: string) => snapshot.branches.find(each => each.name === name)!;
const agent = (snapshot: StatusDocument, key: string) => snapshot.agents.find(each => each.agent === key)!;

describe('diffSnapshots', () => {
	test('the first snapshot and an unchanged one give no events', () => {
		expect(diffSnapshots(null, afternoonSnapshot(), testNow)).toEqual([]);
		expect(diffSnapshots(afternoonSnapshot(), afternoonSnapshot(), testNow)).toEqual([]);
	});

	test('new commits on a branch', () => {
		const next = changed(snapshot => {
			const codex = branch(snapshot, 'codex/tracking-fix');
			codex.sha = fakeSha('codex-new');
			codex.commits.unshift({sha: fakeSha('codex-new'), subject: 'Debounce tracking \u001B[2Jevents', at: new Date(testNow).toISOString()});
		});
		const events = diffSnapshots(afternoonSnapshot(), next, testNow);
		expect(events).toEqual([{
			at: testNow,
			kind: 'branch-moved',
			agent: 'codex',
			message: 'codex/tracking-fix: 1 new commit, "Debounce tracking ␛[2Jevents"',
			detail: {
				branch: 'codex/tracking-fix',
				from: branch(afternoonSnapshot(), 'codex/tracking-fix').sha,
				to: fakeSha('codex-new'),
				ahead: branch(next, 'codex/tracking-fix').ahead,
				behind: branch(next, 'codex/tracking-fix').behind,
				newCommits: [{sha: fakeSha('codex-new'), subject: 'Debounce tracking \u001B[2Jevents'}],
			},
		}]);
	});

	test('a new branch appears', () => {
		const next = changed(snapshot => {
			snapshot.branches.push(makeBranch('cursor/search-index'));
		});
		expect(diffSnapshots(afternoonSnapshot(), next, testNow).map(event => event.kind)).toEqual(['branch-created']);
	});

	test('a claim taken and a claim released', () => {
		const taken = changed(snapshot => {
			snapshot.agents.push({agent: 'devin', branches: [], claim: makeClaim('devin', {work: 'Payments'}), claimBranch: null, lastCommitAt: null, flags: []});
		});
		expect(diffSnapshots(afternoonSnapshot(), taken, testNow)).toMatchObject([{kind: 'claim-made', agent: 'devin', message: 'devin claimed Payments', detail: {work: 'Payments'}}]);

		const released = changed(snapshot => {
			agent(snapshot, 'codex').claim!.status = 'complete';
		});
		expect(diffSnapshots(afternoonSnapshot(), released, testNow)).toMatchObject([{kind: 'claim-released', agent: 'codex', message: 'codex released Fix tracking events (complete)', detail: {status: 'complete'}}]);
	});

	test('a check-in going stale', () => {
		const next = changed(snapshot => {
			agent(snapshot, 'claude').claim!.staleness = 'stale';
		});
		expect(diffSnapshots(afternoonSnapshot(), next, testNow)).toMatchObject([{kind: 'claim-stale', agent: 'claude'}]);
	});

	test('a new conflict is reported once per pair', () => {
		const next = changed(snapshot => {
			branch(snapshot, 'codex/tracking-fix').conflictsWith.push({branch: 'gemini/ui-refresh', files: ['a.ts', 'b.ts']});
			branch(snapshot, 'gemini/ui-refresh').conflictsWith.push({branch: 'codex/tracking-fix', files: ['a.ts', 'b.ts']});
		});
		expect(diffSnapshots(afternoonSnapshot(), next, testNow)).toMatchObject([
			{kind: 'conflict-appeared', message: 'codex/tracking-fix now conflicts with gemini/ui-refresh on 2 files', detail: {branch: 'codex/tracking-fix', with: 'gemini/ui-refresh', files: ['a.ts', 'b.ts']}},
		]);
	});

	test('conflicts found by the first prediction are not news', () => {
		const before = changed(snapshot => {
			const codex = branch(snapshot, 'codex/tracking-fix');
			codex.mergesCleanly = null;
			codex.conflictsWith = [];
		});
		expect(diffSnapshots(before, afternoonSnapshot(), testNow)).toEqual([]);
	});

	test('a new conflict with base', () => {
		const next = changed(snapshot => {
			branch(snapshot, 'codex/tracking-fix').conflictsWithBase = ['backend/src/main.ts'];
		});
		expect(diffSnapshots(afternoonSnapshot(), next, testNow)).toMatchObject([{kind: 'conflict-appeared', message: 'codex/tracking-fix now conflicts with base on 1 file', detail: {with: null}}]);
	});

	test('a merge on base', () => {
		const next = changed(snapshot => {
			snapshot.base.sha = fakeSha('main-after-merge');
			const claude = branch(snapshot, 'claude/training-improvements');
			claude.merged = true;
			claude.ahead = 0;
		});
		expect(diffSnapshots(afternoonSnapshot(), next, testNow).map(event => event.kind)).toEqual(['base-moved', 'branch-merged']);
	});

	test('a deleted branch, a resolved conflict and a readiness change', () => {
		const before = changed(snapshot => {
			branch(snapshot, 'codex/tracking-fix').conflictsWithBase = ['backend/src/main.ts'];
			branch(snapshot, 'codex/tracking-fix').readiness = {verdict: 'blocked', reasons: ['conflicts with base']};
		});
		const next = changed(snapshot => {
			snapshot.branches = snapshot.branches.filter(each => each.name !== 'gemini/ui-refresh');
			branch(snapshot, 'codex/tracking-fix').readiness = {verdict: 'ready', reasons: []};
		});
		const events = diffSnapshots(before, next, testNow).filter(event => event.kind.startsWith('branch') || event.kind.startsWith('conflict') || event.kind.startsWith('readiness'));
		expect(events).toMatchObject([
			{kind: 'conflict-resolved', message: 'codex/tracking-fix no longer conflicts with base', detail: {with: null, files: ['backend/src/main.ts']}},
			{kind: 'readiness-changed', message: 'codex/tracking-fix is now ready', detail: {from: 'blocked', to: 'ready'}},
			{kind: 'branch-deleted', message: 'gemini/ui-refresh deleted', detail: {branch: 'gemini/ui-refresh'}},
		]);
	});

	test('a check-in, and a claim going idle', () => {
		const before = changed(snapshot => {
			agent(snapshot, 'claude').claim!.staleness = 'active';
		});
		const checkedIn = changed(snapshot => {
			agent(snapshot, 'claude').claim!.staleness = 'active';
			agent(snapshot, 'claude').claim!.lastCheckin = new Date(testNow).toISOString();
		});
		expect(diffSnapshots(before, checkedIn, testNow)).toMatchObject([{kind: 'claim-checkin', agent: 'claude', detail: {lastCheckin: new Date(testNow).toISOString()}}]);
		const idle = changed(snapshot => {
			agent(snapshot, 'claude').claim!.staleness = 'idle';
		});
		expect(diffSnapshots(before, idle, testNow)).toMatchObject([{kind: 'claim-idle', agent: 'claude', message: "claude's check-in went idle"}]);
	});

	test('a JSON line carries the time, the kind and the fields', () => {
		const [event] = diffSnapshots(afternoonSnapshot(), changed(snapshot => {
			snapshot.branches.push(makeBranch('cursor/search-index'));
		}), testNow);
		expect(JSON.parse(watchEventJson(event!))).toMatchObject({time: new Date(testNow).toISOString(), event: 'branch-created', branch: 'cursor/search-index', message: expect.stringContaining('new branch cursor/search-index')});
	});
});
