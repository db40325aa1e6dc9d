/**
 * The dashboard's rows, derived from a snapshot by a pure function: one row per
 * branch (joined with its agent's claim), plus one row per agent that has a claim but
 * no branch, then filtered, sorted and with merged branches folded into a count.
 */
import type {AgentClaimView, AgentRow, BranchRow, StatusDocument} from '../../core/snapshot.js';
import {checkinAgeMinutes} from '../../core/staleness.js';
import type {Verdict} from '../../core/types.js';
import {asksForMerged, matchesFilter, parseFilter, type ParsedFilter} from './row-filter.js';
import type {SortMode} from './screen-state.js';

export interface DashboardRow {
	/** Stable identity: the branch name, or `agent:<key>` for a claim without a branch. */
	key: string;
	branch: BranchRow | null;
	agent: string | null;
	agentRow: AgentRow | null;
	/** The claim shown on this row, if the agent has one that applies to it. */
	claim: AgentClaimView | null;
	/** Minutes since the claim's last check-in, as of `now`; null when unknown. */
	checkinAgeMinutes: number | null;
	/** An agent's branches folded into this one line (`z`): how many, by verdict. */
	fold?: AgentFold;
}

export interface AgentFold {
	agent: string;
	/** Branches folded (after the filter), by verdict. */
	counts: Partial<Record<Verdict, number>>;
	total: number;
}

/** The key of an agent's folded line. */
export const foldPrefix = 'fold:';

export interface DashboardModel {
	rows: DashboardRow[];
	/** Merged branches left out because `M` is off (after filtering). */
	hiddenMergedCount: number;
	/** Rows before filtering and folding. */
	totalCount: number;
	/** Whether any row (before filtering) shows a claim: without one the table drops its claim columns. */
	anyClaim: boolean;
	/** The filter as understood (quick filters, words, what could not be understood). */
	filter: ParsedFilter;
}

export interface RowOptions {
	filter: string;
	sort: SortMode;
	showMerged: boolean;
	now: number;
	/** Agents whose branches show as one line (`z`). */
	foldedAgents?: readonly string[];
}

export const claimOnlyPrefix = 'agent:';

/** Minutes since the last check-in at `now`, counting the time since the snapshot was taken. */
export function checkinAgeAt(claim: AgentClaimView | null, generatedAt: string, now: number): number | null {
	if (!claim) {
		return null;
	}

	const sinceCheckin = checkinAgeMinutes(claim.lastCheckin, now);
	if (sinceCheckin !== null) {
		return sinceCheckin;
	}

	if (claim.checkinAgeMinutes === null) {
		return null;
	}

	const sinceSnapshot = Math.max(0, now - Date.parse(generatedAt)) / 60_000;
	return Math.floor(claim.checkinAgeMinutes + (Number.isNaN(sinceSnapshot) ? 0 : sinceSnapshot));
}

/** The claim shows on the one branch the snapshot placed it on (core/claim-placement), nowhere else. */
function claimForBranch(agentRow: AgentRow | undefined, branch: BranchRow): AgentClaimView | null {
	return agentRow?.claimBranch === branch.name ? agentRow.claim : null;
}

function allRows(snapshot: StatusDocument, now: number): DashboardRow[] {
	const agents = new Map(snapshot.agents.map(agentRow => [agentRow.agent, agentRow]));
	const branchNames = new Set(snapshot.branches.map(branch => branch.name));
	const rows: DashboardRow[] = [];
	for (const branch of snapshot.branches) {
		if (branch.name === snapshot.base.name) {
			continue;
		}

		const agentRow = branch.agent === null ? undefined : agents.get(branch.agent);
		const claim = claimForBranch(agentRow, branch);
		rows.push({
			key: branch.name,
			branch,
			agent: branch.agent,
			agentRow: agentRow ?? null,
			claim,
			checkinAgeMinutes: checkinAgeAt(claim, snapshot.generatedAt, now),
		});
	}

	for (const agentRow of snapshot.agents) {
		const shownOnBranch = agentRow.claimBranch !== null && branchNames.has(agentRow.claimBranch) && agentRow.claimBranch !== snapshot.base.name;
		if (agentRow.claim && !shownOnBranch) {
			rows.push({
				key: claimOnlyPrefix + agentRow.agent,
				branch: null,
				agent: agentRow.agent,
				agentRow,
				claim: agentRow.claim,
				checkinAgeMinutes: checkinAgeAt(agentRow.claim, snapshot.generatedAt, now),
			});
		}
	}

	return rows;
}

/** The most urgent first: what blocks, what warns, what is not judged yet, what is ready, what is done. */
export const verdictUrgency: Record<Verdict, number> = {blocked: 0, warn: 1, pending: 2, ready: 3, merged: 4};

function lastActivity(row: DashboardRow): number {
	const at = row.branch?.lastCommitAt ?? row.claim?.lastCheckin;
	const time = at === undefined ? Number.NaN : Date.parse(at);
	return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

// Each order breaks ties by name, so rows never jump between two refreshes.
const sortKeys: Record<SortMode, (row: DashboardRow) => Array<string | number>> = {
	agent: row => [row.agent === null ? 1 : 0, row.agent ?? '', row.key],
	readiness: row => [row.branch ? verdictUrgency[row.branch.readiness.verdict] : 5, row.key],
	// Oldest check-in first: the stale claims are the ones that need a look.
	'check-in age': row => [row.checkinAgeMinutes === null ? 1 : 0, -(row.checkinAgeMinutes ?? 0), row.key],
	// Newest activity first.
	'last activity': row => [-lastActivity(row), row.key],
};

function compareKeys(left: Array<string | number>, right: Array<string | number>): number {
	for (const [index, value] of left.entries()) {
		const other = right[index]!;
		if (value !== other) {
			return typeof value === 'number' && typeof other === 'number'
				? value - other
				: String(value) < String(other) ? -1 : 1;
		}
	}

	return 0;
}

export function buildDashboardRows(snapshot: StatusDocument | null, options: RowOptions): DashboardModel {
	const filter = parseFilter(options.filter);
	if (!snapshot) {
		return {rows: [], hiddenMergedCount: 0, totalCount: 0, anyClaim: false, filter};
	}

	const every = allRows(snapshot, options.now);
	const matching = every.filter(row => matchesFilter({...row, agentClaim: row.agentRow?.claim ?? null}, filter, options.now));
	const shown = options.showMerged || asksForMerged(filter) ? matching : matching.filter(row => !row.branch?.merged || row.branch.revertedOnBase);
	const sortKey = sortKeys[options.sort];
	const keyed = fold(shown, options.foldedAgents ?? []).map(row => ({row, sortKey: sortKey(row)}));
	keyed.sort((left, right) => compareKeys(left.sortKey, right.sortKey));
	return {
		rows: keyed.map(entry => entry.row),
		hiddenMergedCount: matching.length - shown.length,
		totalCount: every.length,
		anyClaim: every.some(row => row.claim !== null),
		filter,
	};
}

/**
 * Each folded agent's branch rows become one line with counts by verdict, placed (and
 * sorted) as its most urgent branch; its claim-only row stays as it is.
 */
function fold(rows: DashboardRow[], agents: readonly string[]): DashboardRow[] {
	if (agents.length === 0) {
		return rows;
	}

	const folded = new Set(agents);
	const groups = new Map<string, DashboardRow[]>();
	const kept: DashboardRow[] = [];
	for (const row of rows) {
		if (row.branch && row.agent !== null && folded.has(row.agent)) {
			groups.set(row.agent, [...(groups.get(row.agent) ?? []), row]);
		} else {
			kept.push(row);
		}
	}

	for (const [agent, members] of groups) {
		const counts: Partial<Record<Verdict, number>> = {};
		for (const member of members) {
			const verdict = member.branch!.readiness.verdict;
			counts[verdict] = (counts[verdict] ?? 0) + 1;
		}

		// The most urgent branch stands for the group in every sort.
		const first = [...members].sort((left, right) => verdictUrgency[left.branch!.readiness.verdict] - verdictUrgency[right.branch!.readiness.verdict])[0]!;
		kept.push({...first, key: foldPrefix + agent, claim: null, checkinAgeMinutes: null, fold: {agent, counts, total: members.length}});
	}

	return kept;
}
