import type {ScreenId} from '../keys/index.js';
import type {Layer} from '../state/screen-state.js';
import type {WatchEvent} from '../../core/watch-events.js';
import {AgentsScreen} from './AgentsScreen.js';
import {ChecklistScreen} from './ChecklistScreen.js';
import {ConflictFilesScreen} from './ConflictFilesScreen.js';
import {ConflictMapScreen} from './ConflictMapScreen.js';
import {ContendedFilesScreen} from './ContendedFilesScreen.js';
import {DashboardScreen} from './DashboardScreen.js';
import {DeleteBranchesScreen} from './DeleteBranchesScreen.js';
import {DetailsScreen} from './DetailsScreen.js';
import {EventsScreen} from './EventsScreen.js';
import {GitLogScreen} from './GitLogScreen.js';
import {HelpScreen} from './HelpScreen.js';
import {IntegrationScreen} from './IntegrationScreen.js';
import {RevertScreen} from './RevertScreen.js';
import {WarningsScreen} from './WarningsScreen.js';

/**
 * Draws the top layer. Each screen listens with `isActive`; only the top one is
 * mounted today, and a future overlay (a confirm dialog) can sit above a mounted
 * screen by passing it `isActive={false}`.
 */
export function TopScreen({layer, below, events, flow}: {layer: Layer; below: ScreenId; events: readonly WatchEvent[]; flow?: Layer | undefined}) {
	// A running flow stays mounted (hidden) under help and the git log, in the same place
	// of the tree, so it goes on and keeps its state.
	const flowOnTop = flow !== undefined && layer === flow;
	return (
		<>
			{flow?.kind === 'integration' ? <IntegrationScreen isActive={flowOnTop} hidden={!flowOnTop} branches={flow.branches}/> : null}
			{flow?.kind === 'revert' ? <RevertScreen isActive={flowOnTop} hidden={!flowOnTop}/> : null}
			{flowOnTop ? null : <LayerScreen layer={layer} below={below} events={events}/>}
		</>
	);
}

function LayerScreen({layer, below, events}: {layer: Layer; below: ScreenId; events: readonly WatchEvent[]}) {
	switch (layer.kind) {
		case 'dashboard': {
			return <DashboardScreen isActive events={events}/>;
		}

		case 'details': {
			return <DetailsScreen isActive rowKey={layer.rowKey} scroll={layer.scroll}/>;
		}

		case 'help': {
			return <HelpScreen isActive of={below} scroll={layer.scroll}/>;
		}

		case 'conflict-map': {
			return <ConflictMapScreen isActive row={layer.row} column={layer.column}/>;
		}

		case 'conflict-files': {
			return <ConflictFilesScreen isActive branch={layer.branch} other={layer.other} scroll={layer.scroll}/>;
		}

		case 'git-log': {
			return <GitLogScreen isActive scroll={layer.scroll}/>;
		}

		case 'warnings': {
			return <WarningsScreen isActive scroll={layer.scroll}/>;
		}

		case 'contended-files': {
			return <ContendedFilesScreen isActive scroll={layer.scroll}/>;
		}

		case 'checklist': {
			return <ChecklistScreen isActive branch={layer.branch}/>;
		}

		case 'events': {
			return <EventsScreen isActive events={events} scroll={layer.scroll}/>;
		}

		case 'integration':
		case 'revert': {
			// Drawn by TopScreen, which keeps it mounted.
			return null;
		}

		case 'agents': {
			return <AgentsScreen isActive scroll={layer.scroll} period={layer.period}/>;
		}

		case 'delete-branches': {
			return <DeleteBranchesScreen isActive branches={layer.branches}/>;
		}
	}
}
