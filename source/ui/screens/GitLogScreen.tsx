import {useAppContext} from '../app-context.js';
import {LinesView, maxScroll} from '../components/LinesView.js';
import {useGitLogRecords} from '../hooks/use-git-log.js';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import {gitLogKeys, type GitLogKeyId} from '../keys/git-log.js';
import {gitLogLines} from '../state/git-log-lines.js';
import {scrollHandlers} from './scroll-handlers.js';

/** `L`: every git command switchyard ran, newest first, with its duration and exit code. */
export function GitLogScreen({scroll, isActive}: {scroll: number; isActive: boolean}) {
	const {gitLog, layout, dispatch, actions, keyContext} = useAppContext();
	const records = useGitLogRecords(gitLog);
	const lines = gitLogLines(records);
	const max = maxScroll(lines.length, layout.bodyHeight);
	useScreenKeys<GitLogKeyId>(gitLogKeys, keyContext, {
		...scrollHandlers(dispatch, max),
		close() {
			dispatch({type: 'back'});
		},
		help() {
			dispatch({type: 'push', layer: {kind: 'help', scroll: 0}});
		},
		quit: actions.quit,
	}, {isActive, onDisabled: text => dispatch({type: 'notice', text})});
	return <LinesView lines={lines} scroll={scroll} height={layout.bodyHeight}/>;
}
