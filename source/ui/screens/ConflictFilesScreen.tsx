import {useAppContext} from '../app-context.js';
import {LinesView, maxScroll} from '../components/LinesView.js';
import {shown} from '../format.js';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import {conflictFilesKeys, type ScrollKeyId} from '../keys/details.js';
import {conflictFilesOf} from '../state/conflict-map.js';
import type {Line} from '../state/detail-lines.js';
import {scrollHandlers} from './scroll-handlers.js';

/** Enter on a conflict-map cell: the files the two would conflict on. */
export function ConflictFilesScreen({branch, other, scroll, isActive}: {branch: string; other: string; scroll: number; isActive: boolean}) {
	const {conflictMap, layout, dispatch, actions, keyContext} = useAppContext();
	const files = conflictMap ? conflictFilesOf(conflictMap, branch, other) : null;
	const lines: Line[] = [
		{text: `${shown(branch)} × ${shown(other)}`, bold: true},
		...(files === null
			? [{text: '  this pair is no longer in the conflict map', color: 'yellow'}]
			: files.map(file => ({text: `  ${shown(file)}`}))),
	];
	const max = maxScroll(lines.length, layout.bodyHeight);
	useScreenKeys<ScrollKeyId>(conflictFilesKeys, keyContext, {
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
