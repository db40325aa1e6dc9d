/**
 * The revert ledger (DESIGN §6.3 step 5, §4): state document `reverts/ledger.json`,
 * one entry per commit the revert flow reverted on base, so that a later merge of the
 * same branch can say the revert must itself be reverted first.
 */
import type {StateStore} from './state-store.js';

export interface LedgerEntry {
	/** The merged branch (a merge's), absent for a plain commit. */
	branch?: string;
	agent?: string;
	/** The reverted commit (the merge commit for a merge). */
	commit: string;
	/** The commit on base that reverts it. */
	revertCommit: string;
	base: string;
	/** ISO time of the promotion. */
	at: string;
	reason: string;
}

const ledgerDocument = 'reverts/ledger.json';
const ledgerVersion = 1;
/** The newest entries kept. */
const maxEntries = 500;

function isLedger(data: unknown): data is LedgerEntry[] {
	return Array.isArray(data) && data.every(entry => typeof entry === 'object' && entry !== null && typeof (entry as LedgerEntry).commit === 'string' && typeof (entry as LedgerEntry).revertCommit === 'string');
}

export function readLedger(store: StateStore): LedgerEntry[] {
	return store.read(ledgerDocument, ledgerVersion, isLedger) ?? [];
}

/** Adds entries; an entry for the same revert commit and reverted commit is not added twice. */
export function recordReverts(store: StateStore, entries: LedgerEntry[]): void {
	const ledger = readLedger(store);
	for (const entry of entries) {
		if (!ledger.some(known => known.commit === entry.commit && known.revertCommit === entry.revertCommit)) {
			ledger.push(entry);
		}
	}

	store.write(ledgerDocument, ledgerVersion, ledger.slice(-maxEntries));
}
