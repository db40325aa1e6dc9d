/**
 * The agents view (`a`) as lines: each agent once, with what `status` prints as
 * AGENTS (claim, staleness, check-in) plus its branches by verdict, its last
 * activity, and what it built over the chosen period (core/agent-built). Pure.
 */
import type {BuiltPeriod} from '../../core/agent-built.js';
import type {AgentRow, StatusDocument} from '../../core/snapshot.js';
import {formatAgo, formatAge} from '../../core/staleness.js';
import type {Verdict} from '../../core/types.js';
import {claimText, minutesSince, shown, stalenessColor, verdictColor} from '../format.js';
import type {Line} from './detail-lines.js';
import {checkinAgeAt, verdictUrgency} from './dashboard-rows.js';

export const periodWords: Record<BuiltPeriod, string> = {'7d': 'the last 7 days', '30d': 'the last 30 days', all: 'all time'};

function byVerdict(snapshot: StatusDocument, agent: string): string {
	const counts = new Map<Verdict, number>();
	for (const branch of snapshot.branches.filter(branch => branch.agent === agent)) {
		counts.set(branch.readiness.verdict, (counts.get(branch.readiness.verdict) ?? 0) + 1);
	}

	const parts = [...counts].sort(([left], [right]) => verdictUrgency[left] - verdictUrgency[right]).map(([verdict, count]) => `${count} ${verdict}`);
	return parts.length > 0 ? parts.join(' · ') : 'no branches';
}

function worst(snapshot: StatusDocument, agent: string): Verdict | null {
	let found: Verdict | null = null;
	for (const branch of snapshot.branches.filter(branch => branch.agent === agent)) {
		if (found === null || verdictUrgency[branch.readiness.verdict] < verdictUrgency[found]) {
			found = branch.readiness.verdict;
		}
	}

	return found;
}

function builtText(agent: AgentRow, period: BuiltPeriod): string {
	const figures = agent.built?.periods[period];
	if (!figures || figures.merged === 0) {
		return `built: nothing merged in ${periodWords[period]}`;
	}

	const reverted = figures.reverted.length > 0 ? ` · reverted: ${figures.reverted.map(name => shown(name)).join(', ')}` : '';
	return `built: ${figures.merged} merged · ${figures.commits} commits · +${figures.added} −${figures.removed} lines${reverted}`;
}

function conflictsText(agent: AgentRow): string | null {
	const open = agent.built?.openConflicts;
	if (!open || (open.withBase === 0 && open.withBranches === 0)) {
		return null;
	}

	return `open conflicts: ${open.withBase} with base, ${open.withBranches} with other branches`;
}

export function agentLines(snapshot: StatusDocument | null, period: BuiltPeriod, now: number): Line[] {
	if (!snapshot) {
		return [{text: 'reading the repository…', dim: true}];
	}

	const lines: Line[] = [{text: `${snapshot.agents.length} agent(s) · built over ${periodWords[period]} (p cycles)`, bold: true}];
	for (const agent of snapshot.agents) {
		const claim = agent.claim;
		const checkin = claim ? `${claim.staleness} (check-in ${formatAge(checkinAgeAt(claim, snapshot.generatedAt, now))})` : 'no claim';
		const doing = claim ? ` · ${claim.status} · ${claimText({claim})}` : '';
		lines.push({text: ''});
		lines.push({text: `${shown(agent.agent)} · ${checkin}${doing}`, bold: true, ...(claim ? {color: stalenessColor[claim.staleness]} : {})});
		const verdict = worst(snapshot, agent.agent);
		const last = agent.lastCommitAt ? `last commit ${formatAgo(minutesSince(agent.lastCommitAt, now))}` : 'no commits';
		lines.push({text: `  branches: ${byVerdict(snapshot, agent.agent)} · ${last}`, ...(verdict ? {color: verdictColor[verdict]} : {})});
		lines.push({text: `  ${builtText(agent, period)}`});
		const conflicts = conflictsText(agent);
		if (conflicts) {
			lines.push({text: `  ${conflicts}`, color: 'yellow'});
		}

		if (agent.flags.length > 0) {
			lines.push({text: `  ! ${agent.flags.join(', ')}`, dim: true});
		}
	}

	return lines;
}
