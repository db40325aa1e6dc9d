/**
 * Screen state: what the person is looking at, as opposed to what the repository
 * holds (LiveState). It lives in one `useReducer`; `screenReducer` is pure and
 * unit-tested, so every key's effect on the screen can be checked without Ink.
 */

import {builtPeriods, type BuiltPeriod} from '../../core/agent-built.js';

/** Dashboard sort orders, in the order `s` cycles through them (docs/design.md §5). */
export const sortModes = ['agent', 'readiness', 'check-in age', 'last activity'] as const;
export type SortMode = (typeof sortModes)[number];

/** The screens that can be stacked; only the top one listens to keys. */
export type Layer =
	| {kind: 'dashboard'}
	/** `rowKey` is the branch name (or `agent:<key>` for a claim without a branch). */
	| {kind: 'details'; rowKey: string; scroll: number}
	/** Help for the screen right below it. */
	| {kind: 'help'; scroll: number}
	/** Cursor on a cell of the conflict map: `row` indexes branches, `column` branches then base. */
	| {kind: 'conflict-map'; row: number; column: number}
	/** The conflicting files of one map cell; `other` is a branch name or the base name. */
	| {kind: 'conflict-files'; branch: string; other: string; scroll: number}
	| {kind: 'git-log'; scroll: number}
	/** What could not be read in the coordination files, and the snapshot's notices. */
	| {kind: 'warnings'; scroll: number}
	/** The files two or more unmerged branches change (`h`). */
	| {kind: 'contended-files'; scroll: number}
	/** The pre-merge checklist of one branch (DESIGN §6.2); its own state lives in the screen and the store. */
	| {kind: 'checklist'; branch: string}
	/** The event log: what changed since the dashboard opened, newest last. */
	| {kind: 'events'; scroll: number}
	/** The integration flow (DESIGN §6.1) with the branches marked when it opened; it stays mounted under help and the log. */
	| {kind: 'integration'; branches: string[]}
	/** The emergency revert flow (DESIGN §6.3); like the integration, it stays mounted under help and the log. */
	| {kind: 'revert'}
	/** Each agent once, and what it built over `period` (`a`; `p` cycles the period). */
	| {kind: 'agents'; scroll: number; period: BuiltPeriod}
	/** `D`: the merged branches to delete, listed for confirmation. */
	| {kind: 'delete-branches'; branches: string[]};

export type LayerKind = Layer['kind'];

/** The flow screens: each stays mounted (hidden) under help and the git log, and tells the footer its phase. */
export function isFlowLayer(kind: string): kind is 'integration' | 'revert' {
	return kind === 'integration' || kind === 'revert';
}

export interface ScreenState {
	/** Bottom first; the dashboard is always at the bottom and never popped. */
	layers: Layer[];
	/** The selected row, by key, so that a new snapshot keeps the cursor on the same branch. */
	selectedKey: string | null;
	/** Where the selection was last seen: used when its row disappears. */
	selectedIndex: number;
	filter: string;
	/** Typing goes into the filter (after `/`, until enter or esc). */
	filterEditing: boolean;
	sort: SortMode;
	/** Merged branches are folded into a count unless this is on (`M`). */
	showMerged: boolean;
	/** A one-line message (e.g. why a key is disabled); any next key clears it. */
	notice: string | null;
	/** Branches marked for integration (space), by name, so a refresh keeps them. */
	marked: string[];
	/** Agents whose branches are folded into one line (`z`). */
	foldedAgents: string[];
}

export type Motion = number | 'top' | 'bottom';

export type ScreenAction =
	/** Move the dashboard cursor; `keys` are the visible row keys in display order. */
	| {type: 'move'; by: Motion; keys: readonly string[]}
	| {type: 'push'; layer: Layer}
	/** Esc: clear the filter if the dashboard is on top and has one, else pop one layer. */
	| {type: 'back'}
	/** Open a layer, or close it when it is already on top (`L`, `?`). */
	| {type: 'toggle'; layer: Layer}
	/** Scroll the top layer; `max` is the largest useful offset at the current size. */
	| {type: 'scroll'; by: Motion; max: number}
	| {type: 'map-move'; rows: number; columns: number; by: {row: number; column: number}}
	| {type: 'filter-start'}
	| {type: 'filter-type'; text: string}
	| {type: 'filter-backspace'}
	| {type: 'filter-accept'}
	| {type: 'filter-clear'}
	| {type: 'cycle-sort'}
	| {type: 'toggle-merged'}
	| {type: 'notice'; text: string}
	| {type: 'toggle-mark'; branch: string}
	/** After an integration: the marks are spent. */
	| {type: 'clear-marks'}
	/** `p` on the agents view: the next period of what was built. */
	| {type: 'cycle-period'}
	/** `z`: fold an agent's branches into one line, or unfold them; the cursor stays on the agent. */
	| {type: 'toggle-fold'; agent: string; rowKey: string};

export const initialScreenState: ScreenState = {
	layers: [{kind: 'dashboard'}],
	selectedKey: null,
	selectedIndex: 0,
	filter: '',
	filterEditing: false,
	sort: 'agent',
	showMerged: false,
	notice: null,
	marked: [],
	foldedAgents: [],
};

export function topLayer(state: ScreenState): Layer {
	return state.layers.at(-1)!;
}

function clamp(value: number, low: number, high: number): number {
	return Math.max(low, Math.min(high, value));
}

/** Applies a motion to a position in `0..last`. */
export function applyMotion(position: number, by: Motion, last: number): number {
	if (last < 0) {
		return 0;
	}

	if (by === 'top') {
		return 0;
	}

	if (by === 'bottom') {
		return last;
	}

	return clamp(position + by, 0, last);
}

/** Where the selection is among `keys`: its key if present, else its last index (clamped). */
export function selectedPosition(state: Pick<ScreenState, 'selectedKey' | 'selectedIndex'>, keys: readonly string[]): number {
	const byKey = state.selectedKey === null ? -1 : keys.indexOf(state.selectedKey);
	return byKey === -1 ? clamp(state.selectedIndex, 0, Math.max(0, keys.length - 1)) : byKey;
}

function replaceTop(state: ScreenState, layer: Layer): ScreenState {
	return {...state, layers: [...state.layers.slice(0, -1), layer]};
}

function reduce(state: ScreenState, action: ScreenAction): ScreenState {
	const top = topLayer(state);
	switch (action.type) {
		case 'move': {
			if (action.keys.length === 0) {
				return state;
			}

			const next = applyMotion(selectedPosition(state, action.keys), action.by, action.keys.length - 1);
			return {...state, selectedKey: action.keys[next]!, selectedIndex: next};
		}

		case 'push': {
			return {...state, layers: [...state.layers, action.layer]};
		}

		case 'back': {
			if (top.kind === 'dashboard') {
				return state.filter === '' && !state.filterEditing ? state : {...state, filter: '', filterEditing: false};
			}

			return {...state, layers: state.layers.slice(0, -1)};
		}

		case 'toggle': {
			return top.kind === action.layer.kind && state.layers.length > 1
				? {...state, layers: state.layers.slice(0, -1)}
				: {...state, layers: [...state.layers, action.layer]};
		}

		case 'scroll': {
			if (!('scroll' in top)) {
				return state;
			}

			return replaceTop(state, {...top, scroll: applyMotion(Math.min(top.scroll, action.max), action.by, action.max)});
		}

		case 'map-move': {
			if (top.kind !== 'conflict-map') {
				return state;
			}

			return replaceTop(state, {
				kind: 'conflict-map',
				row: applyMotion(top.row, action.by.row, action.rows - 1),
				column: applyMotion(top.column, action.by.column, action.columns - 1),
			});
		}

		case 'filter-start': {
			return {...state, filterEditing: true};
		}

		case 'filter-type': {
			return {...state, filter: state.filter + action.text};
		}

		case 'filter-backspace': {
			return {...state, filter: [...state.filter].slice(0, -1).join('')};
		}

		case 'filter-accept': {
			return {...state, filterEditing: false};
		}

		case 'filter-clear': {
			return {...state, filter: '', filterEditing: false};
		}

		case 'cycle-sort': {
			const next = sortModes[(sortModes.indexOf(state.sort) + 1) % sortModes.length]!;
			return {...state, sort: next};
		}

		case 'toggle-merged': {
			return {...state, showMerged: !state.showMerged};
		}

		case 'cycle-period': {
			if (top.kind !== 'agents') {
				return state;
			}

			return replaceTop(state, {...top, period: builtPeriods[(builtPeriods.indexOf(top.period) + 1) % builtPeriods.length]!});
		}

		case 'toggle-fold': {
			const folded = state.foldedAgents.includes(action.agent);
			return {
				...state,
				foldedAgents: folded ? state.foldedAgents.filter(agent => agent !== action.agent) : [...state.foldedAgents, action.agent],
				selectedKey: action.rowKey,
			};
		}

		case 'notice': {
			return {...state, notice: action.text};
		}

		case 'toggle-mark': {
			const marked = state.marked.includes(action.branch) ? state.marked.filter(name => name !== action.branch) : [...state.marked, action.branch];
			return {...state, marked};
		}

		case 'clear-marks': {
			return {...state, marked: []};
		}
	}
}

/** The pure transition. A notice lasts until the next action, so any key clears it. */
export function screenReducer(state: ScreenState, action: ScreenAction): ScreenState {
	const next = reduce(state, action);
	if (action.type !== 'notice' && next.notice !== null) {
		return {...next, notice: null};
	}

	return next;
}
