/**
 * Keys of the integration flow (DESIGN §6.1), one table per phase so that no key is
 * bound twice on a screen: choosing the order, and the worktree kept after red; a
 * conflict's choice, the run, a confirmation and the end are every flow's (keys/flow.ts).
 */
import type {KeyTable} from './binding.js';
import type {KeyContext} from './context.js';
import {flowConflictKeys, flowGitLog as gitLog, flowLeave as leave} from './flow.js';
import {help} from './shared.js';

export type IntegrationPlanKeyId = 'up' | 'down' | 'later' | 'earlier' | 'run' | 'back' | 'git-log' | 'help' | 'quit';

export const integrationPlanKeys: KeyTable<IntegrationPlanKeyId, KeyContext> = [
	{id: 'up', keys: ['up', 'k'], label: 'select the branch above', shortLabel: 'select', footerKey: '↑↓', inFooter: true},
	{id: 'down', keys: ['down', 'j'], label: 'select the branch below', shortLabel: 'select down', inFooter: false},
	{id: 'later', keys: ['J'], label: 'merge the selected branch later (the dry run follows)', shortLabel: 'later', inFooter: true},
	{id: 'earlier', keys: ['K'], label: 'merge the selected branch earlier (the dry run follows)', shortLabel: 'earlier', inFooter: true},
	{
		id: 'run',
		keys: ['return'],
		label: 'run: merge in a worktree of its own, verify, then ask before promoting',
		shortLabel: 'run',
		inFooter: true,
		disabledReason: context => context.flow?.ready === false ? 'the dry run is not finished yet' : null,
	},
	{id: 'back', keys: ['escape', 'q'], label: 'back to the dashboard (nothing was changed)', shortLabel: 'back', inFooter: true},
	gitLog,
	help,
	{id: 'quit', keys: ['ctrl+c'], label: 'quit switchyard', shortLabel: 'quit', inFooter: false},
];

/** A merge that conflicts (DESIGN §6.1 step 3). */
export const integrationConflictKeys = flowConflictKeys({skip: 'skip this branch and merge the rest', abort: 'abort the integration (nothing is promoted)'});

export type IntegrationInspectKeyId = 'close' | 'git-log' | 'help' | 'leave';

/** A red integration's worktree is kept for inspection until the flow is closed (DESIGN §6.1 step 5). */
export const integrationInspectKeys: KeyTable<IntegrationInspectKeyId, KeyContext> = [
	{id: 'close', keys: ['return', 'c'], label: 'close the flow: removes the worktree kept for inspection and the integration branch', shortLabel: 'close the flow', inFooter: true},
	gitLog,
	help,
	leave,
];
