/** Keys of the agents view (`a`): each agent once, and what it built over a period. */
import type {KeyTable} from './binding.js';
import type {KeyContext} from './context.js';
import {help, quit, refreshOnPage, scrollBottom, scrollDown, scrollTop, scrollUp} from './shared.js';

export type AgentsKeyId = 'scroll-up' | 'scroll-down' | 'top' | 'bottom' | 'period' | 'back' | 'refresh' | 'help' | 'quit';

export const agentsKeys: KeyTable<AgentsKeyId, KeyContext> = [
	scrollUp,
	scrollDown,
	scrollTop,
	scrollBottom,
	{id: 'period', keys: ['p'], label: 'cycle the period of what was built: 7 days, 30 days, all', shortLabel: 'period', inFooter: true},
	{id: 'back', keys: ['escape', 'a'], label: 'close the agents view', shortLabel: 'close', inFooter: true},
	refreshOnPage,
	help,
	quit,
];
