/** Keys of the coordination warnings screen (`w`). */
import type {KeyTable} from './binding.js';
import type {KeyContext} from './context.js';
import type {ScrollKeyId} from './details.js';
import {fetchOnPage, help, quit, refreshOnPage, scrollBottom, scrollDown, scrollTop, scrollUp} from './shared.js';

export const warningsKeys: KeyTable<ScrollKeyId, KeyContext> = [
	scrollUp,
	scrollDown,
	scrollTop,
	scrollBottom,
	{id: 'back', keys: ['escape', 'w'], label: 'close the warnings', shortLabel: 'close', inFooter: true},
	refreshOnPage,
	help,
	quit,
];
