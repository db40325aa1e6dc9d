import {useAppContext} from '../app-context.js';
import {LinesView, maxScroll} from '../components/LinesView.js';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import type {KeyTable} from '../keys/binding.js';
import type {KeyContext} from '../keys/context.js';
import type {ScrollKeyId} from '../keys/details.js';
import type {Line} from '../state/detail-lines.js';
import {pageHandlers, scrollHandlers} from './scroll-handlers.js';

/** A scrolling page of lines with back, help and quit: details, conflict files, the git log. */
export function TextScreen({lines, keys, scroll, isActive}: {lines: Line[]; keys: KeyTable<ScrollKeyId, KeyContext>; scroll: number; isActive: boolean}) {
	const {layout, dispatch, actions, keyContext} = useAppContext();
	const max = maxScroll(lines.length, layout.bodyHeight);
	useScreenKeys<ScrollKeyId>(keys, keyContext, {
		...scrollHandlers(dispatch, max),
		...pageHandlers(dispatch, actions),
		fetch: actions.fetch,
	}, {isActive, onDisabled: text => dispatch({type: 'notice', text})});
	return <LinesView lines={lines} scroll={scroll} height={layout.bodyHeight}/>;
}
