/**
 * Small pure formatters shared by the screens. Every piece of repository text goes
 * through `shown` (docs/design.md §7.6), and every colour is paired with a word so the
 * screen still reads under NO_COLOR.
 */
import {checkinAgeMinutes, formatAge} from '../core/staleness.js';
import {makeVisible} from '../core/text-safety.js';
import type {BranchRow} from '../core/snapshot.js';
import type {Staleness, Verdict} from '../core/types.js';
import type {AgentFold, DashboardRow} from './state/dashboard-rows.js';

/**
 * Longer than any terminal line. Ink measures every character of a text it
 * truncates, and string-width takes about 10 ms per thousand emoji, worse than
 * linearly: a 60,000-character claim pasted into a coordination file froze a frame
 * for 50 s. Text is cut to this before it reaches Ink.
 */
export const longestShownText = 400;

/** Cuts a text to `longestShownText` characters and an ellipsis, never inside a surrogate pair. */
export function clipped(text: string): string {
	if (text.length <= longestShownText) {
		return text;
	}

	const end = /[\uD800-\uDBFF]/.test(text[longestShownText - 1]!) ? longestShownText - 1 : longestShownText;
	return `${text.slice(0, end)}…`;
}

/** Repository text, cut to a line's length and made inert for the terminal. */
export function shown(text: string): string {
	return makeVisible(clipped(text));
}

export const stalenessColor: Record<Staleness, string> = {
	active: 'green',
	idle: 'yellow',
	stale: 'red',
	unknown: 'gray',
};

export const verdictColor: Record<Verdict, string> = {
	ready: 'green',
	warn: 'yellow',
	blocked: 'red',
	pending: 'gray',
	merged: 'blue',
};

/** Minutes since an ISO time, or null when it does not parse. */
export function minutesSince(iso: string | undefined | null, now: number): number | null {
	return checkinAgeMinutes(iso ?? undefined, now);
}

/** `↑3 ↓1`: commits ahead of and behind base; `new` for a branch with no commits of its own yet. */
export function aheadBehind(branch: BranchRow | null): string {
	if (branch?.state === 'new') {
		return 'new';
	}

	return branch ? `↑${branch.ahead} ↓${branch.behind}` : '—';
}

/** The branch's state in words for the details (docs/design.md §2, branch states). */
export function branchStateText(branch: BranchRow, baseName: string): string {
	if (branch.state === 'new') {
		return 'new — no commits yet';
	}

	return `${aheadBehind(branch)} against ${shown(baseName)}${branch.state === 'merged' ? ' (merged)' : ''}`;
}

/**
 * The conflicts cell: `none`, `2`, `base`, `base+2`; `?` when prediction could not
 * run; null while it is still being computed (the caller draws a spinner).
 */
export function conflictSummary(branch: BranchRow | null, pending: boolean): string | null {
	if (!branch) {
		return '—';
	}

	if (branch.revertedOnBase) {
		return 'reverted on base';
	}

	if (branch.merged) {
		return 'merged';
	}

	if (branch.mergesCleanly === null && branch.conflictsWith.length === 0) {
		return pending ? null : '?';
	}

	const withBase = branch.conflictsWithBase.length > 0 || branch.mergesCleanly === false;
	const others = branch.conflictsWith.length;
	if (withBase) {
		return others > 0 ? `base+${others}` : 'base';
	}

	return others > 0 ? String(others) : 'none';
}

/** `work · module`, with `(inferred)` when the generic reader guessed it. */
export function claimText(row: Pick<DashboardRow, 'claim'>): string {
	const claim = row.claim;
	if (!claim) {
		return 'no claim';
	}

	const parts = [claim.work, claim.module].filter((part): part is string => Boolean(part));
	const text = parts.length > 0 ? shown(parts.join(' · ')) : `(${claim.status})`;
	return claim.confidence === 'inferred' ? `${text} (inferred)` : text;
}

/** The branch cell: the name (with the linked worktree it is checked out in), a folded agent's count, or a placeholder for a claim without a branch. */
export function branchText(row: Pick<DashboardRow, 'branch' | 'fold'>): string {
	if (row.fold) {
		return `▸ ${shown(row.fold.agent)}: ${row.fold.total} branch${row.fold.total === 1 ? '' : 'es'} (z unfolds)`;
	}

	return row.branch ? shown(row.branch.name) + worktreeText(row.branch.worktree) : '(no branch yet)';
}

/** ` (in wt-claude · 3 uncommitted)`: the linked worktree a branch is checked out in, by folder name (details has the path). */
function worktreeText(worktree: BranchRow['worktree']): string {
	if (!worktree) {
		return '';
	}

	const folder = shown(worktree.path.split(/[\\/]/).filter(Boolean).at(-1) ?? worktree.path);
	return ` (in ${folder}${worktree.dirtyFiles > 0 ? ` · ${worktree.dirtyFiles} uncommitted` : ''})`;
}

const verdictsByUrgency: readonly Verdict[] = ['blocked', 'warn', 'pending', 'ready', 'merged'];

/** A folded agent's branches by verdict, most urgent first: `3 blocked · 5 warn · 4 ready`. */
export function foldCounts(fold: AgentFold): Array<{verdict: Verdict; text: string}> {
	return verdictsByUrgency.filter(verdict => (fold.counts[verdict] ?? 0) > 0).map(verdict => ({verdict, text: `${fold.counts[verdict]} ${verdict}`}));
}

/** The last-activity cell: how long ago the branch's last commit was (compact: `5m`, `2h`, `3d`). */
export function lastActivityText(row: Pick<DashboardRow, 'branch'>, now: number): string {
	return row.branch ? formatAge(minutesSince(row.branch.lastCommitAt, now), 'compact') : '—';
}

export function agentText(row: Pick<DashboardRow, 'agent'>): string {
	return row.agent === null ? '—' : shown(row.agent);
}

/** `2 h 15 min idle`, the check-in in words. */
export function checkinText(row: Pick<DashboardRow, 'claim' | 'checkinAgeMinutes'>): string {
	if (!row.claim) {
		return 'no check-in';
	}

	return `${formatAge(row.checkinAgeMinutes)} ${row.claim.staleness}`;
}

/** Seven characters of a commit id. */
export function shortSha(sha: string): string {
	return shown(sha.slice(0, 7));
}
