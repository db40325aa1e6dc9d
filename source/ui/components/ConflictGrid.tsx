import {Box, Text} from 'ink';
import {shown} from '../format.js';
import {useScrollWindow} from '../hooks/use-scroll-window.js';
import type {ConflictCell, ConflictMap} from '../state/conflict-map.js';

const cellWidth = 6;
const moreWidth = 10;

function cellText(cell: ConflictCell): string {
	if (cell.kind === 'self') {
		return '·';
	}

	if (cell.kind === 'unknown') {
		return '?';
	}

	return cell.files.length === 0 ? '-' : String(cell.files.length);
}

interface GridProps {
	map: ConflictMap;
	row: number;
	column: number;
	width: number;
	height: number;
}

/** Rows are branches, columns the same branches by number and then base; only what fits is drawn. */
export function ConflictGrid({map, row, column, width, height}: GridProps) {
	const labelWidth = Math.max(12, Math.min(32, Math.floor(width * 0.35)));
	const rows = useScrollWindow(map.branches.length, row, Math.max(1, height - 1));
	// Room is kept at the right for saying how many columns lie beyond.
	const columns = useScrollWindow(map.columns.length, column, Math.max(1, Math.floor((width - labelWidth - moreWidth) / cellWidth)));
	const before = columns.start;
	const after = map.columns.length - columns.end;
	const columnIndexes = Array.from({length: columns.end - columns.start}, (_, offset) => columns.start + offset);
	const heading = (index: number): string => (index === map.branches.length ? 'base' : String(index + 1));
	return (
		<Box flexDirection="column">
			<Box>
				<Box width={labelWidth}><Text dimColor wrap="truncate-end">{before > 0 ? `branch \\ with ←${before}` : 'branch \\ with'}</Text></Box>
				{columnIndexes.map(index => (
					<Box key={index} width={cellWidth}><Text bold={index === column} dimColor={index !== column}>{heading(index)}</Text></Box>
				))}
				{after > 0 ? <Text color="cyan">{` ${after} more →`}</Text> : null}
			</Box>
			{map.branches.slice(rows.start, rows.end).map((name, offset) => {
				const rowIndex = rows.start + offset;
				return (
					<Box key={name}>
						<Box width={labelWidth} paddingRight={1}>
							<Text bold={rowIndex === row} wrap="truncate-end">{rowIndex + 1} {shown(name)}</Text>
						</Box>
						{columnIndexes.map(index => {
							const cell = map.cellAt(rowIndex, index);
							const conflicting = cell.kind === 'files' && cell.files.length > 0;
							const text = cellText(cell);
							// Brackets mark the cursor cell, so it shows under NO_COLOR too.
							const selected = rowIndex === row && index === column;
							return (
								<Box key={index} width={cellWidth}>
									<Text inverse={selected} color={conflicting ? (index === map.branches.length ? 'red' : 'yellow') : undefined} dimColor={!conflicting && !selected}>
										{selected ? `[${text}]` : ` ${text} `}
									</Text>
								</Box>
							);
						})}
					</Box>
				);
			})}
		</Box>
	);
}
