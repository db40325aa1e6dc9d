import {Box, Text} from 'ink';
import {useEffect, useMemo, useReducer, useRef} from 'react';
import {checklistProgress, groupItems, judgeChecklist, progressLine, resultMark, resultWord, type Answer, type ItemResult, type JudgedItem} from '../../core/checklist.js';
import type {BranchRow} from '../../core/snapshot.js';
import {checklistReducer, openChecklist, type ChecklistFlowState} from '../../flows/checklist/checklist-flow.js';
import {useAppContext} from '../app-context.js';
import {shown} from '../format.js';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import {useScrollWindow} from '../hooks/use-scroll-window.js';
import {checklistKeys, checklistNoteKeys, type ChecklistKeyId, type ChecklistNoteKeyId} from '../keys/checklist.js';
import type {ChecklistServices} from '../state/checklist-services.js';

const resultColor: Partial<Record<ItemResult, string>> = {pass: 'green', fail: 'red', 'no-command': 'gray'};

/** A line of the list: a group heading, or an item with its index among the items. */
type ListLine = {kind: 'group'; text: string} | {kind: 'item'; item: JudgedItem; index: number};

function listLines(items: readonly JudgedItem[]): {lines: ListLine[]; lineOfItem: number[]} {
	const lines: ListLine[] = [];
	const lineOfItem: number[] = [];
	for (const group of groupItems(items.map((item, index) => ({...item, index})))) {
		lines.push({kind: 'group', text: group.group});
		for (const item of group.items) {
			lineOfItem[item.index] = lines.length;
			lines.push({kind: 'item', item, index: item.index});
		}
	}

	return {lines, lineOfItem};
}

/** The items in group order, as the list shows them (j/k walk this order). */
function orderedItems(items: readonly JudgedItem[]): JudgedItem[] {
	return groupItems(items).flatMap(group => group.items);
}

function initialState(services: ChecklistServices | undefined, branch: string, head: string): ChecklistFlowState {
	const {saved, earlier} = services?.load(branch, head) ?? {};
	return openChecklist(branch, head, saved, earlier);
}

/** `c` on a branch: the pre-merge checklist of DESIGN §6.2, walked with the keys. */
export function ChecklistScreen({branch, isActive}: {branch: string; isActive: boolean}) {
	const {live, layout, dispatch, actions, keyContext, checklist: services, setChecklistKeyState} = useAppContext();
	const row: BranchRow | undefined = live.snapshot?.branches.find(each => each.name === branch);
	const head = row?.sha ?? '';
	const [state, send] = useReducer(checklistReducer, undefined, () => initialState(services, branch, head));
	const items = useMemo(() => services?.items() ?? [], [services]);
	const judged = useMemo(() => orderedItems(judgeChecklist(items, {
		facts: row ?? {hygiene: [], mergesCleanly: null, conflictsWithBase: [], conflictsWith: []},
		runs: state.runs,
		answers: state.answers,
		notes: state.notes,
	})), [items, row, state.runs, state.answers, state.notes]);
	const selected = judged[Math.min(state.selected, judged.length - 1)];
	const running = useRef<AbortController | null>(null);

	// A commit arrived while the checklist is open: its answers become those of an earlier head.
	useEffect(() => {
		if (head !== '' && head !== state.head) {
			send({type: 'head-moved', head});
		}
	}, [head, state.head]);

	// Every change worth keeping is saved for this head at once: leaving keeps it.
	useEffect(() => {
		if (state.revision === 0 || !services) {
			return;
		}

		const results = Object.fromEntries(judged.map(item => [item.id, item.result]));
		const progress = checklistProgress(judged);
		services.save(branch, {head: state.head, updatedAt: new Date(live.lastRefreshAt ?? 0).toISOString(), answers: state.answers, notes: state.notes, runs: state.runs, results, progress})
			.catch((error: unknown) => {
				send({type: 'notice', text: `could not save the checklist: ${error instanceof Error ? error.message : String(error)}`});
			});
		// Saved once per revision; `judged` follows from the same change.
	}, [state.revision]);

	useEffect(() => {
		setChecklistKeyState({running: state.running, canCarry: state.earlier !== null, editing: state.editing !== null});
	}, [state.running, state.earlier, state.editing, setChecklistKeyState]);
	useEffect(() => () => {
		running.current?.abort();
		setChecklistKeyState(undefined);
	}, [setChecklistKeyState]);

	const answer = (value: Answer) => () => {
		if (selected) {
			send({type: 'answer', answer: value, item: selected});
		}
	};

	const move = (by: number | 'top' | 'bottom') => () => {
		send({type: 'move', by, count: judged.length});
	};

	const onDisabled = (text: string): void => {
		send({type: 'notice', text});
	};

	// The keys judge from this screen's own state at once; the footer hears it through the app a render later.
	const screenKeyContext = {...keyContext, checklist: {running: state.running, canCarry: state.earlier !== null, editing: state.editing !== null}};
	useScreenKeys<ChecklistKeyId>(checklistKeys, screenKeyContext, {
		up: move(-1),
		down: move(1),
		top: move('top'),
		bottom: move('bottom'),
		pass: answer('pass'),
		fail: answer('fail'),
		'not-applicable': answer('na'),
		run() {
			if (!services) {
				return;
			}

			const controller = new AbortController();
			running.current = controller;
			send({type: 'run-start'});
			services.run(state.head, items.filter(item => item.judge === 'command' && item.commands.length > 0), {signal: controller.signal}).then(({runs, message}) => {
				send({type: 'run-done', runs});
				if (message) {
					send({type: 'notice', text: message});
				}
			}, (error: unknown) => {
				send({type: 'run-failed', message: `the automated items could not run: ${error instanceof Error ? error.message : String(error)}`});
			});
		},
		evidence() {
			send({type: 'toggle-evidence'});
		},
		note() {
			if (selected) {
				send({type: 'note-start', item: selected});
			}
		},
		carry() {
			send({type: 'carry-over'});
		},
		back() {
			running.current?.abort();
			dispatch({type: 'back'});
			// The dashboard's row shows the saved checklist from its next snapshot.
			actions.refresh();
		},
		help() {
			dispatch({type: 'push', layer: {kind: 'help', scroll: 0}});
		},
		quit: actions.quit,
	}, {isActive: isActive && state.editing === null, onDisabled});

	useScreenKeys<ChecklistNoteKeyId>(checklistNoteKeys, screenKeyContext, {
		accept() {
			send({type: 'note-accept'});
		},
		cancel() {
			send({type: 'note-cancel'});
		},
		erase() {
			send({type: 'note-erase'});
		},
		quit: actions.quit,
	}, {
		isActive: isActive && state.editing !== null,
		onDisabled,
		onText(text) {
			send({type: 'note-type', text});
		},
	});

	const {lines, lineOfItem} = useMemo(() => listLines(judged), [judged]);
	const evidence = selected?.evidence ?? [];
	const evidenceHeight = state.evidenceOpen ? Math.max(3, layout.bodyHeight - 8) : Math.min(3, evidence.length);
	const chromeHeight = 2 + (state.earlier ? 1 : 0) + 1 + evidenceHeight + (selected?.note || state.editing ? 1 : 0);
	const listHeight = Math.max(3, layout.bodyHeight - chromeHeight);
	const {start, end} = useScrollWindow(lines.length, lineOfItem[state.selected] ?? 0, listHeight);

	if (!row) {
		return <Box height={layout.bodyHeight}><Text dimColor>{live.snapshot ? `${shown(branch)} is no longer in the repository (q goes back)` : 'reading the repository…'}</Text></Box>;
	}

	const progress = checklistProgress(judged);
	return (
		<Box flexDirection="column" height={layout.bodyHeight}>
			<Text wrap="truncate-end"><Text bold>{shown(branch)}</Text> at {state.head.slice(0, 7)} · {progressLine(progress)}{state.running ? ' · running the automated items…' : ''}</Text>
			{state.earlier
				? <Text color="yellow" wrap="truncate-end">out of date: answers were given at {state.earlier.head.slice(0, 7)}; the branch moved since (c carries the person-judged ones over)</Text>
				: null}
			{state.notice ? <Text color="yellow" wrap="truncate-end">{state.notice}</Text> : <Text> </Text>}
			{lines.slice(start, end).map((line, offset) => line.kind === 'group'
				? <Text key={`group-${start + offset}`} bold underline wrap="truncate-end">{line.text}</Text>
				: <ItemLine key={line.item.id} item={line.item} selected={line.index === state.selected} width={layout.columns}/>)}
			<Text dimColor wrap="truncate-end">{selected ? `evidence: ${selected.title}${evidence.length === 0 ? ' — none' : ''}` : ''}</Text>
			{evidence.slice(0, evidenceHeight).map((line, index) => (
				<Text key={index} wrap="truncate-end">  {shown(line)}</Text>
			))}
			{state.editing
				? <Text wrap="truncate-end">note › {shown(state.editing.text)}▏ <Text dimColor>(enter keeps · esc cancels)</Text></Text>
				: selected?.note ? <Text wrap="truncate-end">note: {shown(selected.note)}</Text> : null}
		</Box>
	);
}

function ItemLine({item, selected, width}: {item: JudgedItem; selected: boolean; width: number}) {
	const resultWidth = 24;
	return (
		<Box width={width}>
			<Box width={width - resultWidth}>
				<Text wrap="truncate-end" bold={selected}>
					<Text color="cyan">{selected ? '›' : ' '}</Text> <Text color={resultColor[item.result]}>{resultMark(item.result)}</Text> {item.title}{item.judge === 'person' ? ' *' : ''}{item.note ? ' ✎' : ''}
				</Text>
			</Box>
			<Box width={resultWidth}><Text color={resultColor[item.result]} wrap="truncate-end">{resultWord(item.result)}</Text></Box>
		</Box>
	);
}
