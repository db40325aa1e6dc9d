/**
 * The root of the dashboard and of `watch`: it holds the screen state, picks the
 * layout for the terminal's size and draws the top layer between the header and the
 * footer. It renders `live` and calls `actions`; it does no I/O of its own.
 */
import {Box} from 'ink';
import {useEffect, useMemo, useReducer, useState} from 'react';
import type {GitCommandLog} from '../git/command-log.js';
import {AppContext, type AppContextValue, type FlowKeyState} from './app-context.js';
import {ErrorBoundary} from './components/ErrorBoundary.js';
import {Footer} from './components/Footer.js';
import {Header} from './components/Header.js';
import {NoticeLine} from './components/NoticeLine.js';
import {StatusLine} from './components/StatusLine.js';
import {KeyQueueContext, useKeyQueue} from './hooks/use-key-queue.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {useTick} from './hooks/use-tick.js';
import {useWatchEvents} from './hooks/use-watch-events.js';
import type {KeyContext} from './keys/context.js';
import {keyTables, screenTitles, type ScreenId} from './keys/index.js';
import {chooseLayout, type AppMode} from './layout.js';
import {TopScreen} from './screens/TopScreen.js';
import type {BranchActs} from './state/branch-acts.js';
import type {ChecklistServices} from './state/checklist-services.js';
import type {IntegrationServices} from './state/integration-services.js';
import type {RevertServices} from './state/revert-services.js';
import {buildConflictMap} from './state/conflict-map.js';
import {buildDashboardRows} from './state/dashboard-rows.js';
import {branchesToDelete} from './state/delete-branches.js';
import type {DashboardActions, LiveState} from './state/live-state.js';
import {initialScreenState, isFlowLayer, screenReducer, selectedPosition, topLayer} from './state/screen-state.js';

export interface AppProps {
	/** The newest repository state; pass a new object whenever it changes. */
	live: LiveState;
	/** What the keys ask for: refresh, fetch, quit. */
	actions: DashboardActions;
	/** Every git command run so far, for the `L` panel. */
	gitLog: GitCommandLog;
	/** `watch` is the compact live view with an event log, for a split pane. */
	mode: AppMode;
	/** The clock (ms since epoch); injected so tests are deterministic. */
	now: () => number;
	/** The pre-merge checklist's store and runner (`c`); without it the key says why it cannot open. */
	checklist?: ChecklistServices;
	/** The integration flow (`space`, `i`); without it the keys say why they cannot run. */
	integration?: IntegrationServices;
	/** The pager and branch deletion (`d`, `l`, `D`); without them the keys say why they cannot run. */
	acts?: BranchActs;
	/** The emergency revert flow (`R`); without it the key says why it cannot run. */
	revert?: RevertServices;
}

// Ages are shown to the minute; re-deriving the rows more often would only cost time.
const minute = 60_000;
const ageTickMs = 15_000;

export function App({live, actions, gitLog, mode, now, checklist, integration, acts, revert}: AppProps) {
	useTick(ageTickMs);
	const size = useTerminalSize();
	const layout = chooseLayout({...size, mode});
	const [screen, dispatch] = useReducer(screenReducer, initialScreenState);
	const keyQueue = useKeyQueue();
	const [checklistKeyState, setChecklistKeyState] = useState<KeyContext['checklist']>(undefined);
	const [flowKeyState, setFlowKeyState] = useState<FlowKeyState | undefined>(undefined);
	const time = now();
	const timeToTheMinute = Math.floor(time / minute) * minute;
	const {filter, sort, showMerged, foldedAgents} = screen;
	const model = useMemo(
		() => buildDashboardRows(live.snapshot, {filter, sort, showMerged, now: timeToTheMinute, foldedAgents}),
		[live.snapshot, filter, sort, showMerged, timeToTheMinute, foldedAgents],
	);
	const keys = useMemo(() => model.rows.map(row => row.key), [model]);
	const cursor = selectedPosition(screen, keys);
	const conflictMap = useMemo(() => (live.snapshot ? buildConflictMap(live.snapshot) : null), [live.snapshot]);
	// Kept in both modes: `watch` shows the newest under its rows, the dashboard all of them on `e`.
	const events = useWatchEvents(live.snapshot, now, true);

	// Pin the first row by name as soon as there is one, so the next snapshot keeps it.
	useEffect(() => {
		if (screen.selectedKey === null && keys.length > 0) {
			dispatch({type: 'move', by: 0, keys});
		}
	}, [screen.selectedKey, keys]);

	const top = topLayer(screen);
	const below: ScreenId = screen.layers.at(-2)?.kind ?? 'dashboard';
	const mapCell = top.kind === 'conflict-map' && conflictMap ? conflictMap.cellAt(top.row, top.column) : null;
	const keyContext: KeyContext = {
		hasSnapshot: live.snapshot !== null,
		rowCount: model.rows.length,
		fetching: live.fetching,
		cellHasConflicts: mapCell?.kind === 'files' && mapCell.files.length > 0,
		canChecklist: checklist !== undefined,
		selectedBranch: model.rows[cursor]?.branch !== null && model.rows[cursor] !== undefined,
		canIntegrate: integration !== undefined,
		canRevert: revert !== undefined,
		selectedRemoteOnly: model.rows[cursor]?.branch?.local === false,
		markedCount: screen.marked.length,
		selectedAgent: model.rows[cursor]?.agent ?? null,
		canAct: acts !== undefined,
		deletableCount: branchesToDelete(live.snapshot, model.rows[cursor]?.branch ?? null).length,
		...(top.kind === 'checklist' && checklistKeyState ? {checklist: checklistKeyState} : {}),
		...(flowKeyState ? {flow: {ready: flowKeyState.ready, verifying: flowKeyState.verifying, resolving: flowKeyState.resolving ?? false, skippable: flowKeyState.skippable ?? true}} : {}),
	};
	const footerScreen: ScreenId = top.kind === 'dashboard' && screen.filterEditing
		? 'filter'
		: top.kind === 'checklist' && checklistKeyState?.editing
			? 'checklist-note'
			: isFlowLayer(top.kind) ? flowKeyState?.footer ?? top.kind : top.kind;
	// Help about a flow screen describes the phase it is in.
	const belowScreen: ScreenId = isFlowLayer(below) ? flowKeyState?.footer ?? below : below;
	const context: AppContextValue = {
		live, actions, gitLog, now: time, layout, screen, dispatch, model, cursor, keyContext, conflictMap, setChecklistKeyState, setFlowKeyState,
		...(checklist ? {checklist} : {}),
		...(integration ? {integration} : {}),
		...(acts ? {acts} : {}),
		...(revert ? {revert} : {}),
	};
	return (
		<AppContext.Provider value={context}>
			<KeyQueueContext.Provider value={keyQueue}>
				<ErrorBoundary onQuit={actions.quit}>
					<Box flexDirection="column" width={layout.columns}>
						<Header title={top.kind === 'dashboard' ? undefined : screenTitles[top.kind]}/>
						<TopScreen layer={top} below={belowScreen} events={events} flow={screen.layers.find(layer => isFlowLayer(layer.kind))}/>
						<NoticeLine/>
						<StatusLine/>
						<Footer table={keyTables[footerScreen]} context={keyContext} width={layout.columns}/>
					</Box>
				</ErrorBoundary>
			</KeyQueueContext.Provider>
		</AppContext.Provider>
	);
}
