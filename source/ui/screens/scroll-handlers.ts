import type {Dispatch} from 'react';
import type {DashboardActions} from '../state/live-state.js';
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

/** Handlers for what every page of lines offers besides scrolling: back, refresh, help, quit. */
export function pageHandlers(dispatch: Dispatch<ScreenAction>, actions: DashboardActions) {
	return {
		back() {
			dispatch({type: 'back'});
		},
		refresh: actions.refresh,
		help() {
			dispatch({type: 'push', layer: {kind: 'help', scroll: 0}});
		},
		quit: actions.quit,
	};
}
