/** Cells shared by the table, the cards and `watch`: colour always comes with a word. */
import {Text} from 'ink';
import {checklistLabel} from '../../core/checklist.js';
import {formatAge} from '../../core/staleness.js';
import {checkinText, conflictSummary, foldCounts, stalenessColor, verdictColor} from '../format.js';
import type {DashboardRow} from '../state/dashboard-rows.js';
import {Spinner} from './Spinner.js';

export function CheckinCell({row, short = false}: {row: DashboardRow; short?: boolean}) {
	if (!row.claim) {
		return <Text dimColor wrap="truncate-end">{short ? 'no claim' : 'no check-in'}</Text>;
	}

	const text = short ? `${formatAge(row.checkinAgeMinutes, 'compact')} ${row.claim.staleness}` : checkinText(row);
	return <Text color={stalenessColor[row.claim.staleness]} wrap="truncate-end">{text}</Text>;
}

export function VerdictCell({row}: {row: DashboardRow}) {
	if (!row.branch) {
		return <Text dimColor>—</Text>;
	}

	if (row.fold) {
		const counts = foldCounts(row.fold);
		return <Text wrap="truncate-end">{counts.map((count, index) => <Text key={count.verdict} color={verdictColor[count.verdict]}>{index > 0 ? ' ' : ''}{count.text}</Text>)}</Text>;
	}

	const verdict = row.branch.readiness.verdict;
	if (verdict === 'pending') {
		// Not judged until conflict prediction answers: a spinner, never a provisional word.
		return <Spinner label="pending"/>;
	}

	const checklist = checklistLabel(row.branch.checklist);
	return <Text wrap="truncate-end"><Text color={verdictColor[verdict]}>{verdict}</Text>{checklist ? <Text dimColor> {checklist}</Text> : null}</Text>;
}

export function ConflictCell({row, pending, prefix = ''}: {row: DashboardRow; pending: boolean; prefix?: string}) {
	const summary = conflictSummary(row.branch, pending);
	if (summary === null) {
		return <Text>{prefix}<Spinner/></Text>;
	}

	const color = summary.startsWith('base') ? 'red' : /^\d/.test(summary) ? 'yellow' : undefined;
	return <Text color={color} dimColor={color === undefined} wrap="truncate-end">{prefix}{summary}</Text>;
}

/** The cursor column: a pointer on the selected row, in words for screen readers and NO_COLOR alike. */
/** The cursor, and `+` on a branch marked for integration (space). */
export function Marker({selected, marked = false}: {selected: boolean; marked?: boolean}) {
	return <Text color="cyan">{selected ? '›' : ' '}<Text color="magenta" bold>{marked ? '+' : ' '}</Text></Text>;
}
