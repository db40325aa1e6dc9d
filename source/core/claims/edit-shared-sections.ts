/**
 * Edits the sections every agent shares: one module's line in "Available Modules for
 * Work", and entries appended to "Emergency Overrides" and "Completed Work". Each
 * edit touches only its own line or adds one. Pure.
 */
import {agentKeyForName} from '../agents.js';
import type {AgentResolver} from '../types.js';
import {dominantEol, insertLines, isBlank, type Line} from './edit-lines.js';
import {
	findHeadings,
	findSharedSection,
	parseListItem,
	sectionEnd,
	sharedSectionHeadings,
	type SharedSection,
} from './edit-sections.js';

/** Adds `entry` after the last non-blank line of the section, creating the section at the end when absent. */
export function appendToSection(lines: Line[], section: SharedSection, entry: string, resolve: AgentResolver): void {
	const eol = dominantEol(lines);
	const headings = findHeadings(lines);
	const heading = findSharedSection(headings, section, resolve);
	if (!heading) {
		const texts = isBlank(lines.at(-1)) || lines.length === 0 ? [] : [''];
		texts.push(`## ${sharedSectionHeadings[section]}`, '', entry);
		insertLines(lines, lines.length, texts, eol);
		return;
	}

	const end = sectionEnd(headings, heading, lines.length);
	let at = afterLastListItem(lines, heading.index + 1, end) ?? end;
	while (at > heading.index + 1 && isBlank(lines[at - 1])) {
		at--;
	}

	const texts = at === heading.index + 1 ? ['', entry] : [entry];
	if (at < lines.length && !isBlank(lines[at])) {
		texts.push('');
	}

	insertLines(lines, at, texts, eol);
}

/** After the section's last list item (a log ends there even when prose follows), if it has one. */
function afterLastListItem(lines: readonly Line[], start: number, end: number): number | undefined {
	let after: number | undefined;
	for (let index = start; index < end; index++) {
		const text = lines[index]!.text;
		if (parseListItem(text) || (after === index && /^\s+\S/.test(text))) {
			after = index + 1;
		}
	}

	return after;
}

const marker = /^(?:[\p{Extended_Pictographic}\u{FE0F}\u{200D}]+[ \t]*)+/u;
const trailingMarker = /[\s\p{Extended_Pictographic}\u{FE0F}\u{200D}]+$/u;
const statusSuffix = /[ \t]*(?:[-–—:|][ \t]*)?\(?[ \t]*(?:[\p{Extended_Pictographic}\u{FE0F}]+[ \t]*)?\b(?:claimed by|available|free|unclaimed|open)\b.*$/iu;

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function mentions(text: string, module: string): boolean {
	return new RegExp(`(?:^|[^\\p{L}\\p{N}_])${escapeRegExp(module)}(?:$|[^\\p{L}\\p{N}_])`, 'iu').test(text);
}

/** The module's own words of a list item: its status marker and "CLAIMED BY …" or "available" removed. */
function moduleWords(value: string, module: string): string {
	let words = value.replace(marker, '');
	const suffix = statusSuffix.exec(words);
	// Only a status after the module's name: "Available endpoints" names no status.
	if (suffix && mentions(words.slice(0, suffix.index), module)) {
		words = words.slice(0, suffix.index);
	}

	return words.replace(trailingMarker, '');
}

/** The agent key named by "CLAIMED BY <Agent>" in a module line, if any. */
export function claimedByOf(value: string, resolve: AgentResolver): string | undefined {
	const match = /claimed by[ \t]*:?[ \t]*(?:\*\*)?([^\s(\[,;*]+(?:[ \t]+[^\s(\[,;*—–-]+)*)/i.exec(value);
	return match ? agentKeyForName(match[1]!, resolve) : undefined;
}

interface ModuleLine {
	index: number;
	lead: string;
	value: string;
}

function findModuleLine(lines: readonly Line[], module: string, resolve: AgentResolver): {line?: ModuleLine; hasSection: boolean} {
	const headings = findHeadings(lines);
	const heading = findSharedSection(headings, 'modules', resolve);
	if (!heading) {
		return {hasSection: false};
	}

	const end = sectionEnd(headings, heading, lines.length);
	for (let index = heading.index + 1; index < end; index++) {
		const item = parseListItem(lines[index]!.text);
		if (item && mentions(item.value, module)) {
			return {line: {index, ...item}, hasSection: true};
		}
	}

	return {hasSection: true};
}

/** Marks the module "🔴 … CLAIMED BY <Agent>", adding its line to an existing list when it is not there. */
export function markModuleClaimed(lines: Line[], module: string, agentName: string, resolve: AgentResolver): void {
	const {line, hasSection} = findModuleLine(lines, module, resolve);
	if (line) {
		lines[line.index]!.text = `${line.lead}🔴 ${moduleWords(line.value, module)} - CLAIMED BY ${agentName}`;
	} else if (hasSection) {
		appendToSection(lines, 'modules', `- 🔴 ${module} - CLAIMED BY ${agentName}`, resolve);
	}
}

/** Marks the module ✅ again, but only when this agent is the one that holds it. */
export function markModuleAvailable(lines: Line[], module: string, agent: string, resolve: AgentResolver): void {
	const {line} = findModuleLine(lines, module, resolve);
	if (line && claimedByOf(line.value, resolve) === agent) {
		lines[line.index]!.text = `${line.lead}✅ ${moduleWords(line.value, module)}`;
	}
}
