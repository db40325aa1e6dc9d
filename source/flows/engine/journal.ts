/**
 * A flow's journal and where flows are found: `<state>/flows/<id>/journal.jsonl`
 * (appended with fsync through the state store) and `<state>/flows/current.json`,
 * which names the latest flow. The lock `flows/active.lock` says whether a process is
 * running it; a journal without an end whose lock is gone is an interrupted flow.
 */
import {randomBytes} from 'node:crypto';
import process from 'node:process';
import type {StateStore} from '../../store/state-store.js';
import type {Effect, JournalRecord} from './types.js';

export const activeLock = 'flows/active.lock';
const currentDocument = 'flows/current.json';

export function journalName(id: string): string {
	return `flows/${id}/journal.jsonl`;
}

/** `integration-20261203-0600-1a2b`: sortable, and unique among flows started in one minute. */
export function newFlowId(flow: string, now: Date): string {
	return `${flow}-${stamp(now)}-${randomBytes(2).toString('hex')}`;
}

/** `yyyymmdd-hhmm` in UTC. */
export function stamp(now: Date): string {
	const iso = now.toISOString();
	return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}`;
}

export function setCurrentFlow(store: StateStore, id: string, flow: string): void {
	store.write(currentDocument, 1, {id, flow});
}

export function currentFlow(store: StateStore): {id: string; flow: string} | undefined {
	return store.read<{id: string; flow: string}>(currentDocument, 1, (data): data is {id: string; flow: string} => typeof (data as {id?: unknown})?.id === 'string');
}

export type FlowStatus = 'running' | 'interrupted' | 'rolling-back' | 'finished' | 'rolled-back' | 'undone';

export interface FlowSummary {
	id: string;
	flow: string;
	status: FlowStatus;
	/** The last step journaled, and its effect. */
	step: number;
	effect?: Effect;
	records: JournalRecord[];
}

/** The latest flow and what its journal says about it; undefined when there is none. */
export function latestFlow(store: StateStore): FlowSummary | undefined {
	const current = currentFlow(store);
	if (!current) {
		return undefined;
	}

	const records = store.readLines<JournalRecord>(journalName(current.id));
	if (records.length === 0) {
		return undefined;
	}

	let step = 0;
	let effect: Effect | undefined;
	const kinds = new Set<string>();
	for (const record of records) {
		kinds.add(record.kind);
		if (record.kind === 'effect') {
			step = record.step;
			effect = record.effect;
		}
	}

	// A lock held by this very process (resume and rollback take it first) is not someone else running the flow.
	const holder = store.lockHolder(activeLock);
	const running = holder !== undefined && holder.pid !== process.pid;
	const status: FlowStatus = kinds.has('undone')
		? 'undone'
		: kinds.has('rolled-back')
			? 'rolled-back'
			: kinds.has('finish')
				? 'finished'
				: running
					? 'running'
					: kinds.has('rollback')
						? 'rolling-back'
						: 'interrupted';
	return {id: current.id, flow: current.flow, status, step, ...(effect ? {effect} : {}), records};
}

/** The one line every command prints at its start while a flow waits for resume or rollback. */
export function interruptedNotice(store: StateStore): string | undefined {
	const flow = latestFlow(store);
	if (!flow || (flow.status !== 'interrupted' && flow.status !== 'rolling-back')) {
		return undefined;
	}

	if (flow.status === 'rolling-back') {
		return `the rollback of ${aFlow(flow.flow)} was interrupted: run \`switchyard rollback\` to finish it`;
	}

	return `${aFlow(flow.flow)} was interrupted ${whereInterrupted(flow)}: run \`switchyard resume\` or \`switchyard rollback\``;
}

/** "at step 3 (merge)", or "before its first step" when it was killed right after its journal began. */
export function whereInterrupted(flow: FlowSummary): string {
	return flow.step === 0 ? 'before its first step' : `at step ${flow.step}${flow.effect ? ` (${flow.effect.type})` : ''}`;
}

/** "an integration flow", "a revert flow": how a flow is named in a sentence. */
export function aFlow(name: string): string {
	return `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name} flow`;
}
