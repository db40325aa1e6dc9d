/** Keys of the contended files list (`h`). */
import type {KeyTable} from './binding.js';
import type {KeyContext} from './context.js';
import type {ScrollKeyId} from './details.js';
import {fetchOnPage, help, quit, refreshOnPage, scrollBottom, scrollDown, scrollTop, scrollUp} from './shared.js';

export const contendedFilesKeys: KeyTable<ScrollKeyId, KeyContext> = [
	scrollUp,
	scrollDown,
	{id: 'top', keys: ['g', 'home', 'pageup'], label: 'go to the top', shortLabel: 'top', inFooter: false},
	{id: 'bottom', keys: ['G', 'end', 'pagedown'], label: 'go to the bottom', shortLabel: 'bottom', inFooter: false},
	{id: 'back', keys: ['escape', 'h'], label: 'close the contended files', shortLabel: 'close', inFooter: true},
	fetchOnPage,
	refreshOnPage,
	help,
	quit,
];
