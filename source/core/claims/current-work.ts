/**
 * AI_CURRENT_WORK.md: per-agent "## <Agent> Status" sections, the "Available Modules
 * for Work" list with CLAIMED BY markers, and "Emergency Overrides" (not an agent).
 */
import type {Claim, ClaimParser, ParseContext, ParseWarning} from '../types.js';
import {agentKey, isSectionTitle, looksLikeAgent, readHeadingName, resolveAgentName, stripEmoji} from './agent-names.js';
import {applyField, finishDraft, isEmptyValue, shorten, startDraft, type ClaimDraft} from './claim.js';
import {makeWarning, readDocument, sectionEndWhere, type MarkdownDocument} from './document.js';
import {readFields} from './fields.js';
import {cleanValue, parseListLine, trimCharacters, type Heading} from './markdown.js';
import {findTables} from './tables.js';

type SectionKind = 'agent' | 'modules' | 'overrides' | 'other';

export const parseCurrentWork: ClaimParser = (text, context) => {
	const document = readDocument(text);
	const warnings: ParseWarning[] = [];
	const byAgent = new Map<string, Claim>();
	const claims: Claim[] = [];
	const moduleSections: Array<{from: number; to: number}> = [];
	let recognised = false;

	const kinds = document.headings.map(heading => classify(heading, context));
	const kindByLine = new Map(document.headings.map((heading, position) => [heading.index, kinds[position]!]));
	for (const [position, heading] of document.headings.entries()) {
		const kind = kinds[position]!;
		if (kind === 'overrides') {
			recognised = true;
		} else if (kind === 'modules') {
			recognised = true;
			moduleSections.push({from: heading.index + 1, to: sectionEndWhere(document, position)});
		} else if (kind === 'agent') {
			const end = sectionEndWhere(document, position, next => kindByLine.get(next.index) !== 'other');
			const claim = readAgentSection(document, heading, end, context, warnings);
			if (claim) {
				recognised = true;
				if (!byAgent.has(claim.agent)) {
					byAgent.set(claim.agent, claim);
				}

				claims.push(claim);
			}
		}
	}

	for (const section of moduleSections) {
		readModules(document, section.from, section.to, context, byAgent, claims, warnings);
	}

	if (!recognised) {
		warnings.push(makeWarning(context, 0, 'no "<Agent> Status" or "Available Modules" section found; nothing read'));
	}

	return {claims, warnings};
};

function classify(heading: Heading, context: ParseContext): SectionKind {
	const words = stripEmoji(heading.text).toLowerCase();
	if (words.includes('emergency') || words.includes('override')) {
		return 'overrides';
	}

	const {name, role, saysStatus} = readHeadingName(heading.text);
	if (resolveAgentName(name, context.resolveAgent)) {
		return 'agent';
	}

	if (words.includes('module')) {
		return 'modules';
	}

	if (saysStatus && name && !isSectionTitle(name)) {
		return 'agent';
	}

	return looksLikeAgent(name, role, context.resolveAgent) ? 'agent' : 'other';
}

function readAgentSection(
	document: MarkdownDocument,
	heading: Heading,
	end: number,
	context: ParseContext,
	warnings: ParseWarning[],
): Claim | undefined {
	const line = heading.index + 1;
	const entries = readFields(document.lines, document.fenced, heading.index + 1, end);
	const known = entries.filter(entry => entry.field);
	if (known.length === 0) {
		warnings.push(makeWarning(context, line, `section "${shorten(heading.text)}" has no recognisable fields; skipped`));
		return undefined;
	}

	const {name, role} = readHeadingName(heading.text);
	const agentEntry = known.find(entry => entry.field === 'agent' && !isEmptyValue(entry.value));
	const draft = startDraft(agentEntry ? agentEntry.value : name, context, line, 'parsed');
	if (!draft) {
		warnings.push(makeWarning(context, line, `section "${shorten(heading.text)}" names no agent; skipped`));
		return undefined;
	}

	const target = {draft, context, warnings};
	for (const entry of entries) {
		if (!entry.field) {
			warnings.push(makeWarning(context, entry.line, `unknown label "${shorten(entry.label)}"`));
		} else if (entry.field !== 'agent') {
			applyField(target, entry.field, entry.label, entry.value, entry.items, entry.line);
		}
	}

	if (role) {
		draft.claim.notes.push(role);
	}

	const claim = finishDraft(draft);
	// This file's sections say what an agent is "Currently Working On": work named
	// without a status word is work in progress.
	if (claim.status === 'unknown' && claim.work !== undefined) {
		claim.status = 'in-progress';
	}

	return claim;
}

/** "- 🔴 lib/training - CLAIMED BY Claude Code (since Tuesday)", or a table with a Claimed By column. */
function readModules(
	document: MarkdownDocument,
	from: number,
	to: number,
	context: ParseContext,
	byAgent: Map<string, Claim>,
	claims: Claim[],
	warnings: ParseWarning[],
): void {
	const claimModule = (agentName: string, module: string, line: number, remark: string | undefined) => {
		const key = agentKey(agentName, context.resolveAgent);
		if (!key || !module) {
			warnings.push(makeWarning(context, line, 'module claim names no agent or no module; skipped'));
			return;
		}

		const existing = byAgent.get(key);
		if (existing) {
			if (existing.module === undefined) {
				existing.module = module;
			} else if (existing.module !== module) {
				existing.notes.push(`also claims module ${module}`);
			}

			return;
		}

		const draft = startDraft(agentName, context, line, 'parsed') as ClaimDraft;
		draft.claim.module = module;
		draft.claim.status = 'in-progress';
		if (remark) {
			draft.claim.notes.push(remark);
		}

		const claim = finishDraft(draft);
		byAgent.set(key, claim);
		claims.push(claim);
	};

	const tableLines = new Set<number>();
	for (const table of findTables(document.lines, document.fenced, from, to, (line, message) => warnings.push(makeWarning(context, line, message)))) {
		for (let line = table.headerLine; line <= (table.rows.at(-1)?.line ?? table.headerLine + 1); line++) {
			tableLines.add(line);
		}

		for (const row of table.rows) {
			const agent = row.cells.get('agent');
			const module = row.cells.get('module');
			if (!module) {
				continue;
			}

			if (agent && !isEmptyValue(cleanValue(agent))) {
				claimModule(cleanValue(agent), moduleName(module), row.line, undefined);
				continue;
			}

			// A table without a "Claimed By" column says it in the status cell: "🔴 CLAIMED BY Codex".
			const holder = claimedByIn(row.cells.get('status') ?? '');
			if (holder) {
				claimModule(holder.name, moduleName(module), row.line, holder.remark);
			}
		}
	}

	for (let index = from; index < to; index++) {
		if (document.fenced[index] || tableLines.has(index + 1)) {
			continue;
		}

		const text = parseListLine(document.lines[index]!).text;
		const holder = claimedByIn(text);
		if (holder) {
			claimModule(holder.name, moduleName(text.slice(0, holder.at)), index + 1, holder.remark);
		}
	}
}

/** The agent after "CLAIMED BY" in a module line or status cell, with any remark after it, and where the words start. */
function claimedByIn(text: string): {name: string; remark?: string; at: number} | undefined {
	const at = text.toLowerCase().indexOf('claimed by');
	if (at < 0) {
		return undefined;
	}

	const after = cleanValue(text.slice(at + 'claimed by'.length).replace(/^[\s:*]+/, ''));
	const {name, remark} = agentAndRemark(after);
	return isEmptyValue(name) ? undefined : {name, remark, at};
}

/** "Claude Code (started 2025-12-03)" or "Claude Code - until Friday". */
function agentAndRemark(text: string): {name: string; remark?: string} {
	let end = text.length;
	for (const separator of [' (', '(', ' - ', ' — ', ' – ', ',', ';', '|']) {
		const index = text.indexOf(separator);
		if (index > 0 && index < end) {
			end = index;
		}
	}

	const remark = trimCharacters(text.slice(end), ' \t(),;|—–-');
	return {name: text.slice(0, end).trim(), remark: remark || undefined};
}

/** The module part of a list item: markers, emphasis and trailing separators removed. */
function moduleName(text: string): string {
	let name = trimCharacters(cleanValue(stripEmoji(text)), ' \t:|([—–-');

	// "lib/training - partially" keeps only the module.
	for (const separator of [' - ', ' — ', ' – ', ': ']) {
		const index = name.indexOf(separator);
		if (index > 0) {
			name = name.slice(0, index).trim();
		}
	}

	return name;
}
