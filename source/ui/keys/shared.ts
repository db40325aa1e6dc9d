/** Bindings several screens share, so they read and behave the same everywhere (after lazygit's list controller). */
import type {KeyBinding} from './binding.js';
import type {KeyContext} from './context.js';

type Shared<Id extends string> = KeyBinding<Id, KeyContext>;

export const scrollUp: Shared<'scroll-up'> = {
	id: 'scroll-up', keys: ['up', 'k'], label: 'scroll up', shortLabel: 'scroll', footerKey: '↑↓', inFooter: true,
};

export const scrollDown: Shared<'scroll-down'> = {
	id: 'scroll-down', keys: ['down', 'j'], label: 'scroll down', shortLabel: 'scroll down', inFooter: false,
};

export const scrollTop: Shared<'top'> = {
	id: 'top', keys: ['g', 'home'], label: 'go to the top', shortLabel: 'top', inFooter: false,
};

export const scrollBottom: Shared<'bottom'> = {
	id: 'bottom', keys: ['G', 'end'], label: 'go to the bottom', shortLabel: 'bottom', inFooter: false,
};

export const back: Shared<'back'> = {
	id: 'back', keys: ['escape'], label: 'back to the previous screen', shortLabel: 'back', inFooter: true,
};

export const fetchNow: Shared<'fetch'> = {
	id: 'fetch',
	keys: ['f'],
	label: 'fetch now',
	shortLabel: 'fetch',
	inFooter: true,
	disabledReason: context => context.fetching ? 'a fetch is already running' : null,
};

export const refreshNow: Shared<'refresh'> = {
	id: 'refresh', keys: ['r'], label: 'refresh now', shortLabel: 'refresh', inFooter: true,
};

/** On a page that shows what the repository holds, fetching and refreshing work too; the footer stays short. */
export const fetchOnPage: Shared<'fetch'> = {...fetchNow, inFooter: false};
export const refreshOnPage: Shared<'refresh'> = {...refreshNow, inFooter: false};

export const help: Shared<'help'> = {
	id: 'help', keys: ['?'], label: 'help: every key of this screen', shortLabel: 'help', inFooter: true,
};

export const quit: Shared<'quit'> = {
	id: 'quit', keys: ['q', 'ctrl+c'], label: 'quit switchyard', shortLabel: 'quit', inFooter: true,
};
