/** Keys of the `?` help screen. */
import type {KeyTable} from './binding.js';
import type {KeyContext} from './context.js';
import {quit, scrollDown, scrollUp} from './shared.js';

export type HelpKeyId = 'scroll-up' | 'scroll-down' | 'close' | 'quit';

export const helpKeys: KeyTable<HelpKeyId, KeyContext> = [
	scrollUp,
	scrollDown,
	{id: 'close', keys: ['escape', '?'], label: 'close help', shortLabel: 'close', inFooter: true},
	quit,
];
