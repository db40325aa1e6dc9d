import {useAppContext} from '../app-context.js';
import {shown} from '../format.js';
import {conflictFilesKeys} from '../keys/details.js';
import {conflictFilesOf} from '../state/conflict-map.js';
import type {Line} from '../state/detail-lines.js';
import {TextScreen} from './TextScreen.js';

/** Enter on a conflict-map cell: the files the two would conflict on. */
export function ConflictFilesScreen({branch, other, scroll, isActive}: {branch: string; other: string; scroll: number; isActive: boolean}) {
	const {conflictMap} = useAppContext();
	const files = conflictMap ? conflictFilesOf(conflictMap, branch, other) : null;
	const lines: Line[] = [
		{text: `${shown(branch)} × ${shown(other)}`, bold: true},
		...(files === null
			? [{text: '  this pair is no longer in the conflict map', color: 'yellow'}]
			: files.map(file => ({text: `  ${shown(file)}`}))),
	];
	return <TextScreen lines={lines} keys={conflictFilesKeys} scroll={scroll} isActive={isActive}/>;
}
