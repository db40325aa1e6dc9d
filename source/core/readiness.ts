/**
 * The merge-readiness verdict (docs/design.md §2): `blocked` by a conflict with base or a
 * failed checklist item (and, when its flow exists, a failed verification); `warn` for
 * everything else a reviewer would act on; `ready` otherwise; `pending` while conflict
 * prediction has not answered (never a provisional guess); `merged` once the work is on
 * base. Every reason names its evidence. What is no merge risk (the agent's claim still
 * says in progress) is a note, not a reason.
 */
import type {ChecklistState} from './checklist.js';
import {readinessHygieneKinds, summarizeHygiene} from './hygiene.js';
import type {BehindConfig, ClaimStatus, DomainIssue, HygieneIssue, PairConflict, Readiness} from './types.js';

/** Being behind warns on its own past 50 commits or 14 days (docs/design.md §4 `behind`). */
export const defaultBehind: BehindConfig = {commits: 50, days: 14};

export interface ReadinessInput {
	merged: boolean;
	/** A new branch (no commits of its own, never merged) has nothing to merge yet. */
	state?: 'new' | 'unmerged' | 'merged';
	ahead: number;
	behind: number;
	/** Days between the commit the branch forked from and base's tip (0 when unknown). */
	behindDays?: number;
	/** Files the branch changed that base also changed since the branch forked. */
	baseTouched?: string[];
	/** When being behind warns on its own; defaults to `defaultBehind`. */
	behindLimits?: BehindConfig;
	/** null: not predicted (old git, or still computing). */
	mergesCleanly: boolean | null;
	conflictsWithBase: string[];
	conflictsWith: PairConflict[];
	hygiene: HygieneIssue[];
	domain: DomainIssue[];
	/** The status of the owning agent's claim when that claim names this branch or is the agent's only one. */
	claimStatus: ClaimStatus | null;
	/** The checklist saved for this branch, if any (DESIGN §6.2): a failed item blocks. */
	checklist?: ChecklistState | null;
	/** A merge of this branch was reverted on base (core/reverted-merges). */
	revertedOnBase?: {revert: string};
}

export function judgeReadiness(input: ReadinessInput): Readiness {
	if (input.revertedOnBase) {
		// Git's faulty-merge pitfall: a plain merge now brings only the newer commits.
		const reverted = `reverted on base by ${input.revertedOnBase.revert.slice(0, 12)}: merging it again needs that revert reverted first, or its earlier commits stay out (switchyard integrate offers to)`;
		const rest = input.merged ? {verdict: 'ready' as const, reasons: []} : judgeReadiness({...input, revertedOnBase: undefined});
		return {verdict: 'blocked', reasons: [reverted, ...rest.reasons.filter(reason => !reason.startsWith('merges cleanly, up to date'))]};
	}

	if (input.merged) {
		return {verdict: 'merged', reasons: ['already merged into base']};
	}

	if (input.state === 'new') {
		return {verdict: 'warn', reasons: ['new — no commits yet']};
	}

	const blocking: string[] = [];
	const warnings: string[] = [];
	if (input.conflictsWithBase.length > 0) {
		blocking.push(`conflicts with base on ${plural(input.conflictsWithBase.length, 'file')}: ${list(input.conflictsWithBase)}`);
	}

	if (input.checklist?.freshness === 'current' && input.checklist.failed.length > 0) {
		blocking.push(`checklist: ${plural(input.checklist.failed.length, 'item')} failed: ${list(input.checklist.failed)}`);
	} else if (input.checklist?.freshness === 'out-of-date') {
		warnings.push('checklist out of date: the branch moved since it was filled');
	}

	for (const conflict of input.conflictsWith) {
		// A conflict only in coordination files warns like any conflict between branches (§2: only base conflicts block);
		// its reason says whether switchyard can merge it section by section or a person must.
		if (conflict.coordinationOnly?.sectionMergeable) {
			warnings.push(`coordination file conflict with ${conflict.branch} on ${list(conflict.files)}, section by section mergeable`);
		} else if (conflict.coordinationOnly) {
			warnings.push(`coordination file conflict with ${conflict.branch} on ${list(conflict.files)}, not section by section: ${conflict.coordinationOnly.reason}`);
		} else {
			warnings.push(`conflicts with ${conflict.branch} on ${plural(conflict.files.length, 'file')}: ${list(conflict.files)}`);
		}
	}

	warnings.push(...behindReasons(input));

	warnings.push(...summarizeHygiene(input.hygiene.filter(issue => readinessHygieneKinds.has(issue.kind))));
	const outside = input.domain.filter(issue => issue.kind === 'outside-paths').map(issue => issue.file);
	if (outside.length > 0) {
		warnings.push(`${plural(outside.length, 'file')} outside the agent's paths: ${list(outside)}`);
	}

	for (const issue of input.domain.filter(issue => issue.kind === 'inside-other-claim')) {
		warnings.push(`${issue.file} is claimed by ${issue.agent ?? 'another agent'}`);
	}

	const notes = input.claimStatus === 'in-progress' ? {notes: ['agent not done: its claim still says in progress']} : {};
	if (blocking.length > 0) {
		return {verdict: 'blocked', reasons: [...blocking, ...warnings], ...notes};
	}

	if (input.mergesCleanly === null && input.conflictsWithBase.length === 0) {
		return {verdict: 'pending', reasons: ['waiting for conflict prediction', ...warnings], ...notes};
	}

	return warnings.length > 0
		? {verdict: 'warn', reasons: warnings, ...notes}
		: {verdict: 'ready', reasons: [input.behind > 0 ? 'merges cleanly, nothing flagged' : 'merges cleanly, up to date, nothing flagged'], ...notes};
}

/**
 * Being behind is a risk when base changed the branch's own files, or when it is far
 * behind (past the configured commits or days); a few commits behind on other files
 * merges as it is.
 */
function behindReasons(input: ReadinessInput): string[] {
	if (input.behind === 0) {
		return [];
	}

	const limits = input.behindLimits ?? defaultBehind;
	const reasons: string[] = [];
	const touched = input.baseTouched ?? [];
	if (touched.length > 0) {
		reasons.push(`base changed ${plural(touched.length, 'file')} of this branch since it forked: ${list(touched)}`);
	}

	const days = Math.floor(input.behindDays ?? 0);
	if (input.behind > limits.commits || days > limits.days) {
		reasons.push(`${plural(input.behind, 'commit')} behind base${days > 0 ? ` (${plural(days, 'day')})` : ''}`);
	}

	return reasons;
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function list(files: string[]): string {
	return files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')}, …`;
}
