import {Box, Text, useStdout} from 'ink';
import {useAppContext} from '../app-context.js';
import {BranchCards} from '../components/BranchCards.js';
import {BranchTable} from '../components/BranchTable.js';
import {WatchView} from '../components/WatchView.js';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import {useTerminalHandoff} from '../hooks/use-terminal-handoff.js';
import {dashboardKeys, type DashboardKeyId} from '../keys/dashboard.js';
import {filterKeys, type FilterKeyId} from '../keys/filter.js';
import {foldPrefix} from '../state/dashboard-rows.js';
import type {PageKind} from '../state/branch-acts.js';
import {branchesToDelete} from '../state/delete-branches.js';
import type {Motion} from '../state/screen-state.js';
import {clipboardSequence} from '../terminal-screen.js';
import type {WatchEvent} from '../../core/watch-events.js';

function EmptyList() {
	const {live, screen, model} = useAppContext();
	if (!live.snapshot) {
		return <Text dimColor>reading the repository…</Text>;
	}

	if (screen.filter !== '') {
		return <Text dimColor>no branch matches the filter (esc clears it)</Text>;
	}

	return <Text dimColor>{model.hiddenMergedCount > 0 ? 'every branch is merged (M shows them)' : 'no agent branches or claims yet'}</Text>;
}

/** The bottom layer: the list in the shape the layout chose, and the dashboard's keys. */
export function DashboardScreen({isActive, events}: {isActive: boolean; events: readonly WatchEvent[]}) {
	const {actions, acts, dispatch, live, model, screen, layout, keyContext, cursor} = useAppContext();
	const onDisabled = (text: string): void => {
		dispatch({type: 'notice', text});
	};

	const keys = model.rows.map(row => row.key);
	const handOff = useTerminalHandoff();
	const {stdout} = useStdout();
	// `d`, `l`: git writes the page while the dashboard stays live, then the pager has the terminal.
	const page = (kind: PageKind): void => {
		const branch = model.rows[cursor]?.branch;
		if (!branch || !acts || !live.snapshot) {
			return;
		}

		const what = `the ${kind} of ${branch.name}`;
		dispatch({type: 'notice', text: `reading ${what}…`});
		acts.preparePage(kind, live.snapshot.base.name, branch).then(prepared => {
			const problem = handOff(() => prepared.show());
			dispatch({type: 'notice', text: problem ?? `closed ${what}`});
		}, (error: unknown) => {
			dispatch({type: 'notice', text: `could not read ${what}: ${error instanceof Error ? error.message : String(error)}`});
		});
	};

	const move = (by: Motion) => () => {
		dispatch({type: 'move', by, keys});
	};

	useScreenKeys<DashboardKeyId>(dashboardKeys, keyContext, {
		'move-up': move(-1),
		'move-down': move(1),
		top: move('top'),
		bottom: move('bottom'),
		details() {
			const row = model.rows[cursor]!;
			// A folded agent has no one branch to detail: enter unfolds it.
			dispatch(row.fold && row.branch ? {type: 'toggle-fold', agent: row.fold.agent, rowKey: row.branch.name} : {type: 'push', layer: {kind: 'details', rowKey: row.key, scroll: 0}});
		},
		agents() {
			dispatch({type: 'push', layer: {kind: 'agents', scroll: 0, period: '30d'}});
		},
		fold() {
			const row = model.rows[cursor];
			if (row?.agent) {
				// Unfolded, the cursor lands on the agent's most urgent branch; folded, on its line.
				dispatch({type: 'toggle-fold', agent: row.agent, rowKey: row.fold && row.branch ? row.branch.name : foldPrefix + row.agent});
			}
		},
		'clear-filter'() {
			dispatch({type: 'back'});
		},
		mark() {
			const branch = model.rows[cursor]?.branch;
			if (branch) {
				dispatch({type: 'toggle-mark', branch: branch.name});
			}
		},
		integrate() {
			// A marked branch deleted since is left out; the flow checks the rest again itself.
			const present = new Set(model.rows.flatMap(row => (row.branch ? [row.branch.name] : [])));
			const branches = screen.marked.filter(name => present.has(name));
			if (branches.length === 0) {
				dispatch({type: 'notice', text: 'i: the marked branches are no longer in the repository'});
				return;
			}

			dispatch({type: 'push', layer: {kind: 'integration', branches}});
		},
		checklist() {
			const branch = model.rows[cursor]?.branch;
			if (branch) {
				dispatch({type: 'push', layer: {kind: 'checklist', branch: branch.name}});
			}
		},
		revert() {
			dispatch({type: 'push', layer: {kind: 'revert'}});
		},
		fetch: actions.fetch,
		refresh: actions.refresh,
		uncommitted() {
			actions.setIncludeUncommitted(live.includeUncommitted !== true);
		},
		filter() {
			dispatch({type: 'filter-start'});
		},
		sort() {
			dispatch({type: 'cycle-sort'});
		},
		// Start off the diagonal: the first cell worth reading compares two different branches.
		'conflict-map'() {
			dispatch({type: 'push', layer: {kind: 'conflict-map', row: 0, column: 1}});
		},
		'contended-files'() {
			dispatch({type: 'toggle', layer: {kind: 'contended-files', scroll: 0}});
		},
		merged() {
			dispatch({type: 'toggle-merged'});
		},
		'git-log'() {
			dispatch({type: 'toggle', layer: {kind: 'git-log', scroll: 0}});
		},
		warnings() {
			dispatch({type: 'toggle', layer: {kind: 'warnings', scroll: 0}});
		},
		events() {
			dispatch({type: 'toggle', layer: {kind: 'events', scroll: 0}});
		},
		diff: () => {
			page('diff');
		},
		log: () => {
			page('log');
		},
		copy() {
			const branch = model.rows[cursor]?.branch;
			if (branch) {
				// Straight to the terminal: it moves no cursor, so Ink's frame stays as drawn.
				stdout.write(clipboardSequence(branch.name));
				dispatch({type: 'notice', text: `copied ${branch.name}`});
			}
		},
		'delete-merged'() {
			const branches = branchesToDelete(live.snapshot, model.rows[cursor]?.branch ?? null);
			if (branches.length > 0) {
				dispatch({type: 'push', layer: {kind: 'delete-branches', branches}});
			}
		},
		help() {
			dispatch({type: 'push', layer: {kind: 'help', scroll: 0}});
		},
		quit: actions.quit,
	}, {isActive: isActive && !screen.filterEditing, onDisabled});

	useScreenKeys<FilterKeyId>(filterKeys, keyContext, {
		accept() {
			dispatch({type: 'filter-accept'});
		},
		clear() {
			dispatch({type: 'filter-clear'});
		},
		erase() {
			dispatch({type: 'filter-backspace'});
		},
		quit: actions.quit,
	}, {
		isActive: isActive && screen.filterEditing,
		onDisabled,
		onText(text) {
			dispatch({type: 'filter-type', text});
		},
	});

	const list = layout.kind === 'table' ? <BranchTable/> : layout.kind === 'cards' ? <BranchCards/> : <WatchView events={events}/>;
	return (
		<Box flexDirection="column" height={layout.bodyHeight}>
			{model.rows.length === 0 && layout.kind !== 'watch' ? <EmptyList/> : list}
		</Box>
	);
}
