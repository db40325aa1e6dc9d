/**
 * Who is who: agents by branch prefix and by the names written in coordination
 * files (docs/design.md §2). Pure.
 */
import type {AgentResolver, SwitchyardConfig} from './types.js';

/** Prefixes that always mean an AI agent. Any other unknown `<prefix>/` does too. */
export const knownAgentKeys = ['claude', 'copilot', 'codex', 'chatgpt', 'gemini', 'cursor', 'devin', 'jules'] as const;

export type BranchKind = 'agent' | 'shared' | 'integration' | 'revert' | 'other';

/** Non-agent prefixes and what they mean. */
const nonAgentPrefixes: Record<string, BranchKind> = {
	shared: 'shared',
	team: 'shared',
	test: 'integration',
	integration: 'integration',
	revert: 'revert',
	feat: 'other',
	feature: 'other',
	fix: 'other',
	hotfix: 'other',
	release: 'other',
	dependabot: 'other',
	renovate: 'other',
};

const builtInAliases: Record<string, string[]> = {
	claude: ['Claude Code', 'Claude (Terminal)', 'Claude'],
	copilot: ['Copilot Chat', 'GitHub Copilot', 'Copilot'],
	codex: ['ChatGPT Codex', 'OpenAI Codex', 'Codex'],
	chatgpt: ['ChatGPT'],
	gemini: ['Google Gemini', 'Gemini'],
	cursor: ['Cursor'],
	devin: ['Devin'],
	jules: ['Jules'],
};

export interface BranchOwner {
	kind: BranchKind;
	/** The agent key when `kind` is `agent`. */
	agent?: string;
}

export type AgentSettings = Pick<SwitchyardConfig, 'agents'>;

/** Classifies a branch name (without `origin/`) by its first path segment, config first. */
export function ownerOfBranch(branch: string, config: AgentSettings = {agents: {}}): BranchOwner {
	for (const [agent, settings] of Object.entries(config.agents)) {
		for (const prefix of settings.prefixes ?? []) {
			if (branch.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) {
				return {kind: 'agent', agent};
			}
		}
	}

	const slash = branch.indexOf('/');
	if (slash <= 0) {
		return {kind: 'other'};
	}

	const prefix = branch.slice(0, slash).toLowerCase();
	const nonAgent = nonAgentPrefixes[prefix];
	if (nonAgent) {
		return {kind: nonAgent};
	}

	return {kind: 'agent', agent: prefix};
}

/** Lower-cases, drops emoji, markdown emphasis and punctuation at the ends, collapses spaces. */
export function normalizeName(name: string): string {
	return name
		.normalize('NFKC')
		.replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, ' ')
		.replace(/[*_`~]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N})]+$/gu, '')
		.toLowerCase();
}

/**
 * Builds the alias table from the built-in aliases, config and the agent prefixes of
 * the repository's branches (`trae/…` makes "Trae" a known name: docs/design.md §2, who is
 * an agent). A name resolves by an exact alias, then by its first word being an agent
 * key or alias ("Claude Opus 4").
 */
export function makeAgentResolver(config: AgentSettings = {agents: {}}, branchAgents: Iterable<string> = []): AgentResolver {
	const table = new Map<string, string>();
	const add = (alias: string, agent: string) => {
		const key = normalizeName(alias);
		if (key) {
			table.set(key, agent);
		}
	};

	for (const [agent, aliases] of Object.entries(builtInAliases)) {
		add(agent, agent);
		for (const alias of aliases) {
			add(alias, agent);
		}
	}

	for (const agent of branchAgents) {
		if (!table.has(normalizeName(agent))) {
			add(agent, agent);
		}
	}

	// Config comes last so it overrides the built-ins.
	for (const [agent, settings] of Object.entries(config.agents)) {
		add(agent, agent);
		for (const alias of settings.aliases ?? []) {
			add(alias, agent);
		}
	}

	return (name: string) => {
		const normalized = normalizeName(name);
		if (!normalized) {
			return undefined;
		}

		const exact = table.get(normalized);
		if (exact) {
			return exact;
		}

		const firstWord = normalized.split(' ')[0]!;
		return firstWord === normalized ? undefined : table.get(firstWord);
	};
}

/** The agent prefixes among branch names (no `origin/`), for `makeAgentResolver`. */
export function branchAgentKeys(branches: Iterable<string>, config: AgentSettings = {agents: {}}): string[] {
	const keys = new Set<string>();
	for (const branch of branches) {
		const owner = ownerOfBranch(branch, config);
		if (owner.kind === 'agent') {
			keys.add(owner.agent!);
		}
	}

	return [...keys].sort();
}

/**
 * "Agent 1 (Enhance valuation logic)", "Session A — docs": a numbered or lettered
 * agent is the agent word and its mark; what follows is its task, not its name.
 */
const numberedAgent = /^((?:agent|session|worker|instance|bot)[ #_-]*(?:\d+|[a-z]))\b./u;

/** The agent key for a name: a known agent, else the name itself as a lower-case slug. */
export function agentKeyForName(name: string, resolve: AgentResolver): string {
	const known = resolve(name);
	if (known) {
		return known;
	}

	const normalized = normalizeName(name);
	const numbered = numberedAgent.exec(normalized);
	return (numbered ? numbered[1]! : normalized)
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-|-$/g, '');
}
