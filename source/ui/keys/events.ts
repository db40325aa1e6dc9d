/** Keys of the event log screen (`e`). */
import type {KeyTable} from './binding.js';
import type {KeyContext} from './context.js';
import type {ScrollKeyId} from './details.js';
import {help, quit, refreshOnPage, scrollBottom, scrollDown, scrollTop, scrollUp} from './shared.js';

export const eventsKeys: KeyTable<ScrollKeyId, KeyContext> = [
	scrollUp,
	scrollDown,
	scrollTop,
	scrollBottom,
	{id: 'back', keys: ['escape', 'e'], label: 'close the event log', shortLabel: 'close', inFooter: true},
	refreshOnPage,
	help,
	quit,
];
