import {useAppContext} from '../app-context.js';
import {LinesView, maxScroll} from '../components/LinesView.js';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import {helpKeys, type HelpKeyId} from '../keys/help.js';
import type {ScreenId} from '../keys/index.js';
import {helpLines} from '../state/help-lines.js';

/** `?`: every key of the screen below, with the reason for each disabled one. */
export function HelpScreen({of, scroll, isActive}: {of: ScreenId; scroll: number; isActive: boolean}) {
	const {layout, dispatch, actions, keyContext} = useAppContext();
	const lines = helpLines(of, keyContext);
	const max = maxScroll(lines.length, layout.bodyHeight);
	useScreenKeys<HelpKeyId>(helpKeys, keyContext, {
		'scroll-up'() {
			dispatch({type: 'scroll', by: -1, max});
		},
		'scroll-down'() {
			dispatch({type: 'scroll', by: 1, max});
		},
		close() {
			dispatch({type: 'back'});
		},
		quit: actions.quit,
	}, {isActive, onDisabled: text => dispatch({type: 'notice', text})});
	return <LinesView lines={lines} scroll={scroll} height={layout.bodyHeight}/>;
}
