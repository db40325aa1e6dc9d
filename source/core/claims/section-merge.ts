/**
 * A conflict in `AI_CURRENT_WORK.md` between two agents' branches (docs/design.md §6.1
 * step 3): when each side changed only its own agent's "## <Agent> Status" section
 * against the merge base, the file merges section by section — every section as base
 * had it, except each agent's own, taken from that agent's side. Anything else (a
 * shared section changed, another agent's section touched, sections reordered, the
 * file absent at the merge base) is not confined and needs a hand merge. Pure.
 */
import type {AgentResolver} from '../types.js';
import {joinLines, splitLines} from './edit-lines.js';
import {agentKeyOfHeading, agentNameOfHeading, findHeadings} from './edit-sections.js';
import {coordinationFileKind} from './paths.js';

export interface SectionSide {
	text: string;
	/** The agent that owns this side's branch, when it is an agent's. */
	agent: string | null;
	/**
	 * Instead of `agent`: the agents whose sections this side may change — an
	 * integration branch that already holds several agents' merges.
	 */
	agents?: readonly string[];
	/** For the reason: the branch's name. */
	label: string;
}

const ownAgents = (side: SectionSide): readonly string[] => side.agents ?? (side.agent ? [side.agent] : []);

export type SectionMerge =
	| {confined: true; merged: string}
	| {confined: false; reason: string};

interface Chunk {
	key: string;
	/** The agent key when the chunk is an agent's status section. */
	agent: string | undefined;
	title: string;
	text: string;
}

/** The level of the file's agent status headings (the shallowest), or undefined without any. */
export function agentSectionLevel(text: string, resolve: AgentResolver): number | undefined {
	const levels = findHeadings(splitLines(text)).filter(heading => agentKeyOfHeading(heading.title, resolve) !== undefined).map(heading => heading.level);
	return levels.length > 0 ? Math.min(...levels) : undefined;
}

/** The file cut at its section headings: a preamble, then one chunk per section at `level` or above. */
export function splitSections(text: string, resolve: AgentResolver, level: number): Chunk[] {
	const lines = splitLines(text);
	const headings = findHeadings(lines);
	const cuts = headings.filter(heading => heading.level <= level);
	const chunks: Chunk[] = [];
	const seen = new Map<string, number>();
	const push = (from: number, to: number, agent: string | undefined, title: string) => {
		const name = agent ? `agent:${agent}` : `section:${agentNameOfHeading(title).toLowerCase()}`;
		const count = seen.get(name) ?? 0;
		seen.set(name, count + 1);
		chunks.push({key: count === 0 ? name : `${name}#${count}`, agent, title, text: joinLines(lines.slice(from, to))});
	};

	push(0, cuts[0]?.index ?? lines.length, undefined, '');
	chunks[0]!.key = 'preamble';
	for (const [index, heading] of cuts.entries()) {
		push(heading.index, cuts[index + 1]?.index ?? lines.length, agentKeyOfHeading(heading.title, resolve), heading.title);
	}

	return chunks;
}

/** Merges two sides of a coordination file against their merge base, section by section, when each changed only its own agent's section. */
export function mergeBySection(base: string | null, ours: SectionSide, theirs: SectionSide, resolve: AgentResolver): SectionMerge {
	if (base === null) {
		return {confined: false, reason: 'the file is new on both sides'};
	}

	// One level for all three versions (a side may add the file's first agent section); "##" as the coordination rules write it.
	const levels = [base, ours.text, theirs.text].map(text => agentSectionLevel(text, resolve)).filter(level => level !== undefined);
	const level = levels.length > 0 ? Math.min(...levels) : 2;
	const baseChunks = splitSections(base, resolve, level);
	const baseByKey = new Map(baseChunks.map(chunk => [chunk.key, chunk]));
	const sides = [ours, theirs].map(side => ({side, chunks: splitSections(side.text, resolve, level)}));
	const changedKeys: Array<Set<string>> = [];
	for (const {side, chunks} of sides) {
		const own = ownAgents(side);
		if (own.length === 0) {
			return {confined: false, reason: `${side.label} is no agent's branch, so no section is its own`};
		}

		const byKey = new Map(chunks.map(chunk => [chunk.key, chunk]));
		const changed = [
			...chunks.filter(chunk => baseByKey.get(chunk.key)?.text !== chunk.text),
			...baseChunks.filter(chunk => !byKey.has(chunk.key)),
		];
		const foreign = changed.find(chunk => chunk.agent === undefined || !own.includes(chunk.agent));
		if (foreign) {
			return {confined: false, reason: `${side.label} changed ${foreign.key === 'preamble' ? 'the text before the first section' : `the section "${foreign.title}"`}, not only its own agent's`};
		}

		const kept = chunks.filter(chunk => baseByKey.has(chunk.key)).map(chunk => chunk.key);
		const order = baseChunks.filter(chunk => byKey.has(chunk.key)).map(chunk => chunk.key);
		if (kept.join('\n') !== order.join('\n')) {
			return {confined: false, reason: `${side.label} moved sections around`};
		}

		changedKeys.push(new Set(changed.map(chunk => chunk.key)));
	}

	const both = [...changedKeys[0]!].find(key => changedKeys[1]!.has(key));
	if (both !== undefined || (ours.agents === undefined && theirs.agents === undefined && ours.agent === theirs.agent)) {
		const agent = both === undefined ? ours.agent : (baseChunks.find(chunk => chunk.key === both) ?? sides[0]!.chunks.find(chunk => chunk.key === both))?.agent;
		return {confined: false, reason: `both sides changed ${agent ?? 'one'}'s section`};
	}

	// Base's sections in base's order, each agent's own from its side; a section a side added goes after the one it follows there.
	const result: Chunk[] = [];
	for (const chunk of baseChunks) {
		const owner = sides.find((_, index) => changedKeys[index]!.has(chunk.key));
		const replacement = owner ? owner.chunks.find(other => other.key === chunk.key) : chunk;
		if (replacement) {
			result.push(replacement);
		}
	}

	for (const {chunks} of sides) {
		for (const [index, chunk] of chunks.entries()) {
			if (baseByKey.has(chunk.key)) {
				continue;
			}

			const before = chunks[index - 1]?.key;
			const at = result.findIndex(other => other.key === before);
			result.splice(at === -1 ? result.length : at + 1, 0, chunk);
		}
	}

	return {confined: true, merged: result.map(chunk => chunk.text).join('')};
}

/** A coordination file's three versions at a conflict; null: absent (or unreadable). */
export interface CoordinationVersions {
	base: string | null;
	ours: string | null;
	theirs: string | null;
}

export type CoordinationMerge =
	| {sectionMergeable: true; reason: string; merged: Map<string, string>}
	| {sectionMergeable: false; reason: string};

/**
 * A conflict confined to coordination files merges section by section only where every
 * file is `AI_CURRENT_WORK.md`-shaped and each side kept to its own agents' sections;
 * then `merged` holds each file's merged text. The one answer for the status, the dry
 * run and the integration flow.
 */
export function mergeCoordinationConflict(
	files: ReadonlyMap<string, CoordinationVersions>,
	ours: Omit<SectionSide, 'text'>,
	theirs: Omit<SectionSide, 'text'>,
	resolve: AgentResolver,
): CoordinationMerge {
	const merged = new Map<string, string>();
	for (const [file, versions] of files) {
		if (coordinationFileKind(file) !== 'current-work') {
			return {sectionMergeable: false, reason: `${file} has no per-agent sections: merge it by hand`};
		}

		if (versions.ours === null || versions.theirs === null) {
			return {sectionMergeable: false, reason: `${file} is deleted (or unreadable) on one side: merge it by hand`};
		}

		const result = mergeBySection(versions.base, {...ours, text: versions.ours}, {...theirs, text: versions.theirs}, resolve);
		if (!result.confined) {
			return {sectionMergeable: false, reason: `${file}: ${result.reason}: merge it by hand`};
		}

		merged.set(file, result.merged);
	}

	return {sectionMergeable: true, reason: 'each side changed only its own agent\'s section: the integration flow merges it section by section', merged};
}
