/**
 * What `switchyard init` proposes for a repository (docs/design.md §5): the agents its
 * branch names show, and the block of instructions an agent reads in AGENTS.md or
 * CLAUDE.md. Pure: the command reads the branches and writes the files.
 */
import {knownAgentKeys, ownerOfBranch} from './agents.js';
import type {StalenessConfig} from './types.js';

export interface ProposedAgents {
	/** Agent key → the branch prefixes seen for it, e.g. {claude: ['claude/']}. */
	agents: Record<string, {prefixes: string[]}>;
	/** Prefixes that would count as agents by default but are not known agent names: reported, not written. */
	unsure: Array<{prefix: string; branches: number}>;
}

/**
 * Only what the branches justify: a known agent's prefix (`claude/`, `codex/`) with at
 * least one branch. Other `<prefix>/` branches may be people's; they are named, not written.
 */
export function proposeAgents(branchNames: Iterable<string>): ProposedAgents {
	const agents = new Map<string, Set<string>>();
	const unsure = new Map<string, number>();
	for (const name of branchNames) {
		const owner = ownerOfBranch(name);
		if (owner.kind !== 'agent' || !owner.agent) {
			continue;
		}

		const prefix = `${name.slice(0, name.indexOf('/'))}/`;
		if ((knownAgentKeys as readonly string[]).includes(owner.agent)) {
			agents.set(owner.agent, (agents.get(owner.agent) ?? new Set()).add(prefix));
		} else {
			unsure.set(prefix, (unsure.get(prefix) ?? 0) + 1);
		}
	}

	return {
		agents: Object.fromEntries([...agents].sort(([a], [b]) => a.localeCompare(b)).map(([agent, prefixes]) => [agent, {prefixes: [...prefixes].sort()}])),
		unsure: [...unsure].sort(([a], [b]) => a.localeCompare(b)).map(([prefix, branches]) => ({prefix, branches})),
	};
}

export const blockStart = '<!-- switchyard:start -->';
export const blockEnd = '<!-- switchyard:end -->';

/** The instructions an agent follows; `agent` fills in --agent when the file is one agent's (CLAUDE.md). */
export function instructionsBlock(options: {agent?: string; claimsFile: string; staleness: StalenessConfig}): string {
	const agent = options.agent ?? '<your name: claude, codex, …>';
	const hours = options.staleness.activeHours;
	return [
		blockStart,
		'## Working alongside other agents (switchyard)',
		'',
		`Several AI agents work in this repository, each on its own branch. Claims live in \`${options.claimsFile}\`; do not edit it by hand, run:`,
		'',
		`- Before starting: \`switchyard claim --agent ${agent} --work "<what you will do>" --module <module> --files <a,b> --commit\`.`,
		'  If it is refused, another agent holds that work: pick other work, or ask; never take it silently.',
		`- While working: \`switchyard checkin --agent ${agent}\` at least every ${hours === 1 ? 'hour' : `${hours} hours`}; a claim without a check-in for longer may be taken.`,
		`- At the end: \`switchyard done --agent ${agent} --commit\` (or \`switchyard release --agent ${agent}\` to give the work up unfinished).`,
		'- To see who holds what: `switchyard status --json` (agents[].claim: work, module, files, staleness).',
		blockEnd,
	].join('\n');
}

/**
 * The file's text with the block in it: between existing markers (replaced), else
 * appended after one blank line. The same block twice gives the same text.
 */
export function withInstructionsBlock(existing: string | null, block: string): string {
	if (existing === null || existing === '') {
		return `${block}\n`;
	}

	const eol = existing.includes('\r\n') ? '\r\n' : '\n';
	const text = block.replaceAll('\n', eol);
	const start = existing.indexOf(blockStart);
	const end = start === -1 ? -1 : existing.indexOf(blockEnd, start);
	if (start !== -1 && end !== -1) {
		return existing.slice(0, start) + text + existing.slice(end + blockEnd.length);
	}

	const separator = existing.endsWith(eol + eol) ? '' : existing.endsWith(eol) ? eol : eol + eol;
	return existing + separator + text + eol;
}
