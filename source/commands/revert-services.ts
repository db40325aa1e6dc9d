/**
 * The revert screen's services (ui/state/revert-services.ts): the same plan, input,
 * engine, machine and ledger as `switchyard revert`, on the dashboard's repository (so
 * every git command of the flow lands in its one command log), with the screen's
 * answers instead of `--yes` and the verification streamed to it.
 */
import {runFlow} from '../flows/engine/index.js';
import {revertMachine} from '../flows/revert/machine.js';
import {StateStore} from '../store/state-store.js';
import type {RevertServices} from '../ui/state/revert-services.js';
import {Verifier} from '../verify/verifier.js';
import type {OpenRepository} from '../repo/open-repository.js';
import {screenFlowContext} from './flow-context.js';
import {checkPreconditions} from './integrate.js';
import {recordPromotedReverts, revertInput, revertPlan} from './revert.js';

/** `verify`: commands always run (as `--verify` does); without them, the config's when trusted. */
export function makeRevertServices(repo: OpenRepository, options: {verify?: string[]} = {}): RevertServices {
	const verify = options.verify ?? [];
	const store = new StateStore(repo.location.commonDir);
	const verifier = new Verifier(store, repo.git);
	return {
		plan: async last => revertPlan(repo, store, {last, verify}),

		async run(plan, choice, hooks) {
			// Time passed since the plan: an operation started meanwhile refuses here, in one line.
			await checkPreconditions(repo, store, plan.base, {branches: [], dryRun: false});
			const {id, input} = revertInput(store, plan, choice);
			const state = await runFlow(revertMachine, id, input, screenFlowContext(repo, store, verifier, hooks), `revert on ${plan.base} (dashboard)`);
			recordPromotedReverts(state, store);
			return state;
		},
	};
}
