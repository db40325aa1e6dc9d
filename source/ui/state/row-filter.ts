/**
 * The `/` filter of the dashboard (issue 17): words match a row's branch, agent and
 * claim; quick filters narrow by facts — `is:blocked`, `is:warn`, `is:pending`,
 * `is:ready`, `is:merged`, `is:new`, `is:conflict`, `is:stale`, `agent:codex`,
 * `age:>30d` (last commit), `behind:>100`. Every part must hold. Pure: parsed once
 * per keystroke, matched per row.
 */
import type {BranchRow, AgentClaimView} from '../../core/snapshot.js';
import {checkinAgeMinutes} from '../../core/staleness.js';
import type {Verdict} from '../../core/types.js';

/** What the filter needs of a row (a DashboardRow has it all). */
export interface FilterableRow {
	key: string;
	agent: string | null;
	branch: BranchRow | null;
	claim: AgentClaimView | null;
	/** The agent's claim, wherever it shows: staleness belongs to the agent. */
	agentClaim: AgentClaimView | null;
}

type Comparison = {op: '>' | '<' | '='; value: number};

export type FilterTerm =
	| {kind: 'verdict'; verdict: Verdict}
	| {kind: 'new'}
	| {kind: 'conflict'}
	| {kind: 'stale'}
	| {kind: 'agent'; agent: string}
	/** Minutes since the last commit. */
	| {kind: 'age'; compare: Comparison}
	| {kind: 'behind'; compare: Comparison};

export interface ParsedFilter {
	terms: FilterTerm[];
	/** Lower-cased words, each matched as a substring. */
	words: string[];
	/** Quick filters that could not be understood, in words for the header. */
	problems: string[];
}

const verdicts: readonly Verdict[] = ['blocked', 'warn', 'pending', 'ready', 'merged'];
export const quickFilterExamples = ['is:blocked', 'is:warn', 'is:conflict', 'is:ready', 'is:stale', 'is:new', 'is:merged', 'agent:codex', 'age:>30d', 'behind:>100'];

const unitMinutes: Record<string, number> = {m: 1, min: 1, h: 60, d: 24 * 60, w: 7 * 24 * 60};

function comparison(text: string, units: boolean): Comparison | null {
	const match = (units ? /^([<>=]?)(\d+(?:\.\d+)?)(m|min|h|d|w)?$/ : /^([<>=]?)(\d+)$/).exec(text);
	if (!match) {
		return null;
	}

	const op = (match[1] || (units ? '>' : '=')) as Comparison['op'];
	const value = Number(match[2]) * (units ? unitMinutes[match[3] ?? 'd']! : 1);
	return {op, value};
}

export function parseFilter(text: string): ParsedFilter {
	const parsed: ParsedFilter = {terms: [], words: [], problems: []};
	for (const part of text.trim().toLowerCase().split(/\s+/).filter(Boolean)) {
		const colon = part.indexOf(':');
		const name = colon > 0 ? part.slice(0, colon) : '';
		const value = part.slice(colon + 1);
		if (name === 'is') {
			if ((verdicts as readonly string[]).includes(value)) {
				parsed.terms.push({kind: 'verdict', verdict: value as Verdict});
			} else if (value === 'new' || value === 'conflict' || value === 'stale') {
				parsed.terms.push({kind: value});
			} else {
				parsed.problems.push(`unknown ${part} (is: takes ${[...verdicts, 'new', 'conflict', 'stale'].join(', ')})`);
			}
		} else if (name === 'agent' && value !== '') {
			parsed.terms.push({kind: 'agent', agent: value});
		} else if (name === 'age' || name === 'behind') {
			const compare = comparison(value, name === 'age');
			if (compare) {
				parsed.terms.push(name === 'age' ? {kind: 'age', compare} : {kind: 'behind', compare});
			} else {
				parsed.problems.push(name === 'age' ? `${part}: write age:>30d, age:<2h (m, h, d, w)` : `${part}: write behind:>100 or behind:<10`);
			}
		} else {
			parsed.words.push(part);
		}
	}

	return parsed;
}

/** Whether the filter asks for merged branches by name, so they are shown though folded by default. */
export function asksForMerged(filter: ParsedFilter): boolean {
	return filter.terms.some(term => term.kind === 'verdict' && term.verdict === 'merged');
}

function holds(compare: Comparison, actual: number): boolean {
	return compare.op === '>' ? actual > compare.value : compare.op === '<' ? actual < compare.value : actual === compare.value;
}

function matchesTerm(row: FilterableRow, term: FilterTerm, now: number): boolean {
	const branch = row.branch;
	switch (term.kind) {
		case 'verdict': {
			return branch?.readiness.verdict === term.verdict;
		}

		case 'new': {
			return branch?.state === 'new';
		}

		case 'conflict': {
			return Boolean(branch && !branch.merged && (branch.conflictsWithBase.length > 0 || branch.mergesCleanly === false || branch.conflictsWith.length > 0));
		}

		case 'stale': {
			return (row.agentClaim ?? row.claim)?.staleness === 'stale';
		}

		case 'agent': {
			return row.agent === term.agent;
		}

		case 'age': {
			const age = branch ? checkinAgeMinutes(branch.lastCommitAt, now) : null;
			return age !== null && holds(term.compare, age);
		}

		case 'behind': {
			return branch !== null && holds(term.compare, branch.behind);
		}
	}
}

export function matchesFilter(row: FilterableRow, filter: ParsedFilter, now: number): boolean {
	if (!filter.terms.every(term => matchesTerm(row, term, now))) {
		return false;
	}

	if (filter.words.length === 0) {
		return true;
	}

	const haystack = [row.key, row.agent ?? '', row.claim?.work ?? '', row.claim?.module ?? '', row.claim?.agentName ?? ''].join('\n').toLowerCase();
	return filter.words.every(word => haystack.includes(word));
}
