import {Box, Text} from 'ink';
import {useAppContext} from '../app-context.js';
import {branchText} from '../format.js';
import {useScrollWindow} from '../hooks/use-scroll-window.js';
import type {WatchEvent} from '../../core/watch-events.js';
import {CheckinCell, ConflictCell, Marker, VerdictCell} from './cells.js';

function clockTime(at: number): string {
	return new Date(at).toISOString().slice(11, 16);
}

/** `watch`: one compact line per branch, then the newest events that fit. */
export function WatchView({events}: {events: readonly WatchEvent[]}) {
	const {model, cursor, layout, live} = useAppContext();
	const {start, end} = useScrollWindow(model.rows.length, cursor, layout.visibleItems);
	const recent = events.slice(-layout.eventLogHeight);
	return (
		<Box flexDirection="column">
			<Box flexDirection="column" height={layout.visibleItems}>
				{model.rows.slice(start, end).map((row, offset) => (
					<Box key={row.key}>
						<Box width={2} flexShrink={0}><Marker selected={start + offset === cursor}/></Box>
						<Box flexGrow={1} flexShrink={1} marginRight={1}><Text wrap="truncate-end">{branchText(row)}</Text></Box>
						{layout.cramped ? null : <Box width={9} flexShrink={0}><ConflictCell row={row} pending={live.conflictsPending}/></Box>}
						<Box width={layout.cramped ? 8 : 11} flexShrink={0}><CheckinCell short row={row}/></Box>
						<Box width={9} flexShrink={0}><VerdictCell row={row}/></Box>
					</Box>
				))}
			</Box>
			<Text bold dimColor>events</Text>
			{recent.length === 0 ? <Text dimColor wrap="truncate-end">nothing yet; changes appear here as they happen</Text> : null}
			{recent.map((event, index) => (
				// Events have no identity of their own; their place in the whole log is stable.
				<Text key={events.length - recent.length + index} wrap="truncate-end">
					<Text dimColor>{clockTime(event.at)}</Text> {event.message}
				</Text>
			))}
		</Box>
	);
}
