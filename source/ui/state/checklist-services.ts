/**
 * What the checklist screen asks of the rest of the app: its items, the answers saved
 * in the state folder, and running the automated items. The command layer provides
 * it (it knows the repository, the store and the verifier); the screen does no I/O.
 */
import type {ChecklistItem, CommandOutcome} from '../../core/checklist.js';
import type {SavedAnswers} from '../../flows/checklist/checklist-flow.js';
import type {ChecklistRecord} from '../../store/checklist-answers.js';

export interface ChecklistServices {
	/** The built-in items and the repository's own, with their commands. */
	items(): ChecklistItem[];
	/** The answers saved for this head, and the newest ones of an earlier head. */
	load(branch: string, head: string): {saved?: SavedAnswers; earlier?: SavedAnswers};
	save(branch: string, record: ChecklistRecord): Promise<void>;
	/**
	 * Runs the commands of the command items at `head`, never in the user's checkout.
	 * `message` says why some did not run (an untrusted config: one line naming `switchyard trust`).
	 */
	run(head: string, items: readonly ChecklistItem[], options: {signal: AbortSignal; onLine?: (line: string) => void}): Promise<{runs: Record<string, CommandOutcome[]>; message?: string}>;
}
