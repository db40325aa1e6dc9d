/** The dashboard's keys, exactly as docs/design.md §5 lists them. */
import type {KeyTable} from './binding.js';
import type {KeyContext} from './context.js';
import {fetchNow, help, quit, refreshNow, scrollBottom, scrollTop} from './shared.js';

export type DashboardKeyId =
	| 'move-up'
	| 'move-down'
	| 'top'
	| 'bottom'
	| 'details'
	| 'clear-filter'
	| 'mark'
	| 'integrate'
	| 'checklist'
	| 'revert'
	| 'fetch'
	| 'refresh'
	| 'filter'
	| 'sort'
	| 'conflict-map'
	| 'contended-files'
	| 'merged'
	| 'git-log'
	| 'warnings'
	| 'events'
	| 'diff'
	| 'log'
	| 'copy'
	| 'delete-merged'
	| 'help'
	| 'quit'
	| 'fold'
	| 'agents'
	| 'uncommitted';

function needsBranchAct(context: KeyContext): string | null {
	return context.canAct === false ? 'no repository behind this view' : context.selectedBranch === false ? 'select a branch (a claim without a branch has no commits)' : null;
}

export const dashboardKeys: KeyTable<DashboardKeyId, KeyContext> = [
	{id: 'move-up', keys: ['up', 'k'], label: 'move up', shortLabel: 'move', footerKey: '↑↓', inFooter: true},
	{id: 'move-down', keys: ['down', 'j'], label: 'move down', shortLabel: 'move down', inFooter: false},
	scrollTop,
	scrollBottom,
	{
		id: 'details',
		keys: ['return'],
		label: 'branch details: commits, files, conflicts, claim, readiness reasons',
		shortLabel: 'details',
		inFooter: true,
		disabledReason: context => context.rowCount === 0 ? 'no branch to show' : null,
	},
	{id: 'clear-filter', keys: ['escape'], label: 'clear the filter', shortLabel: 'clear filter', inFooter: false},
	{
		id: 'mark',
		keys: [' '],
		label: 'mark or unmark a branch for integration',
		shortLabel: 'mark',
		inFooter: false,
		disabledReason: context => context.canIntegrate === false ? 'no repository behind this view' : context.selectedBranch === false ? 'select a branch (a claim without a branch cannot be merged)' : context.selectedRemoteOnly ? 'this branch is only on the remote: create it locally first (git switch <name>)' : null,
	},
	{
		id: 'integrate',
		keys: ['i'],
		label: 'integration flow with the marked branches',
		shortLabel: 'integrate',
		inFooter: true,
		disabledReason: context => context.canIntegrate === false ? 'no repository behind this view' : (context.markedCount ?? 0) === 0 ? 'mark at least one branch (space)' : null,
	},
	{
		id: 'checklist',
		keys: ['c'],
		label: 'pre-merge checklist for the selected branch',
		shortLabel: 'checklist',
		inFooter: true,
		disabledReason: context => context.canChecklist === false ? 'no repository behind this view' : context.selectedBranch === false ? 'select a branch (a claim without a branch has no checklist)' : null,
	},
	{
		id: 'revert',
		keys: ['R'],
		label: 'emergency revert flow: find the commit on base that broke it, revert it in a worktree, promote on confirmation',
		shortLabel: 'revert',
		inFooter: true,
		disabledReason: context => context.canRevert === false ? 'no repository behind this view' : null,
	},
	fetchNow,
	refreshNow,
	{id: 'filter', keys: ['/'], label: 'filter by words and is:blocked, is:warn, is:conflict, is:ready, is:stale, is:new, is:merged, agent:codex, age:>30d, behind:>100 (esc clears)', shortLabel: 'filter', inFooter: true},
	{id: 'sort', keys: ['s'], label: 'cycle sort: agent, readiness, check-in age, last activity', shortLabel: 'sort', inFooter: true},
	{
		id: 'conflict-map',
		keys: ['m'],
		label: 'conflict map: unmerged agent branches × each other and base',
		shortLabel: 'conflicts',
		inFooter: true,
		disabledReason: context => context.hasSnapshot ? null : 'waiting for the first snapshot',
	},
	{
		id: 'contended-files',
		keys: ['h'],
		label: 'contended files: each file two or more unmerged branches change, and which pairs conflict on it',
		shortLabel: 'hot files',
		inFooter: false,
		disabledReason: context => context.hasSnapshot ? null : 'waiting for the first snapshot',
	},
	{id: 'merged', keys: ['M'], label: 'show or hide merged branches', shortLabel: 'merged', inFooter: false},
	{id: 'git-log', keys: ['L'], label: 'show or hide the git command log', shortLabel: 'git log', inFooter: true},
	{id: 'warnings', keys: ['w'], label: 'show or hide what could not be read in the coordination files', shortLabel: 'warnings', inFooter: false},
	{id: 'events', keys: ['e'], label: 'show or hide the event log: what changed since switchyard opened', shortLabel: 'events', inFooter: false},
	{
		id: 'fold',
		keys: ['z'],
		label: "fold or unfold the selected agent's branches into one line with counts by verdict",
		shortLabel: 'fold agent',
		inFooter: false,
		disabledReason: context => context.selectedAgent ? null : 'select a row of an agent',
	},
	{
		id: 'agents',
		keys: ['a'],
		label: 'agents: each once, with its claim, branches by verdict, and what it built over 7 days, 30 days or all',
		shortLabel: 'agents',
		inFooter: false,
		disabledReason: context => context.hasSnapshot ? null : 'waiting for the first snapshot',
	},
	{
		id: 'uncommitted',
		keys: ['u'],
		label: 'predict conflicts with or without the uncommitted work of branches checked out in linked worktrees (off at start)',
		shortLabel: 'uncommitted',
		inFooter: false,
	},
	{id: 'diff', keys: ['d'], label: 'the selected branch\'s diff against base in your pager', shortLabel: 'diff', inFooter: false, disabledReason: needsBranchAct},
	{id: 'log', keys: ['l'], label: 'the selected branch\'s log since base in your pager', shortLabel: 'log', inFooter: false, disabledReason: needsBranchAct},
	{id: 'copy', keys: ['y'], label: 'copy the selected branch\'s name (OSC 52)', shortLabel: 'copy', inFooter: false, disabledReason: context => context.selectedBranch === false ? 'select a branch (a claim without a branch has no name to copy)' : null},
	{
		id: 'delete-merged',
		keys: ['D'],
		label: 'delete merged branches with git branch -d: the selected one, or all of them from any other row (asks first)',
		shortLabel: 'delete merged',
		inFooter: false,
		disabledReason: context => context.canAct === false ? 'no repository behind this view' : context.deletableCount === 0 ? 'no merged local branch to delete (the current branch never is)' : null,
	},
	help,
	quit,
];
