/** Keys while typing a filter (after `/`); any other printable key is typed into it. */
import type {KeyTable} from './binding.js';
import type {KeyContext} from './context.js';

export type FilterKeyId = 'accept' | 'clear' | 'erase' | 'quit';

export const filterKeys: KeyTable<FilterKeyId, KeyContext> = [
	{id: 'accept', keys: ['return'], label: 'keep the filter and go back to the list', shortLabel: 'keep', inFooter: true},
	{id: 'clear', keys: ['escape'], label: 'clear the filter', shortLabel: 'clear', inFooter: true},
	{id: 'erase', keys: ['backspace'], label: 'delete the last character', shortLabel: 'erase', inFooter: false},
	// `q` is text here, so only ctrl-c quits.
	{id: 'quit', keys: ['ctrl+c'], label: 'quit switchyard', shortLabel: 'quit', inFooter: false},
];
