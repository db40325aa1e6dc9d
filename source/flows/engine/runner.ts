/**
 * The runner: journals each effect (fsync) before performing it and its outcome
 * after, feeds outcomes back to the machine, and holds `flows/active.lock` while it
 * runs. Resume replays the journal through the pure machine (nothing is performed
 * again but the last unfinished effect); rollback restores every ref the flow moved
 * from its backup refs by compare-and-swap and removes its worktrees and branches;
 * undo reverses a finished flow's ref moves while nothing has moved them since.
 */
import process from 'node:process';
import {existsSync, readFileSync, rmSync} from 'node:fs';
import {commonDirOf, refLockFile, worktreeLockFiles} from '../../git/lock-files.js';
import {backupRefName, deleteRefCas, listBackupRefs, moveRef, readRef, RefMovedError, FilesInTheWayError, shortRef} from '../../git/update-ref.js';
import {listWorktrees, removeWorktree} from '../../git/worktrees.js';
import {LockHeldError, type HeldLock, type StateStore} from '../../store/state-store.js';
import {activeLock, aFlow, journalName, latestFlow, setCurrentFlow, whereInterrupted, type FlowSummary} from './journal.js';
import {FlowError} from './errors.js';
import {perform, type FlowContext} from './perform.js';
import type {Effect, FlowMachine, JournalRecord, Outcome} from './types.js';

export {FlowError} from './errors.js';

type AnyMachine = FlowMachine<any, any>;

/** Takes the one-flow-at-a-time lock, saying so when a dead holder's lock is taken over. */
function takeLock(context: FlowContext, purpose: string): HeldLock {
	const lock = context.store.acquireLock(activeLock, purpose);
	if (lock.tookOverFrom) {
		context.say(`took over the flow lock of process ${lock.tookOverFrom.pid} (${lock.tookOverFrom.purpose}), which is gone`);
	}

	return lock;
}

/**
 * Refuses to start a flow while another runs (LockHeldError naming it) or waits for
 * resume or rollback: commands call it before their preparations, `runFlow` again
 * under the lock.
 */
export function assertFlowCanStart(store: StateStore): void {
	const holder = store.lockHolder(activeLock);
	if (holder && holder.pid !== process.pid) {
		throw new LockHeldError(activeLock, holder);
	}

	const previous = latestFlow(store);
	if (previous && (previous.status === 'interrupted' || previous.status === 'rolling-back')) {
		throw new FlowError(`${aFlow(previous.flow)} was interrupted ${whereInterrupted(previous)}: run \`switchyard resume\` or \`switchyard rollback\` first`);
	}
}

/** Starts a flow and runs it to its end; returns the final state. */
export async function runFlow<Input, State>(machine: FlowMachine<Input, State>, id: string, input: Input, context: FlowContext, purpose: string): Promise<State> {
	const lock = takeLock(context, purpose);
	try {
		assertFlowCanStart(context.store);
		setCurrentFlow(context.store, id, machine.name);
		const journal = journalName(id);
		context.store.append(journal, {kind: 'start', flow: machine.name, id, input, pid: process.pid, at: new Date().toISOString()} satisfies JournalRecord);
		failpoint(context, machine.name, 0);
		const first = machine.start(input);
		return await drive(machine, id, first.state, [...first.effects], 0, undefined, context);
	} finally {
		lock.release();
	}
}

/** Continues the interrupted flow from its journal; returns its machine's final state. */
export async function resumeFlow(machines: readonly AnyMachine[], context: FlowContext): Promise<{flow: FlowSummary; state: unknown}> {
	const lock = takeLock(context, 'resuming a flow');
	try {
		const flow = interrupted(context, 'resume');
		if (flow.status === 'rolling-back') {
			throw new FlowError('a rollback of this flow was started: run `switchyard rollback` to finish it');
		}

		const machine = machines.find(candidate => candidate.name === flow.flow);
		if (!machine) {
			throw new FlowError(`the interrupted flow is a ${flow.flow} flow, which this version cannot resume: run \`switchyard rollback\``);
		}

		const replayed = replay(machine, flow.records);
		await clearLeftLocks(context, flow);
		context.say(`resuming the ${flow.flow} flow after step ${replayed.step}${replayed.pending ? ` (redoing ${replayed.pending.type})` : ''}`);
		const state = await drive(machine, flow.id, replayed.state, replayed.queue, replayed.step, replayed.pending, context);
		return {flow, state};
	} finally {
		lock.release();
	}
}

/**
 * Removes the lock files the interrupted flow's git left when it was killed in the
 * middle of a write (DESIGN §7.4), so that resume and rollback can write again: every
 * lock in its own worktrees' records, of its backup refs and of the branches it made
 * (no one else writes those, and the flow lock says its holder is gone), and the lock
 * of a ref it moves when that lock holds one of the two commits the flow moves it
 * between. Each is named. Any other lock may be someone else's: it is left, and the
 * step that meets it says which file is in the way (RefLockedError).
 */
async function clearLeftLocks(context: FlowContext, flow: FlowSummary): Promise<void> {
	const commonDir = await commonDirOf(context.git);
	const ours: string[] = [];
	for (const record of flow.records) {
		if (record.kind !== 'effect') {
			continue;
		}

		const {effect} = record;
		if (effect.type === 'add-worktree') {
			ours.push(...worktreeLockFiles(effect.folder));
		}

		if ((effect.type === 'add-worktree' && effect.branch !== undefined) || effect.type === 'delete-branch') {
			ours.push(refLockFile(commonDir, `refs/heads/${effect.branch!}`));
		} else if (effect.type === 'backup-ref') {
			ours.push(refLockFile(commonDir, backupRefName(flow.id, effect.ref)));
		} else if (effect.type === 'update-ref') {
			const lock = refLockFile(commonDir, effect.ref);
			const holds = existsSync(lock) ? readFileSync(lock, 'utf8').trim() : undefined;
			if (holds === effect.new || holds === effect.old) {
				ours.push(lock);
			}
		}
	}

	for (const lock of new Set(ours)) {
		if (existsSync(lock)) {
			rmSync(lock, {force: true});
			context.say(`removed ${lock}, which the interrupted flow's git left when it was killed`);
		}
	}
}

interface Replayed {
	state: unknown;
	queue: Effect[];
	step: number;
	/** Journaled but without an outcome: to be performed again. */
	pending?: Effect;
}

/** Rebuilds a machine's state from a journal, performing nothing. */
export function replay(machine: AnyMachine, records: readonly JournalRecord[]): Replayed {
	const start = records[0];
	if (start?.kind !== 'start') {
		throw new FlowError('the flow journal has no start; run `switchyard rollback`');
	}

	const first = machine.start(start.input);
	let state: unknown = first.state;
	const queue = [...first.effects];
	let step = 0;
	let pending: Effect | undefined;
	for (const record of records) {
		if (record.kind === 'effect') {
			const expected = queue.shift();
			if (JSON.stringify(expected) !== JSON.stringify(record.effect)) {
				throw new FlowError(`the flow journal does not match this version's ${machine.name} flow at step ${record.step}; run \`switchyard rollback\``);
			}

			pending = record.effect;
			step = record.step;
		} else if (record.kind === 'outcome' && pending) {
			const next = machine.step(state, {effect: pending, outcome: record.outcome});
			state = next.state;
			queue.push(...next.effects);
			pending = undefined;
		}
	}

	return {state, queue, step, ...(pending ? {pending} : {})};
}

async function drive<State>(machine: FlowMachine<unknown, State>, id: string, initial: State, queue: Effect[], lastStep: number, pending: Effect | undefined, context: FlowContext): Promise<State> {
	const journal = journalName(id);
	let state = initial;
	let step = lastStep;
	let redo = pending;
	while (redo || queue.length > 0) {
		let effect: Effect;
		if (redo) {
			effect = redo;
			redo = undefined;
		} else {
			effect = queue.shift()!;
			step++;
			context.store.append(journal, {kind: 'effect', step, effect} satisfies JournalRecord);
			failpoint(context, machine.name, step);
		}

		context.observe?.({phase: 'start', step, effect, state});
		let outcome: Outcome;
		try {
			outcome = await perform(effect, id, context);
		} catch (error) {
			const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
			throw new FlowError(`${message}; the ${machine.name} flow stopped at step ${step} (${effect.type}): run \`switchyard resume\` or \`switchyard rollback\``, error instanceof FlowError ? error.exitCode : 2);
		}

		context.store.append(journal, {kind: 'outcome', step, outcome} satisfies JournalRecord);
		const next = machine.step(state, {effect, outcome});
		state = next.state;
		queue.push(...next.effects);
		context.observe?.({phase: 'done', step, effect, outcome, state});
	}

	context.store.append(journal, {kind: 'finish', at: new Date().toISOString()} satisfies JournalRecord);
	return state;
}

/** SWITCHYARD_FAILPOINT=<flow>:<step>: killed right after that journal record (0: the start). */
function failpoint(context: FlowContext, flow: string, step: number): void {
	if ((context.env ?? process.env)['SWITCHYARD_FAILPOINT'] === `${flow}:${step}`) {
		process.kill(process.pid, 'SIGKILL');
	}
}

function interrupted(context: FlowContext, verb: string): FlowSummary {
	const flow = latestFlow(context.store);
	if (!flow || (flow.status !== 'interrupted' && flow.status !== 'rolling-back')) {
		throw new FlowError(`there is no interrupted flow to ${verb}`, 0);
	}

	return flow;
}

/** What rollback and undo did, one line each. */
export interface RestoreReport {
	lines: string[];
	/** Refs that could not be restored because someone else moved them. */
	refused: string[];
}

/**
 * Rolls the interrupted flow back: every ref it moved goes back to its backup by
 * compare-and-swap (a ref already back is left alone, one moved by someone else is
 * named and left), its worktrees and branches are removed, its backup refs deleted.
 * Rolling back twice is harmless: the second finds nothing to do.
 */
export async function rollbackFlow(context: FlowContext): Promise<RestoreReport> {
	const lock = takeLock(context, 'rolling a flow back');
	try {
		const latest = latestFlow(context.store);
		if (!latest || (latest.status !== 'interrupted' && latest.status !== 'rolling-back')) {
			return {lines: ['there is no interrupted flow to roll back'], refused: []};
		}

		const {git, store} = context;
		store.append(journalName(latest.id), {kind: 'rollback', at: new Date().toISOString()} satisfies JournalRecord);
		await clearLeftLocks(context, latest);
		const effects = latest.records.flatMap(record => (record.kind === 'effect' ? [record.effect] : []));
		const report: RestoreReport = {lines: [], refused: []};
		const backups = new Map((await listBackupRefs(git, latest.id)).map(entry => [entry.backup, entry.value]));
		for (const effect of effects.reverse()) {
			if (effect.type !== 'update-ref') {
				continue;
			}

			const old = backups.get(backupRefName(latest.id, effect.ref)) ?? effect.old;
			const current = await readRef(git, effect.ref);
			if (current === old) {
				continue;
			}

			if (current !== effect.new) {
				report.refused.push(effect.ref);
				report.lines.push(`${shortRef(effect.ref)} was moved by someone else (now ${current?.slice(0, 12) ?? 'gone'}); left as it is`);
				continue;
			}

			await restore(context, effect.ref, old, current, report);
		}

		for (const effect of effects) {
			if (effect.type === 'add-worktree') {
				if ((await listWorktrees(git)).some(worktree => worktree.path === effect.folder)) {
					await removeWorktree(git, effect.folder);
					report.lines.push(`removed the worktree ${effect.folder}`);
				}

				if (effect.branch) {
					const ref = `refs/heads/${effect.branch}`;
					const value = await readRef(git, ref);
					if (value) {
						await deleteRefCas(git, ref, value);
						report.lines.push(`deleted the branch ${effect.branch}`);
					}
				}
			}
		}

		if (report.refused.length === 0) {
			for (const backup of backups.keys()) {
				await deleteRefCas(git, backup, backups.get(backup)!);
			}

			store.append(journalName(latest.id), {kind: 'rolled-back', at: new Date().toISOString()} satisfies JournalRecord);
			report.lines.push(`rolled the ${latest.flow} flow back`);
		}

		return report;
	} finally {
		lock.release();
	}
}

/**
 * Reverses the last finished flow's local ref moves, each by compare-and-swap against
 * what the flow left. Refuses, naming the ref, when one moved since, and when the
 * flow pushed.
 */
export async function undoFlow(context: FlowContext): Promise<RestoreReport> {
	const lock = takeLock(context, 'undoing a flow');
	try {
		const latest = latestFlow(context.store);
		if (!latest || latest.status !== 'finished') {
			throw new FlowError(latest?.status === 'undone' ? 'the last flow was already undone' : 'there is no finished flow to undo', 1);
		}

		const moves = movesOf(latest.records);
		if (moves.pushed) {
			throw new FlowError(`the last ${latest.flow} flow pushed ${shortRef(moves.pushed)}: undo only reverses local moves; revert on the remote instead`, 1);
		}

		if (moves.refs.length === 0) {
			throw new FlowError(`the last ${latest.flow} flow moved no ref: there is nothing to undo`, 1);
		}

		const {git, store} = context;
		const backups = new Map((await listBackupRefs(git, latest.id)).map(entry => [entry.backup, entry.value]));
		for (const move of moves.refs) {
			const current = await readRef(git, move.ref);
			if (current !== move.new) {
				throw new FlowError(`${shortRef(move.ref)} moved since the ${latest.flow} flow (now ${current?.slice(0, 12) ?? 'gone'}, the flow left ${move.new.slice(0, 12)}): nothing was undone`, 1);
			}
		}

		const report: RestoreReport = {lines: [], refused: []};
		for (const move of [...moves.refs].reverse()) {
			await restore(context, move.ref, backups.get(backupRefName(latest.id, move.ref)) ?? move.old, move.new, report);
		}

		if (report.refused.length > 0) {
			throw new FlowError(report.lines.at(-1)!, 1);
		}

		for (const [backup, value] of backups) {
			await deleteRefCas(git, backup, value);
		}

		store.append(journalName(latest.id), {kind: 'undone', at: new Date().toISOString()} satisfies JournalRecord);
		return report;
	} finally {
		lock.release();
	}
}

/** The refs a finished flow moved (update-ref effects that succeeded) and whether it pushed. */
function movesOf(records: readonly JournalRecord[]): {refs: Array<Extract<Effect, {type: 'update-ref'}>>; pushed?: string} {
	const effects = new Map<number, Effect>();
	const refs: Array<Extract<Effect, {type: 'update-ref'}>> = [];
	let pushed: string | undefined;
	for (const record of records) {
		if (record.kind === 'effect') {
			effects.set(record.step, record.effect);
		} else if (record.kind === 'outcome' && record.outcome.ok) {
			const effect = effects.get(record.step);
			if (effect?.type === 'update-ref') {
				refs.push(effect);
			} else if (effect?.type === 'push') {
				pushed = effect.ref;
			}
		}
	}

	return {refs, ...(pushed ? {pushed} : {})};
}

async function restore(context: FlowContext, ref: string, old: string, current: string, report: RestoreReport): Promise<void> {
	try {
		const {folder} = await moveRef(context.git, ref, old, current);
		report.lines.push(`${shortRef(ref)} restored to ${old.slice(0, 12)}${folder ? ` (in the worktree ${folder})` : ''}`);
	} catch (error) {
		if (error instanceof RefMovedError || error instanceof FilesInTheWayError) {
			report.refused.push(ref);
			report.lines.push(error.message);
			return;
		}

		throw error;
	}
}
