/** Keys of the confirmation that `D` opens before deleting merged branches. */
import type {KeyTable} from './binding.js';
import type {KeyContext} from './context.js';
import {quit} from './shared.js';

export type DeleteBranchesKeyId = 'confirm' | 'cancel' | 'quit';

export const deleteBranchesKeys: KeyTable<DeleteBranchesKeyId, KeyContext> = [
	{id: 'confirm', keys: ['return'], label: 'delete them (git branch -d); once done, close', shortLabel: 'confirm', inFooter: true},
	{id: 'cancel', keys: ['escape'], label: 'cancel, or close once done', shortLabel: 'cancel', inFooter: true},
	quit,
];
