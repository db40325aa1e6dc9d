/**
 * Checklist answers in the state folder (DESIGN §4, §6.2): one small document per
 * branch, holding a record per head commit (newest first, a few kept), so that a
 * branch that moved shows its checklist as out of date and the person-judged answers
 * can be carried over to the new head.
 */
import type {Answer, ChecklistProgress, ChecklistState, CommandOutcome, ItemResult} from '../core/checklist.js';
import type {StateStore} from './state-store.js';

export interface ChecklistRecord {
	head: string;
	updatedAt: string;
	/** The person's answers, by item id. */
	answers: Record<string, Answer>;
	notes: Record<string, string>;
	/** Outcomes of the command items run for this head, by item id. */
	runs: Record<string, CommandOutcome[]>;
	/** The last judgement of every item, by id: what the dashboard and readiness read without judging again. */
	results: Record<string, ItemResult>;
	progress: ChecklistProgress;
}

export interface ChecklistDocument {
	branch: string;
	/** Newest first. */
	records: ChecklistRecord[];
}

const version = 1;
const folder = 'checklists';
const keptHeads = 5;

function fileOf(branch: string): string {
	return `${folder}/${encodeURIComponent(branch)}.json`;
}

function isDocument(data: unknown): data is ChecklistDocument {
	const document = data as Partial<ChecklistDocument> | null;
	return typeof document === 'object' && document !== null && typeof document.branch === 'string' && Array.isArray(document.records)
		&& document.records.every(record => typeof record?.head === 'string' && typeof record.answers === 'object' && typeof record.progress === 'object');
}

export function readChecklist(store: StateStore, branch: string): ChecklistDocument | undefined {
	return store.read(fileOf(branch), version, isDocument);
}

/** The record saved for this exact head, if any. */
export function recordFor(document: ChecklistDocument | undefined, head: string): ChecklistRecord | undefined {
	return document?.records.find(record => record.head === head);
}

/** The record saved for `head`, and the newest one of an earlier head (its answers can be carried over). */
export function loadAnswers(store: StateStore, branch: string, head: string): {saved?: ChecklistRecord; earlier?: ChecklistRecord} {
	const document = readChecklist(store, branch);
	const saved = recordFor(document, head);
	const earlier = document?.records.find(record => record.head !== head);
	return {...(saved ? {saved} : {}), ...(earlier ? {earlier} : {})};
}

/** Saves the record of one head (replacing that head's earlier one), under the document's lock. */
export async function saveChecklist(store: StateStore, branch: string, record: ChecklistRecord): Promise<void> {
	const name = fileOf(branch);
	await store.withLock(`${name}.lock`, () => {
		const current = readChecklist(store, branch);
		const others = (current?.records ?? []).filter(entry => entry.head !== record.head);
		store.write(name, version, {branch, records: [record, ...others].slice(0, keptHeads)} satisfies ChecklistDocument);
	});
}

/** Branches with a saved checklist: one folder listing, so a refresh reads only the documents that exist. */
export function branchesWithChecklist(store: StateStore): Set<string> {
	const names = new Set<string>();
	for (const entry of store.list(folder)) {
		if (entry.endsWith('.json')) {
			try {
				names.add(decodeURIComponent(entry.slice(0, -'.json'.length)));
			} catch {
				// Not a name we wrote.
			}
		}
	}

	return names;
}

/** The branch's checklist as of `head`: current, out of date (saved for another head), or none. */
export function checklistStateAt(document: ChecklistDocument | undefined, head: string): ChecklistState | null {
	const current = recordFor(document, head);
	if (current) {
		return {freshness: 'current', head, done: current.progress.done, total: current.progress.total, failed: current.progress.failed};
	}

	const latest = document?.records[0];
	return latest ? {freshness: 'out-of-date', head: latest.head, done: latest.progress.done, total: latest.progress.total, failed: latest.progress.failed} : null;
}
