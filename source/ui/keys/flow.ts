/**
 * Keys every flow screen shares (integration, revert), so a run, a confirmation and
 * the end read and behave the same on each: while the flow runs, a confirmation, and
 * the end of the flow.
 */
import type {KeyTable} from './binding.js';
import type {KeyContext} from './context.js';
import {help} from './shared.js';

export const flowGitLog = {id: 'git-log', keys: ['L'], label: 'show the git commands the flow ran (writes marked)', shortLabel: 'git log', inFooter: true} as const;
export const flowLeave = {id: 'leave', keys: ['q', 'ctrl+c'], label: 'leave: asks first while the flow runs', shortLabel: 'leave', inFooter: true} as const;

export type FlowRunKeyId = 'cancel' | 'git-log' | 'help' | 'leave';

export const flowRunKeys: KeyTable<FlowRunKeyId, KeyContext> = [
	{
		id: 'cancel',
		keys: ['x'],
		label: 'cancel the running verification (nothing is promoted)',
		shortLabel: 'cancel verification',
		inFooter: true,
		disabledReason: context => context.flow?.verifying ? null : 'no verification is running',
	},
	flowGitLog,
	help,
	flowLeave,
];

export type FlowConflictKeyId = 'resolve' | 'continue' | 'skip' | 'abort' | 'git-log' | 'help' | 'leave';

/**
 * A conflict the flow stopped on, the same on every flow screen: resolve it by hand in
 * the worktree and continue, skip it, or abort; `words` say what skip and abort do there.
 */
export function flowConflictKeys(words: {skip: string; abort: string}): KeyTable<FlowConflictKeyId, KeyContext> {
	return [
		{id: 'resolve', keys: ['r'], label: 'resolve by hand: shows the worktree where it stopped', shortLabel: 'resolve by hand', inFooter: true},
		{
			id: 'continue',
			keys: ['c'],
			label: 'continue after resolving: commits it when no file is left unresolved',
			shortLabel: 'continue',
			inFooter: true,
			disabledReason: context => context.flow?.resolving ? null : 'press r first: it shows the worktree to resolve the conflict in',
		},
		{
			id: 'skip',
			keys: ['s'],
			label: words.skip,
			shortLabel: 'skip',
			inFooter: true,
			disabledReason: context => context.flow?.skippable === false ? 'it cannot be skipped here: resolve it by hand, or abort' : null,
		},
		{id: 'abort', keys: ['a'], label: words.abort, shortLabel: 'abort', inFooter: true},
		flowGitLog,
		help,
		flowLeave,
	];
}

export type ConfirmKeyId = 'confirm' | 'cancel' | 'quit';

/** The one confirmation (STYLE §6 item 4): "enter confirm · esc cancel". */
export const confirmKeys: KeyTable<ConfirmKeyId, KeyContext> = [
	{id: 'confirm', keys: ['return'], label: 'confirm', shortLabel: 'confirm', inFooter: true},
	{id: 'cancel', keys: ['escape'], label: 'cancel', shortLabel: 'cancel', inFooter: true},
	{id: 'quit', keys: ['ctrl+c'], label: 'cancel', shortLabel: 'cancel', inFooter: false},
];

export type FlowDoneKeyId = 'back' | 'git-log' | 'help' | 'quit';

export const flowDoneKeys: KeyTable<FlowDoneKeyId, KeyContext> = [
	{id: 'back', keys: ['escape', 'q', 'return'], label: 'back to the dashboard', shortLabel: 'back', inFooter: true},
	flowGitLog,
	help,
	{id: 'quit', keys: ['ctrl+c'], label: 'quit switchyard', shortLabel: 'quit', inFooter: false},
];
