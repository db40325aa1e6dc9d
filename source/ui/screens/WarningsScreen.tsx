import {useAppContext} from '../app-context.js';
import {warningsKeys} from '../keys/warnings.js';
import {warningLines} from '../state/warning-lines.js';
import {TextScreen} from './TextScreen.js';

/** `w`: what could not be read in the coordination files, with file, ref and line. */
export function WarningsScreen({scroll, isActive}: {scroll: number; isActive: boolean}) {
	const {live} = useAppContext();
	return <TextScreen lines={warningLines(live.snapshot)} keys={warningsKeys} scroll={scroll} isActive={isActive}/>;
}
