import {Box, Text} from 'ink';
import {useEffect, useReducer, useRef} from 'react';
import {useAppContext} from '../app-context.js';
import {Confirm} from '../components/Confirm.js';
import {shown} from '../format.js';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import {integrationConflictKeys, integrationDoneKeys, integrationInspectKeys, integrationPlanKeys, integrationRunKeys, type IntegrationConflictKeyId, type IntegrationDoneKeyId, type IntegrationInspectKeyId, type IntegrationPlanKeyId, type IntegrationRunKeyId} from '../keys/integration.js';
import type {ScreenId} from '../keys/index.js';
import {conflictChoices} from '../../flows/integration/machine.js';
import type {IntegrationServices} from '../state/integration-services.js';
import {dryRunVerdict, integrationViewReducer, type AfterOffer, openIntegration, outcomeLines, type IntegrationView, type ProgressLine} from '../state/integration-view.js';

const toneColor: Record<ProgressLine['tone'], string | undefined> = {doing: 'cyan', ok: 'green', bad: 'red', info: undefined};
const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

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
	const {layout, dispatch, actions, keyContext, integration: services, setIntegrationKeyState} = useAppContext();
	const [view, send] = useReducer(integrationViewReducer, branches, openIntegration);
	const pending = useRef<((answer: boolean) => void) | null>(null);
	const pendingChoice = useRef<((choice: string) => void) | null>(null);
	const pendingHold = useRef<(() => void) | null>(null);
	const controller = useRef(new AbortController());
	// After "leave": every later question is answered no at once, so the flow cleans up and ends.
	const left = useRef(false);
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

	const running = view.phase === 'running' || view.phase === 'conflict' || view.phase === 'confirm';
	const keyState = {planReady: view.phase === 'plan' && view.dryRun !== null && view.error === null, verifying: view.verifying !== null, resolving: view.resolving};
	useEffect(() => {
		setIntegrationKeyState({...keyState, footer: integrationFooter(view)});
	}, [keyState.planReady, keyState.verifying, keyState.resolving, integrationFooter(view), setIntegrationKeyState]);
	useEffect(() => () => {
		setIntegrationKeyState(undefined);
	}, [setIntegrationKeyState]);

	const answer = (value: boolean) => {
		const resolve = pending.current;
		const resolveChoice = pendingChoice.current;
		pending.current = null;
		pendingChoice.current = null;
		send({type: 'answered'});
		resolve?.(value);
		// Leaving answers a conflict's choice with abort, and closes a red flow kept for inspection.
		resolveChoice?.(conflictChoices.abort);
		const close = pendingHold.current;
		pendingHold.current = null;
		close?.();
	};

	const closeFlow = () => {
		const close = pendingHold.current;
		pendingHold.current = null;
		send({type: 'answered'});
		close?.();
	};

	const choose = (choice: string) => {
		const resolve = pendingChoice.current;
		pendingChoice.current = null;
		send({type: 'answered'});
		resolve?.(choice);
	};

	const run = () => {
		if (!services) {
			return;
		}

		send({type: 'started'});
		services.run(base, view.order, {
			answer: async (text, state) => new Promise<boolean>(resolve => {
				if (left.current) {
					resolve(false);
					return;
				}

				pending.current = resolve;
				send({type: 'ask', text, state});
			}),
			hold: async (folder, state) => new Promise<void>(resolve => {
				if (left.current) {
					resolve();
					return;
				}

				pendingHold.current = resolve;
				send({type: 'hold', folder, state});
			}),
			choose: async (text, choices, state) => new Promise<string>(resolve => {
				if (left.current) {
					resolve(conflictChoices.abort);
					return;
				}

				pendingChoice.current = resolve;
				send({type: 'ask', text, state, choices});
			}),
			observe(progress) {
				send({type: 'progress', progress});
			},
			onCommand(command) {
				send({type: 'command', command});
			},
			onLine(line) {
				send({type: 'line', text: line.text, elapsedMs: line.elapsedMs});
			},
			say(text) {
				send({type: 'say', text});
			},
			signal: controller.current.signal,
		}).then(state => {
			send({type: 'finished', state});
			dispatch({type: 'clear-marks'});
		}, (error: unknown) => {
			send({type: 'failed', message: message(error)});
		});
	};

	const context = {...keyContext, integration: keyState};
	const onDisabled = (text: string) => dispatch({type: 'notice', text});
	const gitLog = () => dispatch({type: 'push', layer: {kind: 'git-log', scroll: 0}});
	const help = () => dispatch({type: 'push', layer: {kind: 'help', scroll: 0}});
	const leave = () => send({type: 'leave', asking: true});
	const back = () => {
		dispatch({type: 'back'});
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

	useScreenKeys<IntegrationRunKeyId>(integrationRunKeys, context, {
		cancel: () => controller.current.abort(),
		'git-log': gitLog,
		help,
		leave,
	}, {isActive: isActive && view.phase === 'running' && !view.leaving, onDisabled});

	useScreenKeys<IntegrationConflictKeyId>(integrationConflictKeys, context, {
		skip: () => choose(conflictChoices.skip),
		abort: () => choose(conflictChoices.abort),
		resolve: () => send({type: 'resolve'}),
		continue: () => choose(conflictChoices.resolved),
		'git-log': gitLog,
		help,
		leave,
	}, {isActive: isActive && view.phase === 'conflict' && !view.leaving, onDisabled});

	useScreenKeys<IntegrationInspectKeyId>(integrationInspectKeys, context, {close: closeFlow, 'git-log': gitLog, help, leave}, {isActive: isActive && view.phase === 'inspect' && !view.leaving, onDisabled});

	useScreenKeys<IntegrationDoneKeyId>(integrationDoneKeys, context, {back, 'git-log': gitLog, help, quit: actions.quit}, {isActive: isActive && view.phase === 'done', onDisabled});

	if (hidden) {
		return null;
	}

	const outputRoom = Math.max(3, layout.bodyHeight - view.progress.length - 8);
	return (
		<Box flexDirection="column" height={layout.bodyHeight}>
			{view.phase === 'planning' && view.error === null ? <Text dimColor>reading the branches and the suggested order…</Text> : null}
			{view.plan && !running && view.phase !== 'done' ? <PlanView view={view}/> : null}
			{view.progress.map((line, index) => <Text key={index} color={toneColor[line.tone]} wrap="truncate-end">{line.text}</Text>)}
			{view.verifying
				? (
					<Box flexDirection="column">
						<Text wrap="truncate-end">  $ {shown(view.verifying.command)} <Text dimColor>· {(view.verifying.elapsedMs / 1000).toFixed(1)} s (x cancels)</Text></Text>
						{view.verifying.lines.slice(-outputRoom).map((line, index) => <Text key={index} dimColor wrap="truncate-end">    {shown(line)}</Text>)}
					</Box>
				)
				: null}
			{view.phase === 'conflict' && view.question ? <ConflictChoice view={view}/> : null}
			{view.phase === 'inspect' && view.inspecting
				? (
					<Box flexDirection="column">
						{outcomeLines(view.inspecting.state).map((line, index) => <Text key={`red-${index}`} bold color={toneColor[line.tone]} wrap="truncate-end">{line.text}</Text>)}
						<Text wrap="truncate-end">the worktree is kept for inspection: <Text bold>{shown(view.inspecting.folder)}</Text></Text>
						<Text dimColor wrap="truncate-end">enter closes the flow: the worktree and {shown(view.inspecting.state.input.integrationBranch)} are removed</Text>
					</Box>
				)
				: null}
			{view.phase === 'confirm' && view.question && !view.leaving
				? <PromotionConfirm view={view} isActive={isActive} onAnswer={answer}/>
				: null}
			{view.final ? outcomeLines(view.final).map((line, index) => <Text key={`end-${index}`} bold color={toneColor[line.tone]} wrap="truncate-end">{line.text}</Text>) : null}
			{view.afterLines.map((line, index) => <Text key={`after-${index}`} wrap="truncate-end">{shown(line)}</Text>)}
			{view.phase === 'after' && view.offers[0] && services ? <AfterPromotion key={view.offers[0].kind} offer={view.offers[0]} services={services} isActive={isActive} onDone={lines => send({type: 'offer-done', lines})}/> : null}
			{view.error ? <Text color="red" wrap="truncate-end">{shown(view.error)}</Text> : null}
			{view.leaving
				? (
					<Confirm
						title="leave the running integration?"
						lines={['The verification is cancelled and every question answered no: nothing is promoted,', 'the worktree and the integration branch are removed, then switchyard quits.']}
						isActive={isActive}
						onConfirm={() => {
							left.current = true;
							controller.current.abort();
							answer(false);
							actions.quit();
						}}
						onCancel={() => send({type: 'leave', asking: false})}
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
	const deciding = view.question!.state.deciding;
	const folder = view.question!.state.input.folder;
	if (!deciding) {
		return <Text color="yellow" wrap="truncate-end">{shown(view.question!.text)}</Text>;
	}

	const files = (deciding.unresolved ?? deciding.files).map(shown).join(', ');
	return (
		<Box flexDirection="column">
			<Text color="yellow" wrap="truncate-end">{shown(deciding.name)} conflicts in {deciding.files.map(shown).join(', ')}{deciding.unresolved ? <Text color="red"> · still unresolved: {files}{deciding.problem ? ` (${shown(deciding.problem)})` : ''}</Text> : null}</Text>
			{view.resolving
				? (
					<Box flexDirection="column">
						<Text wrap="truncate-end">resolve by hand in the worktree: <Text bold>{shown(folder)}</Text></Text>
						<Text dimColor wrap="truncate-end">edit {files} there (no conflict markers left), then c continues: switchyard stages them and commits the merge</Text>
					</Box>
				)
				: <Text dimColor wrap="truncate-end">r resolve by hand in the worktree · s skip this branch · a abort the integration</Text>}
		</Box>
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
