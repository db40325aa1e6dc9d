/**
 * The merge-readiness verdict (docs/design.md §2): `blocked` by a conflict with base or a
 * failed checklist item (and, when its flow exists, a failed verification); `warn` for
 * everything else worth a look; `ready` otherwise. Every reason names its evidence.
 */
import type {ChecklistState} from './checklist.js';
import {readinessHygieneKinds, summarizeHygiene} from './hygiene.js';
import type {ClaimStatus, DomainIssue, HygieneIssue, PairConflict, Readiness} from './types.js';

export interface ReadinessInput {
	merged: boolean;
	/** A new branch (no commits of its own, never merged) has nothing to merge yet. */
	state?: 'new' | 'unmerged' | 'merged';
	ahead: number;
	behind: number;
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
		return {verdict: 'ready', reasons: ['already merged into base']};
	}

	if (input.state === 'new') {
		return {verdict: 'warn', reasons: ['new — no commits yet']};
	}

	const blocking: string[] = [];
	const warnings: string[] = [];
	if (input.conflictsWithBase.length > 0) {
		blocking.push(`conflicts with base on ${plural(input.conflictsWithBase.length, 'file')}: ${list(input.conflictsWithBase)}`);
	} else if (input.mergesCleanly === null) {
		warnings.push('merge with base not predicted yet');
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

	if (input.behind > 0) {
		warnings.push(`${plural(input.behind, 'commit')} behind base`);
	}

	warnings.push(...summarizeHygiene(input.hygiene.filter(issue => readinessHygieneKinds.has(issue.kind))));
	const outside = input.domain.filter(issue => issue.kind === 'outside-paths').map(issue => issue.file);
	if (outside.length > 0) {
		warnings.push(`${plural(outside.length, 'file')} outside the agent's paths: ${list(outside)}`);
	}

	for (const issue of input.domain.filter(issue => issue.kind === 'inside-other-claim')) {
		warnings.push(`${issue.file} is claimed by ${issue.agent ?? 'another agent'}`);
	}

	if (input.claimStatus === 'in-progress') {
		warnings.push('the claim still says in progress');
	}

	if (blocking.length > 0) {
		return {verdict: 'blocked', reasons: [...blocking, ...warnings]};
	}

	return warnings.length > 0 ? {verdict: 'warn', reasons: warnings} : {verdict: 'ready', reasons: ['merges cleanly, up to date, nothing flagged']};
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function list(files: string[]): string {
	return files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')}, …`;
}
