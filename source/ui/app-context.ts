/**
 * What every screen reads (state) and calls (actions), provided once by `App` so the
 * screens need no prop drilling (after gemini-cli's UIState/UIActions contexts).
 */
import {createContext, useContext, type Dispatch} from 'react';
import type {GitCommandLog} from '../git/command-log.js';
import type {KeyContext} from './keys/context.js';
import type {ScreenId} from './keys/index.js';
import type {Layout} from './layout.js';
import type {BranchActs} from './state/branch-acts.js';
import type {ChecklistServices} from './state/checklist-services.js';
import type {ConflictMap} from './state/conflict-map.js';
import type {IntegrationServices} from './state/integration-services.js';
import type {RevertServices} from './state/revert-services.js';
import type {DashboardModel} from './state/dashboard-rows.js';
import type {DashboardActions, LiveState} from './state/live-state.js';
import type {ScreenAction, ScreenState} from './state/screen-state.js';

export interface AppContextValue {
	live: LiveState;
	actions: DashboardActions;
	gitLog: GitCommandLog;
	/** The clock read for this render (ms since epoch). */
	now: number;
	layout: Layout;
	screen: ScreenState;
	dispatch: Dispatch<ScreenAction>;
	/** Dashboard rows after filter, sort and folding. */
	model: DashboardModel;
	/** Index of the selected row in `model.rows`. */
	cursor: number;
	keyContext: KeyContext;
	/** Built once per snapshot; null before the first one. */
	conflictMap: ConflictMap | null;
	/** The checklist's store and runner; absent where there is no repository behind the UI. */
	checklist?: ChecklistServices;
	/** The pager and branch deletion (`d`, `l`, `D`); absent where there is no repository behind the UI. */
	acts?: BranchActs;
	/** The checklist screen tells the footer and the keys what it is doing. */
	setChecklistKeyState: (state: KeyContext['checklist']) => void;
	/** The integration flow's preparation and run; absent where there is no repository behind the UI. */
	integration?: IntegrationServices;
	/** The revert flow's plan and run; absent where there is no repository behind the UI. */
	revert?: RevertServices;
	/** A flow screen (integration, revert) tells the footer which of its tables applies, and what it is doing. */
	setFlowKeyState: (state: FlowKeyState | undefined) => void;
}

export type FlowKeyState = NonNullable<KeyContext['flow']> & {footer: ScreenId};

export const AppContext = createContext<AppContextValue | null>(null);

export function useAppContext(): AppContextValue {
	const value = useContext(AppContext);
	if (!value) {
		throw new Error('useAppContext() must be used inside <App>, which provides the screen state');
	}

	return value;
}

/** A dispatcher for the notice shown when a disabled key is pressed. */
export function useNotice(): (text: string) => void {
	const {dispatch} = useAppContext();
	return text => {
		dispatch({type: 'notice', text});
	};
}
