/** Keys of the git command log (`L`). */
import type {KeyTable} from './binding.js';
import type {KeyContext} from './context.js';
import type {ScrollKeyId} from './details.js';
import {help, quit, scrollBottom, scrollDown, scrollTop, scrollUp} from './shared.js';

export const gitLogKeys: KeyTable<ScrollKeyId, KeyContext> = [
	scrollUp,
	scrollDown,
	scrollTop,
	scrollBottom,
	{id: 'back', keys: ['escape', 'L'], label: 'close the git command log', shortLabel: 'close', inFooter: true},
	help,
	quit,
];
