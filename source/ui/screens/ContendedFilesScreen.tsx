import {useMemo} from 'react';
import {useAppContext} from '../app-context.js';
import {contendedFilesKeys} from '../keys/contended-files.js';
import {contendedFileLines} from '../state/contended-files.js';
import {TextScreen} from './TextScreen.js';

/** `h`: the files two or more unmerged branches change, with the pairs that truly conflict on each. */
export function ContendedFilesScreen({scroll, isActive}: {scroll: number; isActive: boolean}) {
	const {live} = useAppContext();
	const lines = useMemo(() => contendedFileLines(live.snapshot), [live.snapshot]);
	return <TextScreen lines={lines} keys={contendedFilesKeys} scroll={scroll} isActive={isActive}/>;
}
