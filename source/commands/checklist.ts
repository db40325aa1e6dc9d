/**
 * `switchyard checklist <branch> [--json|--markdown] [--verify CMD]...` (DESIGN §5,
 * §6.2): the pre-merge checklist of one branch, with the automated items judged (the
 * verification commands run in a worktree of the head, never the user's checkout),
 * the person-judged ones as saved from the checklist screen. Exit 1 when an item failed.
 */
import {checklistMarkdown, checklistProgress, checklistText, judgeChecklist} from '../core/checklist.js';
import {StateStore} from '../store/state-store.js';
import {commandItems, makeChecklistServices, type CommandGate} from './checklist-services.js';
import {trustGate} from './command-gate.js';
import {currentTime, openRepository} from '../repo/open-repository.js';

export interface ChecklistOptions {
	directory: string;
	branch: string;
	json: boolean;
	markdown: boolean;
	verify: readonly string[];
	/** Which commands may run; by default the user's trust of this config (verify/trust.ts). */
	gate?: CommandGate;
}

/** A usage or environment problem: one line, exit 2. */
export class ChecklistInputError extends Error {
	readonly exitCode = 2;
}

export async function runChecklist(options: ChecklistOptions, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
	const repo = await openRepository(options.directory);
	const document = await repo.collector.collect(currentTime());
	if (options.branch === document.base.name) {
		throw new ChecklistInputError(`${options.branch} is the base branch: name an agent's branch (see switchyard status)`);
	}

	const row = document.branches.find(branch => branch.name === options.branch);
	if (!row) {
		throw new ChecklistInputError(`no branch named "${options.branch}": see switchyard status for the branches`);
	}

	if (row.ahead === 0) {
		throw new ChecklistInputError(`${row.name} has no commits of its own ahead of ${document.base.name}: nothing to check`);
	}

	const store = new StateStore(repo.location.commonDir);
	const services = makeChecklistServices(repo, {extraCommands: options.verify, gate: options.gate ?? trustGate(repo), store});
	const items = services.items();
	const {saved} = services.load(row.name, row.sha);
	const {runs, message} = await services.run(row.sha, commandItems(items), {signal: new AbortController().signal});
	if (message) {
		stderr.write(`switchyard: ${message}\n`);
	}

	const answers = saved?.answers ?? {};
	const notes = saved?.notes ?? {};
	const allRuns = {...saved?.runs, ...runs};
	const judged = judgeChecklist(items, {facts: row, runs: allRuns, answers, notes});
	const progress = checklistProgress(judged);
	await services.save(row.name, {
		head: row.sha,
		updatedAt: document.generatedAt,
		answers,
		notes,
		runs: allRuns,
		results: Object.fromEntries(judged.map(item => [item.id, item.result])),
		progress,
	});

	if (options.json) {
		stdout.write(JSON.stringify({
			schemaVersion: 1,
			branch: row.name,
			head: row.sha,
			base: document.base,
			progress,
			items: judged.map(item => ({id: item.id, group: item.group, title: item.title, judge: item.judge, result: item.result, evidence: item.evidence, note: item.note ?? null, commands: item.commands})),
		}, null, 2) + '\n');
	} else {
		stdout.write(options.markdown ? checklistMarkdown(row.name, row.sha, judged) : checklistText(row.name, row.sha, judged));
	}

	return progress.failed.length > 0 ? 1 : 0;
}
