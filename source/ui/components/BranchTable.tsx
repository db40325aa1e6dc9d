import {Box, Text} from 'ink';
import {useAppContext} from '../app-context.js';
import {agentText, aheadBehind, branchText, claimText, lastActivityText} from '../format.js';
import {useScrollWindow} from '../hooks/use-scroll-window.js';
import {tableColumns, tableHeadings} from '../layout.js';
import type {DashboardRow} from '../state/dashboard-rows.js';
import {CheckinCell, ConflictCell, Marker, VerdictCell} from './cells.js';

type Widths = ReturnType<typeof tableColumns>;

function Headings({widths}: {widths: Widths}) {
	const cells = tableHeadings(widths);
	return (
		<Box>
			{cells.map(([label, width]) => (
				<Box key={label || 'marker'} width={width} paddingRight={1}><Text bold dimColor wrap="truncate-end">{label}</Text></Box>
			))}
		</Box>
	);
}

/** A folded agent: its name and count across the branch columns, its counts by verdict across the rest. */
function FoldRow({row, selected, widths}: {row: DashboardRow; selected: boolean; widths: Widths}) {
	const left = widths.branch + widths.agent + widths.claim + widths.checkin;
	return (
		<Box>
			<Box width={widths.marker}><Marker selected={selected}/></Box>
			<Box width={left} paddingRight={1}><Text bold={selected} wrap="truncate-end">{branchText(row)}</Text></Box>
			<Box flexGrow={1}><VerdictCell row={row}/></Box>
		</Box>
	);
}

function TableRow({row, selected, marked, widths, pending, now}: {row: DashboardRow; selected: boolean; marked: boolean; widths: Widths; pending: boolean; now: number}) {
	if (row.fold) {
		return <FoldRow row={row} selected={selected} widths={widths}/>;
	}

	return (
		<Box>
			<Box width={widths.marker}><Marker selected={selected} marked={marked}/></Box>
			<Box width={widths.branch} paddingRight={1}><Text bold={selected} wrap="truncate-end">{branchText(row)}</Text></Box>
			<Box width={widths.agent} paddingRight={1}><Text wrap="truncate-end">{agentText(row)}</Text></Box>
			{widths.claim > 0 && <Box width={widths.claim} paddingRight={1}><Text dimColor={!row.claim} wrap="truncate-end">{claimText(row)}</Text></Box>}
			{widths.checkin > 0 && <Box width={widths.checkin} paddingRight={1}><CheckinCell row={row}/></Box>}
			<Box width={widths.aheadBehind}><Text wrap="truncate-end">{aheadBehind(row.branch)}</Text></Box>
			<Box width={widths.activity}><Text dimColor wrap="truncate-end">{lastActivityText(row, now)}</Text></Box>
			<Box width={widths.conflicts}><ConflictCell row={row} pending={pending}/></Box>
			<Box width={widths.readiness}><VerdictCell row={row}/></Box>
		</Box>
	);
}

/** The wide layout: every branch side by side, one line each, only the visible ones drawn. */
export function BranchTable() {
	const {model, cursor, layout, live, screen, now} = useAppContext();
	const widths = tableColumns(layout.columns, {claims: model.anyClaim, checklist: model.rows.some(row => row.branch?.checklist)});
	const {start, end} = useScrollWindow(model.rows.length, cursor, layout.visibleItems);
	return (
		<Box flexDirection="column">
			<Headings widths={widths}/>
			{model.rows.slice(start, end).map((row, offset) => (
				<TableRow key={row.key} row={row} selected={start + offset === cursor} marked={row.branch !== null && screen.marked.includes(row.branch.name)} widths={widths} pending={live.conflictsPending} now={now}/>
			))}
		</Box>
	);
}
