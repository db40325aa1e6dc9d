/** Every screen's key table, by screen: the help screen and the tests look them up here. */
import type {KeyTable} from './binding.js';
import type {KeyContext} from './context.js';
import {agentsKeys} from './agents.js';
import {checklistKeys, checklistNoteKeys} from './checklist.js';
import {conflictMapKeys} from './conflict-map.js';
import {contendedFilesKeys} from './contended-files.js';
import {dashboardKeys} from './dashboard.js';
import {deleteBranchesKeys} from './delete-branches.js';
import {conflictFilesKeys, detailsKeys} from './details.js';
import {filterKeys} from './filter.js';
import {gitLogKeys} from './git-log.js';
import {helpKeys} from './help.js';
import {eventsKeys} from './events.js';
import {confirmKeys, flowDoneKeys, flowRunKeys} from './flow.js';
import {integrationConflictKeys, integrationInspectKeys, integrationPlanKeys} from './integration.js';
import {revertAbortedKeys, revertChooseKeys, revertConflictKeys} from './revert.js';
import {warningsKeys} from './warnings.js';

export type ScreenId = 'dashboard' | 'filter' | 'details' | 'help' | 'conflict-map' | 'conflict-files' | 'git-log' | 'warnings' | 'checklist' | 'checklist-note' | 'events' | 'contended-files'
	| 'integration' | 'integration-run' | 'integration-conflict' | 'integration-inspect' | 'integration-done' | 'confirm' | 'agents' | 'delete-branches'
	| 'revert' | 'revert-run' | 'revert-conflict' | 'revert-aborted' | 'revert-done';

export const keyTables: Record<ScreenId, KeyTable<string, KeyContext>> = {
	dashboard: dashboardKeys,
	filter: filterKeys,
	details: detailsKeys,
	help: helpKeys,
	'conflict-map': conflictMapKeys,
	'conflict-files': conflictFilesKeys,
	'git-log': gitLogKeys,
	warnings: warningsKeys,
	checklist: checklistKeys,
	'checklist-note': checklistNoteKeys,
	events: eventsKeys,
	'contended-files': contendedFilesKeys,
	integration: integrationPlanKeys,
	'integration-run': flowRunKeys,
	'integration-conflict': integrationConflictKeys,
	'integration-inspect': integrationInspectKeys,
	'integration-done': flowDoneKeys,
	confirm: confirmKeys,
	agents: agentsKeys,
	'delete-branches': deleteBranchesKeys,
	revert: revertChooseKeys,
	'revert-run': flowRunKeys,
	'revert-conflict': revertConflictKeys,
	'revert-aborted': revertAbortedKeys,
	'revert-done': flowDoneKeys,
};

export const screenTitles: Record<ScreenId, string> = {
	dashboard: 'dashboard',
	filter: 'filter',
	details: 'branch details',
	help: 'help',
	'conflict-map': 'conflict map',
	'conflict-files': 'conflicting files',
	'git-log': 'git command log',
	warnings: 'coordination warnings',
	checklist: 'pre-merge checklist',
	'checklist-note': 'note',
	events: 'event log',
	'contended-files': 'contended files',
	integration: 'integration: order and dry run',
	'integration-run': 'integration: running',
	'integration-conflict': 'integration: conflict',
	'integration-inspect': 'integration: red, worktree kept',
	'integration-done': 'integration: done',
	confirm: 'confirm',
	agents: 'agents',
	'delete-branches': 'delete merged branches',
	revert: 'emergency revert: suspects and search',
	'revert-run': 'emergency revert: running',
	'revert-conflict': 'emergency revert: a revert conflicts',
	'revert-aborted': 'emergency revert: aborted on a conflict',
	'revert-done': 'emergency revert: done',
};
