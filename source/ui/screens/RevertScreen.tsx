import {Box, Text} from 'ink';
import {useEffect, useReducer} from 'react';
import {label, revertConflictChoices, type RevertState} from '../../flows/revert/machine.js';
import {findingLines} from '../../flows/revert/report.js';
import {suspectLine} from '../../flows/revert/suspects.js';
import {useAppContext} from '../app-context.js';
import {Confirm} from '../components/Confirm.js';
import {ConflictChoiceView, FlowProgressView, LeaveFlowConfirm, ToneLines} from '../components/FlowRun.js';
import {shown} from '../format.js';
import {errorLine, useFlowKeys, useFlowRun} from '../hooks/use-flow-run.js';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import type {ScreenId} from '../keys/index.js';
import {revertAbortedKeys, revertChooseKeys, revertConflictKeys, type RevertAbortedKeyId, type RevertChooseKeyId} from '../keys/revert.js';
import {canRun, openRevert, outcomeLine, revertChoice, revertViewReducer, runLines, type RevertView} from '../state/revert-view.js';

/** Which key table the footer shows for the screen's phase. */
export function revertFooter(view: RevertView): ScreenId {
	if (view.leaving || view.phase === 'confirm') {
		return 'confirm';
	}

	return view.phase === 'running' ? 'revert-run' : view.phase === 'conflict' ? 'revert-conflict' : view.phase === 'done' ? (view.final?.outcome === 'conflict' ? 'revert-aborted' : 'revert-done') : 'revert';
}

/**
 * `R` on the dashboard: the emergency revert flow of DESIGN §6.3 — base's suspects and
 * the search over them, then the run through the engine, the promotion asked here,
 * and the report. It stays mounted (hidden) under help and the git log.
 */
export function RevertScreen({isActive, hidden}: {isActive: boolean; hidden: boolean}) {
	const {layout, dispatch, actions, revert: services} = useAppContext();
	const [view, send] = useReducer(revertViewReducer, undefined, openRevert);
	const flow = useFlowRun<RevertState>(send, {abort: revertConflictChoices.abort});

	// The suspects follow the count: each change reads them again (reads only).
	useEffect(() => {
		if (!services || view.phase !== 'loading') {
			return;
		}

		const {last} = view;
		services.plan(last).then(plan => {
			send({type: 'planned', plan, last});
		}, (error: unknown) => {
			send({type: 'failed', message: errorLine(error)});
		});
	}, [services, view.phase, view.last]);

	const conflictEnd = view.phase === 'done' && view.final?.outcome === 'conflict';
	const {context, onDisabled, back, gitLog, help, leave} = useFlowKeys({
		ready: canRun(view),
		verifying: view.verifying !== null,
		footer: revertFooter(view),
		running: isActive && view.phase === 'running' && !view.leaving,
		done: isActive && view.phase === 'done' && !conflictEnd,
		cancel: flow.cancel,
		leave: () => send({type: 'leave', asking: true}),
		conflict: {
			keys: revertConflictKeys,
			active: isActive && view.phase === 'conflict' && !view.leaving,
			resolving: view.resolving,
			skippable: view.question?.choices?.includes(revertConflictChoices.skip) ?? false,
			choices: revertConflictChoices,
			choose: flow.choose,
			resolve: () => send({type: 'resolve'}),
		},
	});

	const run = (again?: 'skip') => {
		if (!services || !view.plan) {
			return;
		}

		send(again ? {type: 'again', onConflict: again} : {type: 'started'});
		services.run(view.plan, {...revertChoice(view), ...(again ? {onConflict: again} : {})}, flow.hooks).then(state => {
			send({type: 'finished', state});
			actions.refresh();
		}, (error: unknown) => {
			send({type: 'failed', message: errorLine(error)});
		});
	};

	useScreenKeys<RevertChooseKeyId>(revertChooseKeys, context, {
		up: () => send({type: 'scroll', by: -1}),
		down: () => send({type: 'scroll', by: 1}),
		bisect: () => send({type: 'toggle-bisect'}),
		more: () => send({type: 'last', by: 1}),
		fewer: () => send({type: 'last', by: -1}),
		'skip-check': () => send({type: 'toggle-check'}),
		'on-conflict': () => send({type: 'toggle-conflict'}),
		run: () => run(),
		back,
		'git-log': gitLog,
		help,
		quit: actions.quit,
	}, {isActive: isActive && (view.phase === 'choose' || view.phase === 'loading'), onDisabled});

	useScreenKeys<RevertAbortedKeyId>(revertAbortedKeys, context, {skip: () => run('skip'), back, 'git-log': gitLog, help, quit: actions.quit}, {isActive: isActive && conflictEnd, onDisabled});

	if (hidden) {
		return null;
	}

	const choosing = view.phase === 'choose' || view.phase === 'loading';
	const report = view.final && !choosing ? [...runLines(view.final), ...findingLines(view.final)] : [];
	const end = view.final ? outcomeLine(view.final) : null;
	const outputRoom = Math.max(3, layout.bodyHeight - view.progress.length - 8);
	return (
		<Box flexDirection="column" height={layout.bodyHeight}>
			{view.phase === 'loading' && view.error === null ? <Text dimColor>reading the suspects on base…</Text> : null}
			{view.plan && choosing ? <ChooseView view={view} room={Math.max(3, layout.bodyHeight - 8)}/> : null}
			{choosing ? null : <FlowProgressView run={view} room={outputRoom}/>}
			{view.phase === 'conflict' && view.question ? <ConflictChoice view={view}/> : null}
			{view.phase === 'confirm' && view.question && !view.leaving
				? <PromotionConfirm view={view} isActive={isActive} onAnswer={flow.answer}/>
				: null}
			<ToneLines lines={report}/>
			{end ? <ToneLines bold lines={[end]}/> : null}
			{view.error ? <Text color="red" wrap="truncate-end">{shown(view.error)}</Text> : null}
			{view.leaving
				? (
					<LeaveFlowConfirm
						flow="revert"
						removes="its worktree is removed"
						isActive={isActive}
						onLeave={() => flow.leaveNow(actions.quit)}
						onStay={() => send({type: 'leave', asking: false})}
					/>
				)
				: null}
		</Box>
	);
}

const conflictWords: Record<RevertView['onConflict'], string> = {ask: 'asks: resolve by hand, skip or abort', skip: 'is skipped', abort: 'aborts'};

/** A revert that conflicts: the same choice as a conflicting merge on the integration screen (skip only while reverting newest first). */
function ConflictChoice({view}: {view: RevertView}) {
	const {state, text, choices} = view.question!;
	const conflict = state.conflict;
	if (!conflict) {
		return <Text color="yellow" wrap="truncate-end">{shown(text)}</Text>;
	}

	return (
		<ConflictChoiceView
			conflict={{what: `the revert of ${label(state, conflict.commit)}`, files: conflict.files, ...(conflict.unresolved ? {unresolved: conflict.unresolved} : {}), ...(conflict.problem ? {problem: conflict.problem} : {})}}
			folder={state.input.folder}
			resolving={view.resolving}
			skip={choices?.includes(revertConflictChoices.skip) ? 'skip it and revert the next suspect' : null}
			abort="abort the revert flow"
		/>
	);
}

function ChooseView({view, room}: {view: RevertView; room: number}) {
	const plan = view.plan!;
	const choice = revertChoice(view);
	const shownSuspects = plan.suspects.slice(view.scroll, view.scroll + room);
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">suspects on <Text bold>{shown(plan.base)}</Text>, newest first (last {view.last}, + more · - fewer):</Text>
			{plan.suspects.length === 0 ? <Text color="red">{shown(plan.base)} has no commits to suspect</Text> : null}
			{shownSuspects.map((suspect, index) => (
				<Text key={suspect.commit} wrap="truncate-end">  {view.scroll + index + 1}. {suspectLine(suspect)}</Text>
			))}
			<Text wrap="truncate-end">
				search (b): <Text bold>{choice.strategy === 'bisect' ? 'first-parent bisection' : 'newest first, one revert at a time'}</Text>
				{' · '}check {shown(plan.base)}&apos;s tip first (s): <Text bold>{choice.checkBase ? 'yes' : 'no, it is taken as broken'}</Text>
				{' · '}a revert that conflicts (o): <Text bold>{conflictWords[choice.onConflict]}</Text>
			</Text>
			<Text dimColor wrap="truncate-end">{plan.commands.length > 0 ? `verification: ${plan.commands.map(shown).join(' && ')}` : `no verification command, so nothing can tell broken from fixed${plan.message ? `: ${shown(plan.message)}` : ''}`}</Text>
			<Text dimColor wrap="truncate-end">enter runs it in a worktree of its own; {shown(plan.base)} moves only after you confirm</Text>
		</Box>
	);
}

function PromotionConfirm({view, isActive, onAnswer}: {view: RevertView; isActive: boolean; onAnswer: (value: boolean) => void}) {
	const {text, state} = view.question!;
	return (
		<Confirm
			title={`promote: ${shown(text)}`}
			lines={[...findingLines(state).map(line => shown(line.text)), `${state.runs.length} verification run${state.runs.length === 1 ? '' : 's'}; the last: ${shown(state.runs.at(-1)?.what ?? '')} passes`]}
			isActive={isActive}
			onConfirm={() => onAnswer(true)}
			onCancel={() => onAnswer(false)}
		/>
	);
}
