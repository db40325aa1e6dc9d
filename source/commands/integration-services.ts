/**
 * The integration screen's services (ui/state/integration-services.ts): the same
 * preparation, engine and machine as `switchyard integrate`, on the dashboard's
 * repository (so every git command of the flow lands in its one command log), with
 * the screen's answers instead of `--yes` and the verification streamed to it.
 */
import {runFlow} from '../flows/engine/index.js';
import {integrationMachine} from '../flows/integration/machine.js';
import {StateStore} from '../store/state-store.js';
import type {IntegrationServices} from '../ui/state/integration-services.js';
import {Verifier} from '../verify/verifier.js';
import {currentTime, type OpenRepository} from '../repo/open-repository.js';
import {deleteMergedLines, finishClaimsLines} from './after-promotion.js';
import {screenFlowContext} from './flow-context.js';
import {branchTips, checkPreconditions, dryRun, integrationInput, suggestedOrder, verificationCommands} from './integrate.js';

/** `verify`: commands always run (as `--verify` does); without them, the config's when trusted. */
export function makeIntegrationServices(repo: OpenRepository, options: {verify?: string[]} = {}): IntegrationServices {
	const cliCommands = options.verify ?? [];
	const store = new StateStore(repo.location.commonDir);
	const verifier = new Verifier(store, repo.git);
	return {
		async plan(branches) {
			const snapshot = await repo.collector.collect(currentTime(), {refs: true, worktree: true}, {conflicts: true});
			const base = snapshot.base.name;
			await checkPreconditions(repo, store, base, {branches: [...branches], dryRun: true});
			const {commands, message} = verificationCommands(repo, cliCommands);
			return {base, order: suggestedOrder(snapshot, [...branches]), commands, ...(message ? {message} : {})};
		},

		deleteMerged: async branches => deleteMergedLines(repo, branches),
		finishClaims: async agents => finishClaimsLines(repo, agents),

		async dryRun(base, order) {
			return (await dryRun(repo, base, order)).steps;
		},

		async run(base, order, hooks) {
			await checkPreconditions(repo, store, base, {branches: [...order], dryRun: false});
			const {baseTip, branches} = await branchTips(repo, base, order);
			const {id, input} = await integrationInput(repo, store, {base, baseTip, branches, commands: verificationCommands(repo, cliCommands).commands, onConflict: 'ask', push: false, inspect: true});
			return runFlow(integrationMachine, id, input, screenFlowContext(repo, store, verifier, hooks), `integrate ${order.join(' ')} (dashboard)`);
		},
	};
}
