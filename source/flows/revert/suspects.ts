/**
 * The suspects of a broken base as the revert flow and its two faces (the command's
 * printout and the dashboard's revert screen) name them: one label, one agent, one
 * line per suspect, read from `git/read-suspects` once.
 */
import {makeVisible} from '../../core/text-safety.js';
import type {Suspect} from '../../git/read-suspects.js';
import type {RevertSuspectInput} from './machine.js';

/** A suspect with what the flow calls it and whose it is. */
export interface NamedSuspect extends Suspect {
	/** The merged branch, or the plain commit's subject, control characters made visible. */
	label: string;
	/** The merged branch's agent, when the branch names one. */
	agent?: string;
}

/** What a revert run starts from: base, its tip, the named suspects (newest first), the verification. */
export interface RevertPlan {
	base: string;
	baseTip: string;
	suspects: NamedSuspect[];
	commands: string[];
	/** Why the config's commands are not run (untrusted), when they are not. */
	message?: string;
}

/** Names each suspect; `agentOfBranch` is the config's answer (core/agents `ownerOfBranch`). */
export function nameSuspects(suspects: readonly Suspect[], agentOfBranch: (branch: string) => string | undefined): NamedSuspect[] {
	return suspects.map(suspect => {
		const label = makeVisible(suspect.mergedTip ? (suspect.branch ?? `merge ${suspect.commit.slice(0, 12)}`) : suspect.subject);
		const agent = suspect.branch ? agentOfBranch(suspect.branch) : undefined;
		return {...suspect, label, ...(agent ? {agent} : {})};
	});
}

/** What the machine needs of a suspect. */
export function suspectInput(suspect: NamedSuspect): RevertSuspectInput {
	return {commit: suspect.commit, merge: suspect.mergedTip !== undefined, label: suspect.label, ...(suspect.branch ? {branch: suspect.branch} : {}), ...(suspect.agent ? {agent: suspect.agent} : {})};
}

/** One suspect in one line (without its number): id, time (UTC), what it is, its files. */
export function suspectLine(suspect: NamedSuspect): string {
	const when = new Date(suspect.time * 1000).toISOString().slice(0, 16).replace('T', ' ');
	const what = suspect.mergedTip
		? `merge of ${suspect.label} (${suspect.agent ?? 'no agent'}), ${suspect.commits} commit${suspect.commits === 1 ? '' : 's'}`
		: `commit "${makeVisible(suspect.subject)}"`;
	const files = suspect.files.slice(0, 5).map(file => makeVisible(file)).join(', ') + (suspect.fileCount > 5 ? `, … (${suspect.fileCount} files)` : '');
	return `${suspect.commit.slice(0, 12)} ${when} ${what}: ${files || 'no files'}`;
}

/** Above this many suspects the flow bisects instead of reverting newest first. */
export const newestFirstLimit = 3;

/** The search the flow uses when the person does not choose: bisection above `newestFirstLimit` suspects. */
export function defaultStrategy(count: number, bisect: boolean): 'newest-first' | 'bisect' {
	return bisect || count > newestFirstLimit ? 'bisect' : 'newest-first';
}
