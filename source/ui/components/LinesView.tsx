import {Box, Text} from 'ink';
import {clipped} from '../format.js';
import type {Line} from '../state/detail-lines.js';

/** The largest useful scroll offset for `count` lines in `height` rows (one row goes to the position line). */
export function maxScroll(count: number, height: number): number {
	return Math.max(0, count - Math.max(1, height - 1));
}

/** A scrolled window over prepared lines, with where-am-I when it does not all fit. */
export function LinesView({lines, scroll, height}: {lines: readonly Line[]; scroll: number; height: number}) {
	const room = Math.max(1, height - 1);
	const start = Math.min(scroll, maxScroll(lines.length, height));
	const visible = lines.slice(start, start + room);
	const position = lines.length > room ? `lines ${start + 1}–${start + visible.length} of ${lines.length} (↑↓ scroll)` : '';
	return (
		<Box flexDirection="column" height={height}>
			{visible.map((line, index) => (
				// Lines are positional; the same index is the same line until the content changes.
				<Text key={start + index} bold={line.bold} dimColor={line.dim} color={line.color} wrap="truncate-end">
					{line.text === '' ? ' ' : clipped(line.text)}
				</Text>
			))}
			{position ? <Text dimColor>{position}</Text> : null}
		</Box>
	);
}
