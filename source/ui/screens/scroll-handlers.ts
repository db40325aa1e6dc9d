import type {Dispatch} from 'react';
import type {ScreenAction} from '../state/screen-state.js';

/** Handlers for the shared scroll bindings of a text screen. */
export function scrollHandlers(dispatch: Dispatch<ScreenAction>, max: number) {
	return {
		'scroll-up'() {
			dispatch({type: 'scroll', by: -1, max});
		},
		'scroll-down'() {
			dispatch({type: 'scroll', by: 1, max});
		},
		top() {
			dispatch({type: 'scroll', by: 'top', max});
		},
		bottom() {
			dispatch({type: 'scroll', by: 'bottom', max});
		},
	};
}
