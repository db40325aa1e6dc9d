import {useMemo} from 'react';
import {useAppContext} from '../app-context.js';
import {detailsKeys} from '../keys/details.js';
import {buildDashboardRows} from '../state/dashboard-rows.js';
import {detailLines, type Line} from '../state/detail-lines.js';
import {shown} from '../format.js';
import {TextScreen} from './TextScreen.js';

/** Enter on a row: commits, files, conflicts, claim and readiness reasons of one branch. */
export function DetailsScreen({rowKey, scroll, isActive}: {rowKey: string; scroll: number; isActive: boolean}) {
	const {live, now, screen} = useAppContext();
	const snapshot = live.snapshot;
	const lines = useMemo<Line[]>(() => {
		// Look the row up unfiltered: a refresh may fold it (merged) while it is open.
		const row = buildDashboardRows(snapshot, {filter: '', sort: screen.sort, showMerged: true, now})
			.rows.find(each => each.key === rowKey);
		return row && snapshot
			? detailLines(row, snapshot.base.name, now, live.conflictsPending)
			: [{text: `${shown(rowKey)} is no longer in the repository (esc goes back)`, color: 'yellow'}];
	}, [snapshot, rowKey, now, live.conflictsPending, screen.sort]);
	return <TextScreen lines={lines} keys={detailsKeys} scroll={scroll} isActive={isActive}/>;
}
