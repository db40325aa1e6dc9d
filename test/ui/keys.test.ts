import {describe, expect, test} from 'vitest';
import type {Key} from 'ink';
import {findBinding, footerItems, formatKeys, matchesKey} from '../../source/ui/keys/binding.js';
import type {KeyContext} from '../../source/ui/keys/context.js';
import {dashboardKeys} from '../../source/ui/keys/dashboard.js';
import {keyTables} from '../../source/ui/keys/index.js';

const context: KeyContext = {hasSnapshot: true, rowCount: 3, fetching: false, cellHasConflicts: true};

const noKey: Key = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
	return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false,
	hyper: false, capsLock: false, numLock: false,
};

describe('key tables', () => {
	for (const [screen, table] of Object.entries(keyTables)) {
		test(`${screen}: every binding has an id, keys, a label and a short label`, () => {
			for (const binding of table) {
				expect(binding.id).not.toBe('');
				expect(binding.keys.length).toBeGreaterThan(0);
				expect(binding.label.trim()).not.toBe('');
				expect(binding.shortLabel.trim()).not.toBe('');
			}
		});

		test(`${screen}: no key is bound twice and no id is used twice`, () => {
			const keys = table.flatMap(binding => binding.keys);
			expect(new Set(keys).size).toBe(keys.length);
			const ids = table.map(binding => binding.id);
			expect(new Set(ids).size).toBe(ids.length);
		});
	}

	test('the dashboard binds exactly the keys of docs/design.md §5', () => {
		const keys = dashboardKeys.flatMap(binding => binding.keys);
		for (const key of ['up', 'down', 'j', 'k', 'g', 'G', 'return', 'escape', ' ', 'i', 'c', 'R', 'f', 'r', '/', 's', 'm', 'M', 'L', '?', 'q', 'ctrl+c']) {
			expect(keys).toContain(key);
		}
	});

	test('the revert key is disabled only without a repository, and integrate until a branch is marked; kept out of the footer then', () => {
		const revert = dashboardKeys.find(each => each.id === 'revert')!;
		expect(revert.disabledReason?.(context)).toBeNull();
		expect(revert.disabledReason?.({...context, canRevert: false})).toBe('no repository behind this view');
		const integrate = dashboardKeys.find(each => each.id === 'integrate')!;
		expect(integrate.disabledReason?.({...context, markedCount: 0})).toBe('mark at least one branch (space)');
		expect(integrate.disabledReason?.({...context, markedCount: 2})).toBeNull();
		expect(integrate.disabledReason?.({...context, markedCount: 2, canIntegrate: false})).toBe('no repository behind this view');

		const footer = footerItems(dashboardKeys, context).join(' · ');
		expect(footer).toContain('enter details');
		expect(footer).not.toMatch(/integrate/);
		expect(footer).toContain('R revert');
		expect(footerItems(dashboardKeys, {...context, canRevert: false}).join(' · ')).not.toContain('revert');
		expect(footerItems(dashboardKeys, {...context, markedCount: 1}).join(' · ')).toContain('i integrate');
	});

	test('a disabled binding leaves the footer', () => {
		expect(footerItems(dashboardKeys, {...context, fetching: true})).not.toContain('f fetch');
		expect(footerItems(dashboardKeys, context)).toContain('f fetch');
	});
});

describe('matching keys', () => {
	test('named keys, printable keys and ctrl chords', () => {
		expect(matchesKey('down', '', {...noKey, downArrow: true})).toBe(true);
		expect(matchesKey('j', 'j', noKey)).toBe(true);
		expect(matchesKey('j', 'j', {...noKey, ctrl: true})).toBe(false);
		expect(matchesKey('ctrl+c', 'c', {...noKey, ctrl: true})).toBe(true);
		expect(matchesKey('G', 'G', {...noKey, shift: true})).toBe(true);
		expect(matchesKey('g', 'G', {...noKey, shift: true})).toBe(false);
	});

	test('a binding is found by any of its keys', () => {
		expect(findBinding(dashboardKeys, 'k', noKey)?.id).toBe('move-up');
		expect(findBinding(dashboardKeys, '', {...noKey, upArrow: true})?.id).toBe('move-up');
		expect(findBinding(dashboardKeys, 'Z', noKey)).toBeUndefined();
	});

	test('keys are written for people', () => {
		expect(formatKeys({keys: ['up', 'k']})).toBe('↑ k');
		expect(formatKeys({keys: ['q', 'ctrl+c']})).toBe('q ctrl-c');
		expect(formatKeys({keys: [' ']})).toBe('space');
	});
});

test('the README key table is generated from the dashboard table', async () => {
	const {keyTableMarkdown} = await import('../../source/ui/keys/markdown.js');
	const markdown = keyTableMarkdown(dashboardKeys);
	expect(markdown.split('\n')).toHaveLength(dashboardKeys.length + 2);
	expect(markdown).toContain('| `↑` `k` | move up |');
	expect(markdown).toContain('| `i` | integration flow with the marked branches |');
	expect(markdown).toContain('| `R` | emergency revert flow: find the commit on base that broke it, revert it in a worktree, promote on confirmation |');
	expect(markdown).toContain('| `q` `ctrl-c` | quit switchyard |');
});
