import {expect, test} from 'vitest';
import {buildConflictMap, conflictFilesOf} from '../../source/ui/state/conflict-map.js';
import {afternoonSnapshot, makeBranch, makeSnapshot} from './factory.js';

test('rows are unmerged agent branches; the last column is base', () => {
	const map = buildConflictMap(afternoonSnapshot());
	expect(map.branches).toEqual(['claude/training-improvements', 'codex/tracking-fix', 'gemini/ui-refresh']);
	expect(map.columns.at(-1)).toBe('main');
});

test('cells hold the conflicting files, symmetric, with self and base', () => {
	const map = buildConflictMap(afternoonSnapshot());
	expect(map.cellAt(0, 0)).toEqual({kind: 'self'});
	expect(map.cellAt(0, 1)).toEqual({kind: 'files', files: ['backend/src/app.module.ts']});
	expect(map.cellAt(1, 0)).toEqual({kind: 'files', files: ['backend/src/app.module.ts']});
	expect(map.cellAt(0, 2)).toEqual({kind: 'files', files: []});
	expect(map.cellAt(2, 3)).toEqual({kind: 'files', files: ['components/Nav.tsx']});
	expect(conflictFilesOf(map, 'gemini/ui-refresh', 'main')).toEqual(['components/Nav.tsx']);
	expect(conflictFilesOf(map, 'nope', 'main')).toBeNull();
});

test('cells not yet predicted are unknown', () => {
	const map = buildConflictMap(makeSnapshot({branches: [
		makeBranch('claude/a', {mergesCleanly: null, conflictsWith: [{branch: 'gemini/c', files: ['x.ts']}]}),
		makeBranch('codex/b', {conflictsWithBase: ['y.ts'], mergesCleanly: false}),
		makeBranch('gemini/c', {conflictsWith: [{branch: 'claude/a', files: ['x.ts']}]}),
	]}));
	expect(map.cellAt(0, 1)).toEqual({kind: 'unknown'});
	expect(map.cellAt(0, 3)).toEqual({kind: 'unknown'});
});

test('keeps only the branches that conflict with something, and counts the others', () => {
	const map = buildConflictMap(makeSnapshot({branches: [
		makeBranch('claude/a', {conflictsWith: [{branch: 'codex/b', files: ['x.ts']}]}),
		makeBranch('codex/b', {conflictsWith: [{branch: 'claude/a', files: ['x.ts']}]}),
		makeBranch('gemini/clean'),
		makeBranch('cursor/pending', {mergesCleanly: null}),
		makeBranch('devin/base', {conflictsWithBase: ['y.ts'], mergesCleanly: false}),
	]}));
	expect(map.branches).toEqual(['claude/a', 'codex/b', 'devin/base']);
	expect(map.leftOut).toBe(2);
	expect(map.cellAt(2, 3)).toEqual({kind: 'files', files: ['y.ts']});
});
