/**
 * Keys of the integration flow (DESIGN §6.1), one table per phase so that no key is
 * bound twice on a screen: choosing the order, the run, a conflict's choice, a
 * confirmation (promotion, or leaving a running flow), and the end.
 */
import type {KeyTable} from './binding.js';
import type {KeyContext} from './context.js';
import {help} from './shared.js';

const gitLog = {id: 'git-log', keys: ['L'], label: 'show the git commands the flow ran (writes marked)', shortLabel: 'git log', inFooter: true} as const;
const leave = {id: 'leave', keys: ['q', 'ctrl+c'], label: 'leave: asks first while the flow runs', shortLabel: 'leave', inFooter: true} as const;

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
		disabledReason: context => context.integration?.planReady === false ? 'the dry run is not finished yet' : null,
	},
	{id: 'back', keys: ['escape', 'q'], label: 'back to the dashboard (nothing was changed)', shortLabel: 'back', inFooter: true},
	gitLog,
	help,
	{id: 'quit', keys: ['ctrl+c'], label: 'quit switchyard', shortLabel: 'quit', inFooter: false},
];

export type IntegrationRunKeyId = 'cancel' | 'git-log' | 'help' | 'leave';

export const integrationRunKeys: KeyTable<IntegrationRunKeyId, KeyContext> = [
	{
		id: 'cancel',
		keys: ['x'],
		label: 'cancel the running verification (nothing is promoted)',
		shortLabel: 'cancel verification',
		inFooter: true,
		disabledReason: context => context.integration?.verifying ? null : 'no verification is running',
	},
	gitLog,
	help,
	leave,
];

export type IntegrationConflictKeyId = 'resolve' | 'continue' | 'skip' | 'abort' | 'git-log' | 'help' | 'leave';

export const integrationConflictKeys: KeyTable<IntegrationConflictKeyId, KeyContext> = [
	{id: 'resolve', keys: ['r'], label: 'resolve by hand: shows the worktree where the merge stopped', shortLabel: 'resolve by hand', inFooter: true},
	{
		id: 'continue',
		keys: ['c'],
		label: 'continue after resolving: commits the merge when no file is left unresolved',
		shortLabel: 'continue',
		inFooter: true,
		disabledReason: context => context.integration?.resolving ? null : 'press r first: it shows the worktree to resolve the conflict in',
	},
	{id: 'skip', keys: ['s'], label: 'skip this branch and merge the rest', shortLabel: 'skip', inFooter: true},
	{id: 'abort', keys: ['a'], label: 'abort the integration (nothing is promoted)', shortLabel: 'abort', inFooter: true},
	gitLog,
	help,
	leave,
];

export type IntegrationInspectKeyId = 'close' | 'git-log' | 'help' | 'leave';

/** A red integration's worktree is kept for inspection until the flow is closed (DESIGN §6.1 step 5). */
export const integrationInspectKeys: KeyTable<IntegrationInspectKeyId, KeyContext> = [
	{id: 'close', keys: ['return', 'c'], label: 'close the flow: removes the worktree kept for inspection and the integration branch', shortLabel: 'close the flow', inFooter: true},
	gitLog,
	help,
	leave,
];

export type ConfirmKeyId = 'confirm' | 'cancel' | 'quit';

/** The one confirmation (STYLE §6 item 4): "enter confirm · esc cancel". */
export const confirmKeys: KeyTable<ConfirmKeyId, KeyContext> = [
	{id: 'confirm', keys: ['return'], label: 'confirm', shortLabel: 'confirm', inFooter: true},
	{id: 'cancel', keys: ['escape'], label: 'cancel', shortLabel: 'cancel', inFooter: true},
	{id: 'quit', keys: ['ctrl+c'], label: 'cancel', shortLabel: 'cancel', inFooter: false},
];

export type IntegrationDoneKeyId = 'back' | 'git-log' | 'help' | 'quit';

export const integrationDoneKeys: KeyTable<IntegrationDoneKeyId, KeyContext> = [
	{id: 'back', keys: ['escape', 'q', 'return'], label: 'back to the dashboard', shortLabel: 'back', inFooter: true},
	gitLog,
	help,
	{id: 'quit', keys: ['ctrl+c'], label: 'quit switchyard', shortLabel: 'quit', inFooter: false},
];
