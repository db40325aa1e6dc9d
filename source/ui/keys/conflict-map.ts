/** Keys of the conflict map (`m`). */
import type {KeyTable} from './binding.js';
import type {KeyContext} from './context.js';
import {back, help, quit} from './shared.js';

export type ConflictMapKeyId = 'up' | 'down' | 'left' | 'right' | 'page-up' | 'page-down' | 'first' | 'last' | 'open' | 'back' | 'help' | 'quit';

export const conflictMapKeys: KeyTable<ConflictMapKeyId, KeyContext> = [
	{id: 'up', keys: ['up', 'k'], label: 'move up', shortLabel: 'move', footerKey: '↑↓←→', inFooter: true},
	{id: 'down', keys: ['down', 'j'], label: 'move down', shortLabel: 'move down', inFooter: false},
	{id: 'left', keys: ['left', 'h'], label: 'move left', shortLabel: 'move left', inFooter: false},
	{id: 'right', keys: ['right', 'l'], label: 'move right', shortLabel: 'move right', inFooter: false},
	{id: 'page-down', keys: ['pagedown'], label: 'a page of branches down', shortLabel: 'page', footerKey: 'PgUp/PgDn', inFooter: true},
	{id: 'page-up', keys: ['pageup'], label: 'a page of branches up', shortLabel: 'page up', inFooter: false},
	{id: 'first', keys: ['g', 'home'], label: 'first branch', shortLabel: 'first', inFooter: false},
	{id: 'last', keys: ['G', 'end'], label: 'last branch', shortLabel: 'last', inFooter: false},
	{
		id: 'open',
		keys: ['return'],
		label: 'list the conflicting files of this cell',
		shortLabel: 'files',
		inFooter: true,
		disabledReason: context => context.cellHasConflicts ? null : 'no conflicting files in this cell',
	},
	back,
	help,
	quit,
];
