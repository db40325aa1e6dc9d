import {Box, Text} from 'ink';
import {useAppContext} from '../app-context.js';
import {ConflictGrid} from '../components/ConflictGrid.js';
import {shown} from '../format.js';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import {conflictMapKeys, type ConflictMapKeyId} from '../keys/conflict-map.js';

/** `m`: which unmerged agent branches conflict with which, and with base, by number of files. */
export function ConflictMapScreen({row, column, isActive}: {row: number; column: number; isActive: boolean}) {
	const {conflictMap: map, layout, dispatch, actions, keyContext, live} = useAppContext();
	const rows = map?.branches.length ?? 0;
	const columns = map?.columns.length ?? 0;
	// The grid shows bodyHeight - 3 branch rows (heading, summary, legend).
	const page = Math.max(1, layout.bodyHeight - 3);
	const move = (by: {row: number; column: number}) => () => {
		dispatch({type: 'map-move', rows, columns, by});
	};

	useScreenKeys<ConflictMapKeyId>(conflictMapKeys, keyContext, {
		up: move({row: -1, column: 0}),
		down: move({row: 1, column: 0}),
		left: move({row: 0, column: -1}),
		right: move({row: 0, column: 1}),
		'page-down': move({row: page, column: 0}),
		'page-up': move({row: -page, column: 0}),
		first: move({row: -rows, column: 0}),
		last: move({row: rows, column: 0}),
		open() {
			if (map) {
				dispatch({type: 'push', layer: {kind: 'conflict-files', branch: map.branches[row]!, other: map.columns[column]!, scroll: 0}});
			}
		},
		back() {
			dispatch({type: 'back'});
		},
		help() {
			dispatch({type: 'push', layer: {kind: 'help', scroll: 0}});
		},
		quit: actions.quit,
	}, {isActive, onDisabled: text => dispatch({type: 'notice', text})});

	if (!map || rows === 0) {
		const why = map && map.leftOut > 0 ? `no conflicts among ${map.leftOut} unmerged agent branch(es)${live.conflictsPending ? ' (still being predicted)' : ''}` : 'no unmerged agent branches to compare';
		return <Box height={layout.bodyHeight}><Text dimColor>{why}</Text></Box>;
	}

	const cell = map.cellAt(row, column);
	const pair = `${shown(map.branches[row]!)} × ${shown(map.columns[column]!)}`;
	const summary = cell.kind === 'self'
		? `${pair}: the same branch`
		: cell.kind === 'unknown'
			? `${pair}: ${live.conflictsPending ? 'still being predicted' : 'not predicted'}`
			: `${pair}: ${cell.files.length} conflicting file(s)${cell.files.length > 0 ? ' (enter lists them)' : ''}`;
	return (
		<Box flexDirection="column" height={layout.bodyHeight}>
			<ConflictGrid map={map} row={row} column={column} width={layout.columns} height={layout.bodyHeight - 2}/>
			<Text wrap="truncate-end">{summary}</Text>
			<Text dimColor wrap="truncate-end">{map.leftOut > 0 ? `${map.leftOut} branch(es) without conflicts left out · ` : ''}cells: number of conflicting files · - none · ? not predicted · · same branch</Text>
		</Box>
	);
}
