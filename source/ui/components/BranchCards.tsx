import {Box, Text} from 'ink';
import {useAppContext} from '../app-context.js';
import {agentText, aheadBehind, branchText, claimText, lastActivityText} from '../format.js';
import {useScrollWindow} from '../hooks/use-scroll-window.js';
import type {DashboardRow} from '../state/dashboard-rows.js';
import {CheckinCell, ConflictCell, Marker, VerdictCell} from './cells.js';

function Card({row, selected, marked, pending, now}: {row: DashboardRow; selected: boolean; marked: boolean; pending: boolean; now: number}) {
	if (row.fold) {
		return (
			<Box flexDirection="column" height={3}>
				<Box>
					<Box width={2} flexShrink={0}><Marker selected={selected}/></Box>
					<Text bold={selected} wrap="truncate-end">{branchText(row)}</Text>
				</Box>
				<Box paddingLeft={2}><VerdictCell row={row}/></Box>
			</Box>
		);
	}

	return (
		<Box flexDirection="column">
			<Box>
				<Box width={2} flexShrink={0}><Marker selected={selected} marked={marked}/></Box>
				<Box flexGrow={1} flexShrink={1} marginRight={1}><Text bold={selected} wrap="truncate-end">{branchText(row)}</Text></Box>
				<VerdictCell row={row}/>
			</Box>
			<Box paddingLeft={2}>
				<Text wrap="truncate-end">{agentText(row)} · {aheadBehind(row.branch)} · last {lastActivityText(row, now)} · </Text>
				<ConflictCell row={row} pending={pending} prefix="conflicts "/>
				<Text> · </Text>
				<CheckinCell row={row}/>
			</Box>
			<Box paddingLeft={2}><Text dimColor wrap="truncate-end">claim: {claimText(row)}</Text></Box>
		</Box>
	);
}

/** Below 100 columns: each branch as a three-line card, only the visible ones drawn. */
export function BranchCards() {
	const {model, cursor, layout, live, screen, now} = useAppContext();
	const {start, end} = useScrollWindow(model.rows.length, cursor, layout.visibleItems);
	return (
		<Box flexDirection="column">
			{model.rows.slice(start, end).map((row, offset) => (
				<Card key={row.key} row={row} selected={start + offset === cursor} marked={row.branch !== null && screen.marked.includes(row.branch.name)} pending={live.conflictsPending} now={now}/>
			))}
		</Box>
	);
}
