/** Keys of the git command log (`L`). */
import type {KeyTable} from './binding.js';
import type {KeyContext} from './context.js';
import {help, quit, scrollBottom, scrollDown, scrollTop, scrollUp} from './shared.js';

export type GitLogKeyId = 'scroll-up' | 'scroll-down' | 'top' | 'bottom' | 'close' | 'help' | 'quit';

export const gitLogKeys: KeyTable<GitLogKeyId, KeyContext> = [
	scrollUp,
	scrollDown,
	scrollTop,
	scrollBottom,
	{id: 'close', keys: ['escape', 'L'], label: 'close the git command log', shortLabel: 'close', inFooter: true},
	help,
	quit,
];
