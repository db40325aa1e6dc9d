import {useMemo} from 'react';
import {useAppContext} from '../app-context.js';
import {LinesView, maxScroll} from '../components/LinesView.js';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import {agentsKeys, type AgentsKeyId} from '../keys/agents.js';
import {agentLines} from '../state/agent-lines.js';
import type {BuiltPeriod} from '../../core/agent-built.js';
import {pageHandlers, scrollHandlers} from './scroll-handlers.js';

/** `a`: each agent once, with its claim, branches by verdict, and what it built over a period (`p`). */
export function AgentsScreen({scroll, period, isActive}: {scroll: number; period: BuiltPeriod; isActive: boolean}) {
	const {live, now, layout, dispatch, actions, keyContext} = useAppContext();
	const lines = useMemo(() => agentLines(live.snapshot, period, now), [live.snapshot, period, now]);
	const max = maxScroll(lines.length, layout.bodyHeight);
	useScreenKeys<AgentsKeyId>(agentsKeys, keyContext, {
		...scrollHandlers(dispatch, max),
		...pageHandlers(dispatch, actions),
		period() {
			dispatch({type: 'cycle-period'});
		},
	}, {isActive, onDisabled: text => dispatch({type: 'notice', text})});
	return <LinesView lines={lines} scroll={scroll} height={layout.bodyHeight}/>;
}
