import {useAppContext} from '../app-context.js';
import {useGitLogRecords} from '../hooks/use-git-log.js';
import {gitLogKeys} from '../keys/git-log.js';
import {gitLogLines} from '../state/git-log-lines.js';
import {TextScreen} from './TextScreen.js';

/** `L`: every git command switchyard ran, newest first, with its duration and exit code. */
export function GitLogScreen({scroll, isActive}: {scroll: number; isActive: boolean}) {
	const {gitLog} = useAppContext();
	const records = useGitLogRecords(gitLog);
	return <TextScreen lines={gitLogLines(records)} keys={gitLogKeys} scroll={scroll} isActive={isActive}/>;
}
