import {useMemo} from 'react';
import {useAppContext} from '../app-context.js';
import {LinesView, maxScroll} from '../components/LinesView.js';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import {detailsKeys, type ScrollKeyId} from '../keys/details.js';
import {buildDashboardRows} from '../state/dashboard-rows.js';
import {detailLines, type Line} from '../state/detail-lines.js';
import {shown} from '../format.js';
import {scrollHandlers} from './scroll-handlers.js';

/** Enter on a row: commits, files, conflicts, claim and readiness reasons of one branch. */
export function DetailsScreen({rowKey, scroll, isActive}: {rowKey: string; scroll: number; isActive: boolean}) {
	const {live, now, layout, dispatch, actions, keyContext, screen} = useAppContext();
	const snapshot = live.snapshot;
	const lines = useMemo<Line[]>(() => {
		// Look the row up unfiltered: a refresh may fold it (merged) while it is open.
		const row = buildDashboardRows(snapshot, {filter: '', sort: screen.sort, showMerged: true, now})
			.rows.find(each => each.key === rowKey);
		return row && snapshot
			? detailLines(row, snapshot.base.name, now, live.conflictsPending)
			: [{text: `${shown(rowKey)} is no longer in the repository (esc goes back)`, color: 'yellow'}];
	}, [snapshot, rowKey, now, live.conflictsPending, screen.sort]);
	const max = maxScroll(lines.length, layout.bodyHeight);
	useScreenKeys<ScrollKeyId>(detailsKeys, keyContext, {
		...scrollHandlers(dispatch, max),
		back() {
			dispatch({type: 'back'});
		},
		help() {
			dispatch({type: 'push', layer: {kind: 'help', scroll: 0}});
		},
		quit: actions.quit,
	}, {isActive, onDisabled: text => dispatch({type: 'notice', text})});
	return <LinesView lines={lines} scroll={scroll} height={layout.bodyHeight}/>;
}
