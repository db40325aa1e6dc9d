/**
 * The checklist's services for the screen and the command: its items from the
 * config and `--verify`, the answers in the state folder, and the automated items
 * run by the verifier in a worktree of the head (never the user's checkout, §7.1).
 */
import {checklistItems, type ChecklistItem, type CommandOutcome} from '../core/checklist.js';
import {verifyKindOf} from '../core/config.js';
import {loadAnswers, saveChecklist} from '../store/checklist-answers.js';
import {StateStore} from '../store/state-store.js';
import type {ChecklistServices} from '../ui/state/checklist-services.js';
import {Verifier} from '../verify/verifier.js';
import type {OpenRepository} from '../repo/open-repository.js';

/**
 * Which commands may run: those of the command line always, those of the repository's
 * config only when the user trusted it (DESIGN §4). `message` names `switchyard trust`.
 */
export type CommandGate = (commands: ReadonlyArray<{command: string; fromConfig: boolean}>) => {allowed: ReadonlySet<string>; message?: string};

export interface ChecklistServiceOptions {
	/** `--verify CMD`: always run. */
	extraCommands: readonly string[];
	gate: CommandGate;
	store?: StateStore;
}

export function makeChecklistServices(repo: OpenRepository, options: ChecklistServiceOptions): ChecklistServices {
	const store = options.store ?? new StateStore(repo.location.commonDir);
	const verifier = new Verifier(store, repo.git);
	const cliCommands = new Set(options.extraCommands);
	const commands = [...repo.config.verify, ...options.extraCommands.map(command => ({kind: verifyKindOf(command), command}))];
	const items = checklistItems(commands, repo.config.checklist);
	return {
		items: () => items,
		load: (branch, head) => loadAnswers(store, branch, head),
		save: (branch, record) => saveChecklist(store, branch, record),
		async run(head, toRun, {signal}) {
			const wanted = [...new Set(toRun.flatMap(item => item.commands))].map(command => ({command, fromConfig: !cliCommands.has(command)}));
			const {allowed, message} = options.gate(wanted);
			const runnable = toRun.filter(item => item.commands.length > 0 && item.commands.every(command => allowed.has(command)));
			const runs: Record<string, CommandOutcome[]> = {};
			if (runnable.length === 0) {
				return {runs, ...(message ? {message} : {})};
			}

			const tree = (await repo.git.run(['rev-parse', '--verify', '--end-of-options', `${head}^{tree}`])).trim();
			for (const item of runnable) {
				if (signal.aborted) {
					break;
				}

				const outcome = await verifier.verify({commit: head, tree, commands: item.commands, signal});
				runs[item.id] = outcome.results.map(result => ({
					command: result.command,
					exitCode: result.exitCode,
					durationMs: result.durationMs,
					tail: result.tail.join('\n'),
					cached: result.cached,
					notFound: result.notFound,
					cancelled: result.cancelled,
				}));
			}

			return {runs, ...(message ? {message} : {})};
		},
	};
}

/** Items whose commands the checklist would run. */
export function commandItems(items: readonly ChecklistItem[]): ChecklistItem[] {
	return items.filter(item => item.judge === 'command' && item.commands.length > 0);
}
