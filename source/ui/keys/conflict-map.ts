/** Keys of the conflict map (`m`). */
import type {KeyTable} from './binding.js';
import type {KeyContext} from './context.js';
import {back, help, quit} from './shared.js';

export type ConflictMapKeyId = 'up' | 'down' | 'left' | 'right' | 'open' | 'back' | 'help' | 'quit';

export const conflictMapKeys: KeyTable<ConflictMapKeyId, KeyContext> = [
	{id: 'up', keys: ['up', 'k'], label: 'move up', shortLabel: 'move', footerKey: '↑↓←→', inFooter: true},
	{id: 'down', keys: ['down', 'j'], label: 'move down', shortLabel: 'move down', inFooter: false},
	{id: 'left', keys: ['left', 'h'], label: 'move left', shortLabel: 'move left', inFooter: false},
	{id: 'right', keys: ['right', 'l'], label: 'move right', shortLabel: 'move right', inFooter: false},
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
