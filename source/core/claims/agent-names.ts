/**
 * Agent names as written in headings and cells: "🤖 Claude Code Status",
 * "Claude-1 [Backend/Core]", "Trae (Backend Agent)", "Claude - Backend", "Session A".
 */
import {agentKeyForName} from '../agents.js';
import type {AgentResolver} from '../types.js';
import {cleanValue} from './markdown.js';

export interface HeadingName {
	/** The name as written, without emoji, markdown and the parts below. */
	name: string;
	/** A role, domain or remark: "[Backend/Core]", "(Backend Agent)", "- Backend". */
	role?: string;
	/** The heading ended in "Status", the AI_CURRENT_WORK.md form. */
	saysStatus: boolean;
}

const emoji = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{20E3}\u{1F1E6}-\u{1F1FF}]/gu;

export function stripEmoji(text: string): string {
	return text.replace(emoji, ' ').replace(/\s+/g, ' ').trim();
}

export function readHeadingName(text: string): HeadingName {
	let name = cleanValue(stripEmoji(text));
	if (name.endsWith(':')) {
		name = name.slice(0, -1).trim();
	}

	let role: string | undefined;
	const closing = name.at(-1);
	if (closing === ')' || closing === ']') {
		const opening = closing === ')' ? '(' : '[';
		const open = name.lastIndexOf(opening);
		if (open > 0) {
			role = name.slice(open + 1, -1).trim() || undefined;
			name = name.slice(0, open).trim();
		}
	}

	for (const separator of [' - ', ' — ', ' – ', ': ']) {
		const index = name.indexOf(separator);
		if (index > 0) {
			const after = name.slice(index + separator.length).trim();
			role = role ? `${after} (${role})` : after || undefined;
			name = name.slice(0, index).trim();
			break;
		}
	}

	let saysStatus = false;
	const lower = name.toLowerCase();
	if (lower.endsWith(' status')) {
		saysStatus = true;
		name = name.slice(0, -' status'.length).trim();
	}

	return {name, role, saysStatus};
}

const agentWords = /\b(?:agent|session|bot|assistant|worker|instance|llm)\b/i;

/**
 * Words of section titles, stages, deliverables and tasks: a heading made of them is
 * never an agent ("Recently Completed", "S1 — steppable core", "Prior handoff").
 */
const sectionWords =
	/\b(?:work|project|overall|system|team|modules?|coordination|sync|build|sprint|files?|current|summary|general|global|repo|repository|tasks?|recently|recent|completed?|done|finished|progress|pending|todos?|next|stages?|phases?|milestones?|deliverables?|handoffs?|prior|previous|overview|notes|decisions?|log|blockers|plan|roadmap|backlog|status|branch|branches|steps?|goals?|timeline|changelog|history|available|emergency|overrides?)\b/i;

/** A name made of section words, or a stage mark in capitals ("S1", "M2", "P0"). */
export function isSectionTitle(name: string): boolean {
	return sectionWords.test(name) || /^[A-Z]{1,2}\d+$/.test(name.trim());
}

/**
 * Whether a name is an agent's (docs/design.md §2, who is an agent): a known alias, a
 * configured one or a branch prefix, one of those with a number or suffix ("Claude-1",
 * "codex_2"), or a name or role that says it is an agent or a session, unless the name
 * is a section title.
 */
export function looksLikeAgent(name: string, role: string | undefined, resolve: AgentResolver): boolean {
	if (!name || name.length > 60) {
		return false;
	}

	if (resolveAgentName(name, resolve)) {
		return true;
	}

	const stem = name.split(/[-_\s\d#]+/)[0] ?? '';
	if (stem && resolveAgentName(stem, resolve)) {
		return true;
	}

	if (isSectionTitle(name)) {
		return false;
	}

	return agentWords.test(name) || (role !== undefined && agentWords.test(role));
}

/** The key for a name; empty when the name has no letters or digits at all. */
export function agentKey(name: string, resolve: AgentResolver): string {
	if (name.length > maxNameLength) {
		return '';
	}

	const cache = cacheFor(keyCaches, resolve);
	let key = cache.get(name);
	if (key === undefined) {
		key = agentKeyForName(name, resolve);
		cache.set(name, key);
	}

	return key;
}

/**
 * Names repeat through a file and across refs; the resolver normalises with several
 * Unicode regexes, so answers are remembered per resolver, within a bound.
 */
const keyCaches = new WeakMap<AgentResolver, Map<string, string>>();
const resolveCaches = new WeakMap<AgentResolver, Map<string, string | null>>();

function cacheFor<T>(caches: WeakMap<AgentResolver, Map<string, T>>, resolve: AgentResolver): Map<string, T> {
	let cache = caches.get(resolve);
	if (!cache || cache.size > 5000) {
		cache = new Map();
		caches.set(resolve, cache);
	}

	return cache;
}

/** Longer text is not a name; the bound also keeps the resolver's patterns cheap on hostile input. */
const maxNameLength = 100;

export function resolveAgentName(name: string, resolve: AgentResolver): string | undefined {
	if (name.length > maxNameLength) {
		return undefined;
	}

	const cache = cacheFor(resolveCaches, resolve);
	let agent = cache.get(name);
	if (agent === undefined) {
		agent = resolve(name) ?? null;
		cache.set(name, agent);
	}

	return agent ?? undefined;
}
