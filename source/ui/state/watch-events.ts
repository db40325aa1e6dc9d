/**
 * What changed between two snapshots, as the event log of `watch` shows it: new
 * commits, claims taken and released, check-ins going stale, new conflicts, merges
 * on base. Pure: the same two snapshots always give the same events.
 */
import type {AgentRow, BranchRow, StatusDocument} from '../../core/snapshot.js';
import {makeVisible} from '../../core/text-safety.js';

export type WatchEventKind =
	| 'branch-new'
	| 'commits'
	| 'claim-taken'
	| 'claim-released'
	| 'stale'
	| 'conflict'
	| 'merged'
	| 'base-moved';

export interface WatchEvent {
	/** When the change was seen (ms since epoch). */
	at: number;
	kind: WatchEventKind;
	agent: string | null;
	/** One line for people, with repository text already made visible. */
	message: string;
}

const visible = makeVisible;

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function branchEvents(before: BranchRow | undefined, after: BranchRow, at: number): WatchEvent[] {
	const name = visible(after.name);
	const agent = after.agent;
	if (!before) {
		return after.merged ? [] : [{at, kind: 'branch-new', agent, message: `new branch ${name} (${plural(after.ahead, 'commit')})`}];
	}

	const events: WatchEvent[] = [];
	if (before.sha !== after.sha && !after.merged) {
		const known = new Set(before.commits.map(commit => commit.sha));
		const fresh = after.commits.filter(commit => !known.has(commit.sha));
		if (fresh.length > 0) {
			events.push({at, kind: 'commits', agent, message: `${name}: ${plural(fresh.length, 'new commit')}, "${visible(fresh[0]!.subject)}"`});
		}
	}

	if (!before.merged && after.merged) {
		events.push({at, kind: 'merged', agent, message: `${name} merged into base`});
	}

	// Before the first prediction every conflict would look new; only compare answers.
	if (before.mergesCleanly !== null) {
		if (before.conflictsWithBase.length === 0 && after.conflictsWithBase.length > 0) {
			events.push({at, kind: 'conflict', agent, message: `${name} now conflicts with base on ${plural(after.conflictsWithBase.length, 'file')}`});
		}

		const known = new Set(before.conflictsWith.map(pair => pair.branch));
		for (const pair of after.conflictsWith) {
			// Each pair is listed on both branches; report it once, from the smaller name.
			if (!known.has(pair.branch) && after.name < pair.branch) {
				events.push({at, kind: 'conflict', agent, message: `${name} now conflicts with ${visible(pair.branch)} on ${plural(pair.files.length, 'file')}`});
			}
		}
	}

	return events;
}

function claimEvents(before: AgentRow | undefined, after: AgentRow | undefined, agent: string, at: number): WatchEvent[] {
	const was = before?.claim ?? null;
	const is = after?.claim ?? null;
	const holds = (claim: typeof is): boolean => claim !== null && (claim.status === 'in-progress' || claim.status === 'blocked' || claim.status === 'unknown');
	const what = (claim: NonNullable<typeof is>): string => visible(claim.work ?? claim.module ?? 'work');
	const name = visible(agent);
	if (!holds(was) && holds(is)) {
		return [{at, kind: 'claim-taken', agent, message: `${name} claimed ${what(is!)}`}];
	}

	if (holds(was) && !holds(is)) {
		return [{at, kind: 'claim-released', agent, message: `${name} released ${what(was!)}${is ? ` (${is.status})` : ''}`}];
	}

	if (holds(was) && holds(is) && (was!.work !== is!.work || was!.module !== is!.module)) {
		return [{at, kind: 'claim-taken', agent, message: `${name} now claims ${what(is!)}`}];
	}

	if (was && is && was.staleness !== 'stale' && is.staleness === 'stale') {
		return [{at, kind: 'stale', agent, message: `${name}'s check-in went stale`}];
	}

	return [];
}

/** The events between `previous` and `next`, seen at `now`; none for the first snapshot. */
export function diffSnapshots(previous: StatusDocument | null, next: StatusDocument, now: number): WatchEvent[] {
	if (!previous) {
		return [];
	}

	const events: WatchEvent[] = [];
	if (previous.base.sha !== next.base.sha) {
		events.push({at: now, kind: 'base-moved', agent: null, message: `${visible(next.base.name)} moved to ${visible(next.base.sha.slice(0, 7))}`});
	}

	const branchesBefore = new Map(previous.branches.map(branch => [branch.name, branch]));
	for (const branch of next.branches) {
		events.push(...branchEvents(branchesBefore.get(branch.name), branch, now));
	}

	const agentsBefore = new Map(previous.agents.map(agentRow => [agentRow.agent, agentRow]));
	const agentsAfter = new Map(next.agents.map(agentRow => [agentRow.agent, agentRow]));
	for (const agent of new Set([...agentsBefore.keys(), ...agentsAfter.keys()])) {
		events.push(...claimEvents(agentsBefore.get(agent), agentsAfter.get(agent), agent, now));
	}

	return events;
}
