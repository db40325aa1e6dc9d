import {Box, Text} from 'ink';
import {shown} from '../format.js';
import type {FlowRunFields, ProgressLine} from '../state/flow-run.js';
import {Confirm} from './Confirm.js';

export const toneColor: Record<ProgressLine['tone'], string | undefined> = {doing: 'cyan', ok: 'green', bad: 'red', info: undefined};

/** Lines in their tones (`bold` for an outcome). */
export function ToneLines({lines, bold = false}: {lines: readonly ProgressLine[]; bold?: boolean}) {
	return (
		<>
			{lines.map((line, index) => <Text key={index} bold={bold} color={toneColor[line.tone]} wrap="truncate-end">{line.text}</Text>)}
		</>
	);
}

/**
 * A flow's steps so far and the verification running now: its command, the elapsed
 * time and the last `room` lines of its output, as it comes (DESIGN §6.1 step 4).
 */
export function FlowProgressView({run, room}: {run: FlowRunFields; room: number}) {
	return (
		<>
			<ToneLines lines={run.progress}/>
			{run.verifying
				? (
					<Box flexDirection="column">
						<Text wrap="truncate-end">  $ {shown(run.verifying.command)} <Text dimColor>· {(run.verifying.elapsedMs / 1000).toFixed(1)} s (x cancels)</Text></Text>
						{run.verifying.lines.slice(-room).map((line, index) => <Text key={index} dimColor wrap="truncate-end">    {shown(line)}</Text>)}
					</Box>
				)
				: null}
		</>
	);
}

/** `q` while a flow runs: what leaving does, asked first. */
export function LeaveFlowConfirm({flow, removes, isActive, onLeave, onStay}: {flow: string; removes: string; isActive: boolean; onLeave: () => void; onStay: () => void}) {
	return (
		<Confirm
			title={`leave the running ${flow}?`}
			lines={['The verification is cancelled and every question answered no: nothing is promoted,', `${removes}, then switchyard quits.`]}
			isActive={isActive}
			onConfirm={onLeave}
			onCancel={onStay}
		/>
	);
}

/**
 * A conflict the flow waits on, the same on every flow screen: what conflicts, what a
 * continue found still unresolved, and — once r was pressed — the worktree to resolve
 * it in; `what` names it (a branch, a revert), `skip` says what s does (null: not offered).
 */
export function ConflictChoiceView({conflict, folder, resolving, skip, abort}: {
	conflict: {what: string; files: readonly string[]; unresolved?: readonly string[]; problem?: string};
	folder: string;
	resolving: boolean;
	skip: string | null;
	abort: string;
}) {
	const files = (conflict.unresolved ?? conflict.files).map(shown).join(', ');
	return (
		<Box flexDirection="column">
			<Text color="yellow" wrap="truncate-end">{shown(conflict.what)} conflicts in {conflict.files.map(shown).join(', ')}{conflict.unresolved ? <Text color="red"> · still unresolved: {files}{conflict.problem ? ` (${shown(conflict.problem)})` : ''}</Text> : null}</Text>
			{resolving
				? (
					<Box flexDirection="column">
						<Text wrap="truncate-end">resolve by hand in the worktree: <Text bold>{shown(folder)}</Text></Text>
						<Text dimColor wrap="truncate-end">edit {files} there (no conflict markers left), then c continues: switchyard stages them and commits</Text>
					</Box>
				)
				: <Text dimColor wrap="truncate-end">r resolve by hand in the worktree{skip ? ` · s ${skip}` : ''} · a {abort}</Text>}
		</Box>
	);
}
