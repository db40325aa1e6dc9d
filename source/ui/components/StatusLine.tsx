import {Box, Text} from 'ink';
import {useAppContext} from '../app-context.js';
import {shown} from '../format.js';
import {Spinner} from './Spinner.js';

function secondsAgo(then: number, now: number): string {
	const seconds = Math.max(0, Math.round((now - then) / 1000));
	return seconds < 90 ? `${seconds} s ago` : `${Math.round(seconds / 60)} min ago`;
}

/** Errors (in full, wrapped), then one line: the last refresh, a running fetch and pending work. Never a crash. */
export function StatusLine() {
	const {live, now} = useAppContext();
	const snapshot = live.snapshot;
	const parts: string[] = [];
	if (snapshot && snapshot.repo.state !== 'clean') {
		parts.push(`repo ${snapshot.repo.state}`);
	}

	if (snapshot && snapshot.warnings.length > 0) {
		parts.push(`${snapshot.warnings.length} coordination warning(s) (w shows)`);
	}

	parts.push(...(snapshot?.notices ?? []).map(notice => shown(notice)));
	parts.push(live.lastRefreshAt === null ? 'not refreshed yet' : `refreshed ${secondsAgo(live.lastRefreshAt, now)}`);
	// An error is written in full, on its own line(s): cut, it would hide the key or the fix it names.
	return (
		<Box flexDirection="column">
			{live.error ? <Text color="red" wrap="wrap">error: {shown(live.error)}</Text> : null}
			<Box>
				{live.fetching ? <Box marginRight={1}><Spinner label="fetching ·"/></Box> : null}
				{live.conflictsPending ? <Box marginRight={1}><Spinner label="predicting conflicts ·"/></Box> : null}
				<Text dimColor wrap="truncate-end">{parts.join(' · ')}</Text>
			</Box>
		</Box>
	);
}
