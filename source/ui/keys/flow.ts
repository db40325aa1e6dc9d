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
