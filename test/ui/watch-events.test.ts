import {describe, expect, test} from 'vitest';
import type {StatusDocument} from '../../source/core/snapshot.js';
import {diffSnapshots} from '../../source/ui/state/watch-events.js';
import {afternoonSnapshot, fakeSha, makeBranch, makeClaim, testNow} from './factory.js';

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
			kind: 'commits',
			agent: 'codex',
			message: 'codex/tracking-fix: 1 new commit, "Debounce tracking ␛[2Jevents"',
		}]);
	});

	test('a new branch appears', () => {
		const next = changed(snapshot => {
			snapshot.branches.push(makeBranch('cursor/search-index'));
		});
		expect(diffSnapshots(afternoonSnapshot(), next, testNow).map(event => event.kind)).toEqual(['branch-new']);
	});

	test('a claim taken and a claim released', () => {
		const taken = changed(snapshot => {
			snapshot.agents.push({agent: 'devin', branches: [], claim: makeClaim('devin', {work: 'Payments'}), claimBranch: null, lastCommitAt: null, flags: []});
		});
		expect(diffSnapshots(afternoonSnapshot(), taken, testNow)).toMatchObject([{kind: 'claim-taken', agent: 'devin', message: 'devin claimed Payments'}]);

		const released = changed(snapshot => {
			agent(snapshot, 'codex').claim!.status = 'complete';
		});
		expect(diffSnapshots(afternoonSnapshot(), released, testNow)).toMatchObject([{kind: 'claim-released', agent: 'codex', message: 'codex released Fix tracking events (complete)'}]);
	});

	test('a check-in going stale', () => {
		const next = changed(snapshot => {
			agent(snapshot, 'claude').claim!.staleness = 'stale';
		});
		expect(diffSnapshots(afternoonSnapshot(), next, testNow)).toMatchObject([{kind: 'stale', agent: 'claude'}]);
	});

	test('a new conflict is reported once per pair', () => {
		const next = changed(snapshot => {
			branch(snapshot, 'codex/tracking-fix').conflictsWith.push({branch: 'gemini/ui-refresh', files: ['a.ts', 'b.ts']});
			branch(snapshot, 'gemini/ui-refresh').conflictsWith.push({branch: 'codex/tracking-fix', files: ['a.ts', 'b.ts']});
		});
		expect(diffSnapshots(afternoonSnapshot(), next, testNow)).toMatchObject([
			{kind: 'conflict', message: 'codex/tracking-fix now conflicts with gemini/ui-refresh on 2 files'},
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
		expect(diffSnapshots(afternoonSnapshot(), next, testNow)).toMatchObject([{kind: 'conflict', message: 'codex/tracking-fix now conflicts with base on 1 file'}]);
	});

	test('a merge on base', () => {
		const next = changed(snapshot => {
			snapshot.base.sha = fakeSha('main-after-merge');
			const claude = branch(snapshot, 'claude/training-improvements');
			claude.merged = true;
			claude.ahead = 0;
		});
		expect(diffSnapshots(afternoonSnapshot(), next, testNow).map(event => event.kind)).toEqual(['base-moved', 'merged']);
	});
});
