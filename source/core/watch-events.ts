/**
 * What changed between two snapshots: the one answer behind the event log of `watch`
 * and the lines of `watch --json` (docs/design.md §5). Branches created, moved, deleted,
 * merged; conflicts appearing and resolving; claims made, checked in, going idle or
 * stale, released; readiness changing; base moving. Each event carries a line for
 * people and the snapshot fields it concerns, for scripts. Pure: the same two
 * snapshots always give the same events.
 */
import type {AgentClaimView, AgentRow, BranchRow, StatusDocument} from './snapshot.js';
import {makeVisible} from './text-safety.js';

export type WatchEventKind =
	| 'branch-created'
	| 'branch-moved'
	| 'branch-deleted'
	| 'branch-merged'
	| 'base-moved'
	| 'conflict-appeared'
	| 'conflict-resolved'
	| 'claim-made'
	| 'claim-checkin'
	| 'claim-idle'
	| 'claim-stale'
	| 'claim-released'
	| 'readiness-changed'
	| 'fetch-done'
	| 'fetch-failed';

export interface WatchEvent {
	/** When the change was seen (ms since epoch). */
	at: number;
	kind: WatchEventKind;
	agent: string | null;
	/** One line for people, with repository text already made visible. */
	message: string;
	/** The snapshot fields the event concerns (raw values: JSON escapes what it must). */
	detail: Record<string, unknown>;
}

const visible = makeVisible;

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function branchEvents(before: BranchRow | undefined, after: BranchRow, at: number): WatchEvent[] {
	const name = visible(after.name);
	const agent = after.agent;
	const event = (kind: WatchEventKind, message: string, detail: Record<string, unknown> = {}): WatchEvent => ({at, kind, agent, message, detail: {branch: after.name, ...detail}});
	if (!before) {
		return [event('branch-created', `new branch ${name} (${plural(after.ahead, 'commit')})`, {sha: after.sha, ahead: after.ahead, behind: after.behind})];
	}

	const events: WatchEvent[] = [];
	if (before.sha !== after.sha && !after.merged) {
		const known = new Set(before.commits.map(commit => commit.sha));
		const fresh = after.commits.filter(commit => !known.has(commit.sha));
		const message = fresh.length > 0 ? `${name}: ${plural(fresh.length, 'new commit')}, "${visible(fresh[0]!.subject)}"` : `${name} moved to ${after.sha.slice(0, 7)}`;
		events.push(event('branch-moved', message, {from: before.sha, to: after.sha, ahead: after.ahead, behind: after.behind, newCommits: fresh.map(commit => ({sha: commit.sha, subject: commit.subject}))}));
	}

	if (!before.merged && after.merged) {
		events.push(event('branch-merged', `${name} merged into base`, {sha: after.sha}));
	}

	// Before the first prediction every conflict would look new; only compare answers.
	if (before.mergesCleanly === null || after.mergesCleanly === null) {
		return events;
	}

	if (before.conflictsWithBase.length === 0 && after.conflictsWithBase.length > 0) {
		events.push(event('conflict-appeared', `${name} now conflicts with base on ${plural(after.conflictsWithBase.length, 'file')}`, {with: null, files: after.conflictsWithBase}));
	} else if (before.conflictsWithBase.length > 0 && after.conflictsWithBase.length === 0) {
		events.push(event('conflict-resolved', `${name} no longer conflicts with base`, {with: null, files: before.conflictsWithBase}));
	}

	// Each pair is listed on both branches; report it once, from the smaller name.
	const pairsBefore = new Map(before.conflictsWith.map(pair => [pair.branch, pair.files]));
	const pairsAfter = new Map(after.conflictsWith.map(pair => [pair.branch, pair.files]));
	for (const [other, files] of pairsAfter) {
		if (!pairsBefore.has(other) && after.name < other) {
			events.push(event('conflict-appeared', `${name} now conflicts with ${visible(other)} on ${plural(files.length, 'file')}`, {with: other, files}));
		}
	}

	for (const [other, files] of pairsBefore) {
		if (!pairsAfter.has(other) && after.name < other) {
			events.push(event('conflict-resolved', `${name} no longer conflicts with ${visible(other)}`, {with: other, files}));
		}
	}

	if (before.readiness.verdict !== after.readiness.verdict && !after.merged) {
		events.push(event('readiness-changed', `${name} is now ${after.readiness.verdict}${after.readiness.reasons[0] ? `: ${visible(after.readiness.reasons[0])}` : ''}`, {from: before.readiness.verdict, to: after.readiness.verdict, reasons: after.readiness.reasons}));
	}

	return events;
}

function holds(claim: AgentClaimView | null): boolean {
	return claim !== null && (claim.status === 'in-progress' || claim.status === 'blocked' || claim.status === 'unknown');
}

function claimFields(claim: AgentClaimView): Record<string, unknown> {
	return {
		work: claim.work ?? null,
		module: claim.module ?? null,
		branch: claim.branch ?? null,
		files: claim.files,
		status: claim.status,
		lastCheckin: claim.lastCheckin ?? null,
		staleness: claim.staleness,
		source: claim.source,
	};
}

function claimEvents(before: AgentRow | undefined, after: AgentRow | undefined, agent: string, at: number): WatchEvent[] {
	const was = before?.claim ?? null;
	const is = after?.claim ?? null;
	const what = (claim: AgentClaimView): string => visible(claim.work ?? claim.module ?? 'work');
	const name = visible(agent);
	const event = (kind: WatchEventKind, message: string, claim: AgentClaimView, status = claim.status): WatchEvent => ({at, kind, agent, message, detail: {...claimFields(claim), status}});
	if (!holds(was) && holds(is)) {
		return [event('claim-made', `${name} claimed ${what(is!)}`, is!)];
	}

	if (holds(was) && !holds(is)) {
		// The work given up is the one the event is about; the status is what the claim says now.
		return [event('claim-released', `${name} released ${what(was!)}${is ? ` (${is.status})` : ''}`, was!, is?.status ?? 'released')];
	}

	if (!was || !is || !holds(was) || !holds(is)) {
		return [];
	}

	if (was.work !== is.work || was.module !== is.module) {
		return [event('claim-made', `${name} now claims ${what(is)}`, is)];
	}

	const events: WatchEvent[] = [];
	if (is.lastCheckin !== was.lastCheckin && is.lastCheckin !== undefined) {
		events.push(event('claim-checkin', `${name} checked in`, is));
	}

	if (was.staleness !== is.staleness) {
		if (is.staleness === 'idle') {
			events.push(event('claim-idle', `${name}'s check-in went idle`, is));
		} else if (is.staleness === 'stale') {
			events.push(event('claim-stale', `${name}'s check-in went stale`, is));
		}
	}

	return events;
}

/** The events between `previous` and `next`, seen at `now`; none for the first snapshot. */
export function diffSnapshots(previous: StatusDocument | null, next: StatusDocument, now: number): WatchEvent[] {
	if (!previous) {
		return [];
	}

	const events: WatchEvent[] = [];
	if (previous.base.sha !== next.base.sha) {
		events.push({at: now, kind: 'base-moved', agent: null, message: `${visible(next.base.name)} moved to ${visible(next.base.sha.slice(0, 7))}`, detail: {base: next.base.name, from: previous.base.sha, to: next.base.sha}});
	}

	const branchesBefore = new Map(previous.branches.map(branch => [branch.name, branch]));
	const branchesAfter = new Set(next.branches.map(branch => branch.name));
	for (const branch of next.branches) {
		events.push(...branchEvents(branchesBefore.get(branch.name), branch, now));
	}

	for (const branch of previous.branches) {
		if (!branchesAfter.has(branch.name)) {
			events.push({at: now, kind: 'branch-deleted', agent: branch.agent, message: `${visible(branch.name)} deleted`, detail: {branch: branch.name, sha: branch.sha, merged: branch.merged}});
		}
	}

	const agentsBefore = new Map(previous.agents.map(agentRow => [agentRow.agent, agentRow]));
	const agentsAfter = new Map(next.agents.map(agentRow => [agentRow.agent, agentRow]));
	for (const agent of new Set([...agentsBefore.keys(), ...agentsAfter.keys()])) {
		events.push(...claimEvents(agentsBefore.get(agent), agentsAfter.get(agent), agent, now));
	}

	return events;
}

/** A fetch's outcome as an event, so the log and the stream tell it like every other change. */
export function fetchEvent(at: number, remote: string, error: string | null): WatchEvent {
	return error === null
		? {at, kind: 'fetch-done', agent: null, message: `fetched ${visible(remote)}`, detail: {remote}}
		: {at, kind: 'fetch-failed', agent: null, message: `fetch of ${visible(remote)} failed: ${visible(error)}`, detail: {remote, error}};
}

/** One line of `watch --json`: the time, the kind, the agent, the line for people, and the fields. */
export function watchEventJson(event: WatchEvent): string {
	return JSON.stringify({time: new Date(event.at).toISOString(), event: event.kind, agent: event.agent, ...event.detail, message: event.message});
}
