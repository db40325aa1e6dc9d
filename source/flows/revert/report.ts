/**
 * The report of a revert flow, the same on the command line and on the dashboard's
 * revert screen: the suspects whose revert conflicted, the culprit with its agent and
 * the runs it took, and whether the smaller revert (the culprit alone) is enough.
 */
import {makeVisible} from '../../core/text-safety.js';
import {label, type RevertState} from './machine.js';

export interface ReportLine {
	text: string;
	tone: 'ok' | 'bad' | 'info';
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The conflicting reverts, the culprit and the smaller revert, as far as the flow got. */
export function findingLines(state: RevertState): ReportLine[] {
	const lines: ReportLine[] = [];
	for (const skipped of state.skipped) {
		lines.push({text: `the revert of ${label(state, skipped.commit)} conflicts with later commits in ${skipped.files.map(file => makeVisible(file)).join(', ')}${state.input.onConflict === 'skip' && state.outcome !== 'conflict' ? '; skipped' : ''}`, tone: 'bad'});
	}

	const culprit = state.culprit ? state.input.suspects.find(suspect => suspect.commit === state.culprit) : undefined;
	if (culprit) {
		lines.push({text: `culprit: ${culprit.label} (${culprit.commit.slice(0, 12)}${culprit.agent ? `, agent ${culprit.agent}` : ''}), found in ${plural(state.runs.length, 'verification run')}`, tone: 'bad'});
		if (state.alone === 'green' && state.chain.length > 1) {
			lines.push({text: `reverting ${culprit.label} alone is enough: the ${state.chain.length - 1} newer commit${state.chain.length === 2 ? ' is' : 's are'} kept`, tone: 'ok'});
		} else if (state.alone === 'red') {
			lines.push({text: `reverting ${culprit.label} alone is not enough: the newer reverts are needed too`, tone: 'info'});
		} else if (state.alone === 'conflict') {
			lines.push({text: `reverting ${culprit.label} alone conflicts with the newer commits: the newer reverts are needed too`, tone: 'info'});
		}
	}

	return lines;
}
