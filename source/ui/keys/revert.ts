/**
 * Keys of the emergency revert flow (DESIGN §6.3): choosing the search over the
 * suspects, a conflicting revert's choice (every flow's, keys/flow.ts), and the end of
 * a run aborted on one. The run, the promotion's confirmation and the end are every
 * flow's (keys/flow.ts).
 */
import type {KeyTable} from './binding.js';
import type {KeyContext} from './context.js';
import {flowConflictKeys, flowDoneKeys, flowGitLog} from './flow.js';
import {help} from './shared.js';

export type RevertChooseKeyId = 'up' | 'down' | 'bisect' | 'more' | 'fewer' | 'skip-check' | 'on-conflict' | 'run' | 'back' | 'git-log' | 'help' | 'quit';

export const revertChooseKeys: KeyTable<RevertChooseKeyId, KeyContext> = [
	{id: 'up', keys: ['up', 'k'], label: 'scroll the suspects up', shortLabel: 'scroll', footerKey: '↑↓', inFooter: false},
	{id: 'down', keys: ['down', 'j'], label: 'scroll the suspects down', shortLabel: 'scroll down', inFooter: false},
	{id: 'bisect', keys: ['b'], label: 'search: newest first (one revert at a time) or first-parent bisection (log2(n) runs)', shortLabel: 'bisect', inFooter: true},
	{id: 'more', keys: ['+', '='], label: 'one more suspect (--last N+1)', shortLabel: 'more', footerKey: '+-', inFooter: true},
	{id: 'fewer', keys: ['-'], label: 'one suspect fewer (--last N-1)', shortLabel: 'fewer', inFooter: false},
	{id: 'skip-check', keys: ['s'], label: 'skip the check of base\'s tip (it is taken as broken)', shortLabel: 'skip check', inFooter: true},
	{id: 'on-conflict', keys: ['o'], label: 'a revert that conflicts: ask (resolve by hand, skip or abort), skip that suspect and go on, or abort the flow', shortLabel: 'on conflict', inFooter: false},
	{
		id: 'run',
		keys: ['return'],
		label: 'run: revert in a worktree of its own, verify, then ask before promoting',
		shortLabel: 'run',
		inFooter: true,
		disabledReason: context => context.flow?.ready === false ? 'the suspects are not read yet, or the flow cannot run (see the screen)' : null,
	},
	{id: 'back', keys: ['escape', 'q'], label: 'back to the dashboard (nothing was changed)', shortLabel: 'back', inFooter: true},
	flowGitLog,
	help,
	{id: 'quit', keys: ['ctrl+c'], label: 'quit switchyard', shortLabel: 'quit', inFooter: false},
];

/** A revert that conflicts, while the flow waits (`onConflict: 'ask'`): skip only while reverting newest first. */
export const revertConflictKeys = flowConflictKeys({skip: 'skip this suspect and revert the next one', abort: 'abort the revert flow (nothing is promoted)'});

export type RevertAbortedKeyId = 'skip' | 'back' | 'git-log' | 'help' | 'quit';

/** The end of a run aborted on a conflicting revert: run again skipping it, or leave it aborted. */
export const revertAbortedKeys: KeyTable<RevertAbortedKeyId, KeyContext> = [
	{id: 'skip', keys: ['s'], label: 'run again, skipping every suspect whose revert conflicts', shortLabel: 'skip it', inFooter: true},
	...flowDoneKeys,
];
