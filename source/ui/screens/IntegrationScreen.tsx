import {Box, Text} from 'ink';
import {useEffect, useReducer, useRef} from 'react';
import {useAppContext} from '../app-context.js';
import {Confirm} from '../components/Confirm.js';
import {ConflictChoiceView, FlowProgressView, LeaveFlowConfirm, ToneLines} from '../components/FlowRun.js';
import {shown} from '../format.js';
import {errorLine, useFlowKeys, useFlowRun} from '../hooks/use-flow-run.js';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import {integrationConflictKeys, integrationInspectKeys, integrationPlanKeys, type IntegrationInspectKeyId, type IntegrationPlanKeyId} from '../keys/integration.js';
import type {ScreenId} from '../keys/index.js';
import type {IntegrationServices} from '../state/integration-services.js';
import {dryRunVerdict, integrationViewReducer, openIntegration, outcomeLines, type AfterOffer, type IntegrationView} from '../state/integration-view.js';
import {conflictChoices, type IntegrationState} from '../../flows/integration/machine.js';

const message = errorLine;

/** Which key table the footer shows for the screen's phase. */
export function integrationFooter(view: IntegrationView): ScreenId {
	if (view.leaving || view.phase === 'confirm' || view.phase === 'after') {
		return 'confirm';
	}

	return view.phase === 'running' ? 'integration-run' : view.phase === 'conflict' ? 'integration-conflict' : view.phase === 'inspect' ? 'integration-inspect' : view.phase === 'done' ? 'integration-done' : 'integration';
}

/**
 * `i` on the dashboard: the integration flow of DESIGN §6.1 with the marked branches —
 * the order (J/K) and its dry run, then the run through the engine, answering the
 * flow's questions here. It stays mounted (hidden) under help and the git log.
 */
export function IntegrationScreen({branches, isActive, hidden}: {branches: readonly string[]; isActive: boolean; hidden: boolean}) {
	const {layout, dispatch, actions, integration: services} = useAppContext();
	const [view, send] = useReducer(integrationViewReducer, branches, openIntegration);
	const flow = useFlowRun<IntegrationState>(send, {abort: conflictChoices.abort});
	const base = view.plan?.base ?? '';
	const orderKey = view.order.join('\n');

	useEffect(() => {
		services?.plan(branches).then(plan => {
			send({type: 'planned', plan});
		}, (error: unknown) => {
			send({type: 'failed', message: message(error)});
		});
	}, [services]);

	// The dry run follows the order: each change runs it again (in the object database only).
	useEffect(() => {
		if (!services || view.phase !== 'plan' || view.plan === null || view.error !== null || view.dryRun !== null) {
			return;
		}

		const order = [...view.order];
		services.dryRun(base, order).then(steps => {
			send({type: 'dry-run', order, steps});
		}, (error: unknown) => {
			send({type: 'failed', message: message(error)});
		});
	}, [services, view.phase, orderKey, view.dryRun === null]);

	// The dashboard refreshes once the flow and the offers after it are done (they delete branches, write claims);
	// a refresh while an offer waits would also hold up the keys that answer it.
	const finished = view.phase === 'done' && view.final !== null;
	useEffect(() => {
		if (finished) {
			actions.refresh();
		}
	}, [finished]);

	const {context, onDisabled, back, gitLog, help, leave} = useFlowKeys({
		ready: view.phase === 'plan' && view.dryRun !== null && view.error === null,
		verifying: view.verifying !== null,
		footer: integrationFooter(view),
		running: isActive && view.phase === 'running' && !view.leaving,
		done: isActive && view.phase === 'done',
		cancel: flow.cancel,
		leave: () => send({type: 'leave', asking: true}),
		conflict: {
			keys: integrationConflictKeys,
			active: isActive && view.phase === 'conflict' && !view.leaving,
			resolving: view.resolving,
			skippable: true,
			choices: conflictChoices,
			choose: flow.choose,
			resolve: () => send({type: 'resolve'}),
		},
	});

	const run = () => {
		if (!services) {
			return;
		}

		send({type: 'started'});
		services.run(base, view.order, flow.hooks).then(state => {
			send({type: 'finished', state});
			dispatch({type: 'clear-marks'});
		}, (error: unknown) => {
			send({type: 'failed', message: message(error)});
		});
	};

	useScreenKeys<IntegrationPlanKeyId>(integrationPlanKeys, context, {
		up: () => send({type: 'select', by: -1}),
		down: () => send({type: 'select', by: 1}),
		later: () => send({type: 'reorder', by: 1}),
		earlier: () => send({type: 'reorder', by: -1}),
		run,
		back,
		'git-log': gitLog,
		help,
		quit: actions.quit,
	}, {isActive: isActive && (view.phase === 'plan' || view.phase === 'planning'), onDisabled});

	useScreenKeys<IntegrationInspectKeyId>(integrationInspectKeys, context, {close: flow.close, 'git-log': gitLog, help, leave}, {isActive: isActive && view.phase === 'inspect' && !view.leaving, onDisabled});

	if (hidden) {
		return null;
	}

	const outputRoom = Math.max(3, layout.bodyHeight - view.progress.length - 8);
	return (
		<Box flexDirection="column" height={layout.bodyHeight}>
			{view.phase === 'planning' && view.error === null ? <Text dimColor>reading the branches and the suggested order…</Text> : null}
			{view.plan && (view.phase === 'plan' || view.phase === 'planning') ? <PlanView view={view}/> : null}
			<FlowProgressView run={view} room={outputRoom}/>
			{view.phase === 'conflict' && view.question ? <ConflictChoice view={view}/> : null}
			{view.phase === 'inspect' && view.inspecting
				? (
					<Box flexDirection="column">
						<ToneLines bold lines={outcomeLines(view.inspecting.state)}/>
						<Text wrap="truncate-end">the worktree is kept for inspection: <Text bold>{shown(view.inspecting.folder)}</Text></Text>
						<Text dimColor wrap="truncate-end">enter closes the flow: the worktree and {shown(view.inspecting.state.input.integrationBranch)} are removed</Text>
					</Box>
				)
				: null}
			{view.phase === 'confirm' && view.question && !view.leaving
				? <PromotionConfirm view={view} isActive={isActive} onAnswer={flow.answer}/>
				: null}
			{view.final ? <ToneLines bold lines={outcomeLines(view.final)}/> : null}
			{view.afterLines.map((line, index) => <Text key={`after-${index}`} wrap="truncate-end">{shown(line)}</Text>)}
			{view.phase === 'after' && view.offers[0] && services ? <AfterPromotion key={view.offers[0].kind} offer={view.offers[0]} services={services} isActive={isActive} onDone={lines => send({type: 'offer-done', lines})}/> : null}
			{view.error ? <Text color="red" wrap="truncate-end">{shown(view.error)}</Text> : null}
			{view.leaving
				? (
					<LeaveFlowConfirm
						flow="integration"
						removes="the worktree and the integration branch are removed"
						isActive={isActive}
						onLeave={() => flow.leaveNow(actions.quit)}
						onStay={() => send({type: 'leave', asking: false})}
					/>
				)
				: null}
		</Box>
	);
}

/** One offer after promotion: confirmed, it runs through the services and its lines are kept; esc declines it. */
function AfterPromotion({offer, services, isActive, onDone}: {offer: AfterOffer; services: IntegrationServices; isActive: boolean; onDone: (lines: string[]) => void}) {
	const busy = useRef(false);
	const confirm = () => {
		if (busy.current) {
			return;
		}

		busy.current = true;
		const act = offer.kind === 'delete-merged' ? services.deleteMerged(offer.branches) : services.finishClaims(offer.agents);
		act.then(onDone, (error: unknown) => onDone([message(error)]));
	};

	return offer.kind === 'delete-merged'
		? <Confirm key="delete" title={`delete the merged branches ${offer.branches.map(shown).join(', ')}?`} lines={['with git branch -d: git keeps a branch whose work is not merged, and says why']} isActive={isActive} onConfirm={confirm} onCancel={() => onDone([])}/>
		: <Confirm key="claims" title={`mark the claims of ${offer.agents.map(shown).join(', ')} done?`} lines={['as switchyard done --agent <name> does, in the coordination file of your checkout (not committed)']} isActive={isActive} onConfirm={confirm} onCancel={() => onDone([])}/>;
}

function ConflictChoice({view}: {view: IntegrationView}) {
	const {state, text} = view.question!;
	const deciding = state.deciding;
	if (!deciding) {
		return <Text color="yellow" wrap="truncate-end">{shown(text)}</Text>;
	}

	return (
		<ConflictChoiceView
			conflict={{what: deciding.name, files: deciding.files, ...(deciding.unresolved ? {unresolved: deciding.unresolved} : {}), ...(deciding.problem ? {problem: deciding.problem} : {})}}
			folder={state.input.folder}
			resolving={view.resolving}
			skip="skip this branch"
			abort="abort the integration"
		/>
	);
}

function PlanView({view}: {view: IntegrationView}) {
	const plan = view.plan!;
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">merge into <Text bold>{shown(plan.base)}</Text>, in this order (J later · K earlier):</Text>
			{view.order.map((name, index) => {
				const step = view.dryRun?.[index];
				const verdict = step === undefined ? 'dry run…' : step.clean ? dryRunVerdict(step) : `would conflict in ${step.conflictedFiles.map(shown).join(', ')}${step.onlyAfter ? ` (because of ${step.onlyAfter.map(shown).join(', ')}, merged before it)` : ''}`;
				return (
					<Text key={name} wrap="truncate-end" bold={index === view.selected}>
						<Text color="cyan">{index === view.selected ? '›' : ' '}</Text> {index + 1}. {shown(name)}: <Text color={step === undefined ? undefined : step.clean ? 'green' : 'red'}>{verdict}</Text>
					</Text>
				);
			})}
			<Text dimColor wrap="truncate-end">{plan.commands.length > 0 ? `verification: ${plan.commands.map(shown).join(' && ')}` : `no verification commands${plan.message ? `: ${shown(plan.message)}` : ''}`}</Text>
			<Text dimColor wrap="truncate-end">enter runs it: a new integration branch in a worktree of its own; {shown(plan.base)} moves only after you confirm</Text>
		</Box>
	);
}

function PromotionConfirm({view, isActive, onAnswer}: {view: IntegrationView; isActive: boolean; onAnswer: (value: boolean) => void}) {
	const state = view.question!.state;
	const candidate = state.candidate!;
	const lines = [
		`branches: ${candidate.branches.map(shown).join(', ')}`,
		...(state.summary.length > 0 ? state.summary.map(line => `verification ${shown(line)}`) : ['no verification commands ran']),
		...(state.culprit ? [`culprit: ${shown(state.culprit)} turns verification red; this promotes the green prefix without it`] : []),
	];
	return (
		<Confirm
			title={`promote: fast-forward ${shown(state.input.base)} to ${candidate.commit.slice(0, 12)}?`}
			lines={lines}
			isActive={isActive}
			onConfirm={() => onAnswer(true)}
			onCancel={() => onAnswer(false)}
		/>
	);
}
