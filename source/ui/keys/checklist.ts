/** Keys of the pre-merge checklist (DESIGN §6.2), and of the one-line note typed on it. */
import type {KeyTable} from './binding.js';
import type {KeyContext} from './context.js';
import {help, scrollBottom, scrollTop} from './shared.js';

export type ChecklistKeyId =
	| 'up' | 'down' | 'top' | 'bottom' | 'pass' | 'fail' | 'not-applicable' | 'run' | 'evidence' | 'note' | 'carry' | 'back' | 'help' | 'quit';

export const checklistKeys: KeyTable<ChecklistKeyId, KeyContext> = [
	{id: 'up', keys: ['up', 'k'], label: 'move up', shortLabel: 'move', footerKey: '↑↓', inFooter: true},
	{id: 'down', keys: ['down', 'j'], label: 'move down', shortLabel: 'move down', inFooter: false},
	scrollTop,
	scrollBottom,
	{id: 'pass', keys: [' ', 'y'], label: 'pass the selected item (items judged by a person)', shortLabel: 'pass', footerKey: 'y', inFooter: true},
	{id: 'fail', keys: ['n'], label: 'fail the selected item', shortLabel: 'fail', inFooter: true},
	{id: 'not-applicable', keys: ['x'], label: 'the selected item does not apply', shortLabel: 'n/a', inFooter: true},
	{
		id: 'run',
		keys: ['a'],
		label: 'run the automated items: the verification commands, in a worktree of the branch head',
		shortLabel: 'run',
		inFooter: true,
		disabledReason: context => context.checklist?.running ? 'the automated items are running' : null,
	},
	{id: 'evidence', keys: ['return'], label: 'show or hide all the evidence of the selected item', shortLabel: 'evidence', inFooter: true},
	{id: 'note', keys: ['e'], label: 'write a one-line note on the selected item', shortLabel: 'note', inFooter: true},
	{
		id: 'carry',
		keys: ['c'],
		label: "carry the person's answers over from the branch's earlier head",
		shortLabel: 'carry over',
		inFooter: true,
		disabledReason: context => context.checklist?.canCarry ? null : 'no answers of an earlier head to carry over',
	},
	{id: 'back', keys: ['q', 'escape'], label: 'back to the dashboard (answers are kept)', shortLabel: 'back', inFooter: true},
	help,
	{id: 'quit', keys: ['ctrl+c'], label: 'quit switchyard', shortLabel: 'quit', inFooter: false},
];

export type ChecklistNoteKeyId = 'accept' | 'cancel' | 'erase' | 'quit';

export const checklistNoteKeys: KeyTable<ChecklistNoteKeyId, KeyContext> = [
	{id: 'accept', keys: ['return'], label: 'keep the note (empty removes it)', shortLabel: 'keep', inFooter: true},
	{id: 'cancel', keys: ['escape'], label: 'leave the note as it was', shortLabel: 'cancel', inFooter: true},
	{id: 'erase', keys: ['backspace'], label: 'delete the last character', shortLabel: 'erase', inFooter: false},
	{id: 'quit', keys: ['ctrl+c'], label: 'quit switchyard', shortLabel: 'quit', inFooter: false},
];
