/**
 * What the integration screen asks of the rest of the app (DESIGN §6.1): the suggested
 * order, the dry run, and running the flow through the same engine and machine as
 * `switchyard integrate`, with the screen answering its questions instead of `--yes`.
 * The command layer provides it; the screen does no I/O.
 */
import type {IntegrationState} from '../../flows/integration/machine.js';
import type {FlowHooks} from './flow-run.js';

export interface DryRunStep {
	branch: string;
	clean: boolean;
	conflictedFiles: string[];
	/** The branches merged before it that make it conflict (it merges cleanly into base alone). */
	onlyAfter?: string[];
	/** The conflict is confined to these coordination files, which the flow merges section by section. */
	bySection?: string[];
}

export interface IntegrationPlan {
	base: string;
	/** The marked branches in the suggested order: claims' dependencies first, then fewest predicted conflicts. */
	order: string[];
	/** The verification commands the run will use; `message` says why the config's are not run (untrusted). */
	commands: string[];
	message?: string;
}

export interface IntegrationServices {
	plan(branches: readonly string[]): Promise<IntegrationPlan>;
	/** Merges `order` in the object database only: nothing the repository keeps is written. */
	dryRun(base: string, order: readonly string[]): Promise<DryRunStep[]>;
	/** After promotion: `git branch -d` of the merged agent branches, one line each. */
	deleteMerged(branches: readonly string[]): Promise<string[]>;
	/** After promotion: `switchyard done` for each agent, its lines. */
	finishClaims(agents: readonly string[]): Promise<string[]>;
	/** Runs the flow to its end (conflicts are asked about); throws a one-line error when it cannot start or stops. */
	run(base: string, order: readonly string[], hooks: FlowHooks<IntegrationState>): Promise<IntegrationState>;
}
