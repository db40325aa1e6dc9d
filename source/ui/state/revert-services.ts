/**
 * What the revert screen asks of the rest of the app (DESIGN §6.3): the suspects on
 * base and the verification, then a run through the same engine and machine as
 * `switchyard revert`, the screen answering the promotion question instead of `--yes`.
 * The command layer provides it; the screen does no I/O.
 */
import type {RevertInput, RevertState} from '../../flows/revert/machine.js';
import type {RevertPlan} from '../../flows/revert/suspects.js';
import type {FlowHooks} from './flow-run.js';

/** What the person chose on the screen: the search, the base check, and what a conflicting revert does. */
export type RevertChoice = Pick<RevertInput, 'strategy' | 'checkBase' | 'onConflict'>;

export interface RevertServices {
	/** Checks the repository and reads base's newest `last` first-parent commits; throws one line when the flow cannot start. */
	plan(last: number): Promise<RevertPlan>;
	/** Runs the flow from the plan's tip to its end, and records a promoted revert in the revert ledger. */
	run(plan: RevertPlan, choice: RevertChoice, hooks: FlowHooks<RevertState>): Promise<RevertState>;
}
