/**
 * The human `status` table: one line per unmerged branch, merged ones folded into a
 * count per agent (`--all` lists them), then each agent's claim and check-in. Words
 * carry the meaning; colour only repeats it (NO_COLOR leaves the words).
 */
import {Chalk} from 'chalk';
import {groupDisagreements} from '../core/agent-rows.js';
import {makeVisible} from '../core/text-safety.js';
import {describeHygieneScope} from '../core/hygiene.js';
import {displayWidth, padTo, truncateTo, wrapWords} from '../core/fit-text.js';
import {formatAge} from '../core/staleness.js';
import {conflictSummary} from '../ui/format.js';
import type {AgentRow, BranchRow, StatusDocument} from '../core/snapshot.js';
import type {Staleness, Verdict} from '../core/types.js';

export interface StatusTextOptions {
	color: boolean;
	all: boolean;
	/** The terminal's columns to fit; undefined when piped (lines keep their natural length). */
	width?: number;
}

export function renderStatusText(document: StatusDocument, options: StatusTextOptions): string {
	const paint = new Chalk({level: options.color ? 1 : 0});
	const verdictColor: Record<Verdict, (text: string) => string> = {ready: paint.green, warn: paint.yellow, blocked: paint.red, pending: paint.dim, merged: paint.blue};
	const stalenessColor: Record<Staleness, (text: string) => string> = {active: paint.green, idle: paint.yellow, stale: paint.red, unknown: paint.dim};
	const lines: string[] = [];
	const line = (text: string) => options.width === undefined ? text : truncateTo(text, options.width);
	// Reasons wrap under their bullet on a terminal; piped, each stays one line.
	const bullet = (text: string) => options.width === undefined ? [`    · ${text}`] : wrapWords(text, options.width, '    · ', '      ');
	const shown = options.all ? document.branches : document.branches.filter(branch => !branch.merged || branch.revertedOnBase);
	lines.push(paint.bold(line(`${makeVisible(document.repo.root)}  base ${makeVisible(document.base.name)} ${document.base.sha.slice(0, 7)}  (${document.repo.state})`)));
	lines.push('');
	lines.push(paint.bold('BRANCHES'));
	const fit = fitTable(shown, options.width);
	lines.push(paint.dim(fit.header));
	for (const [index, row] of fit.rows.entries()) {
		const branch = shown[index]!;
		lines.push(row.slice(0, -1).join('  ') + '  ' + verdictColor[branch.readiness.verdict](row.at(-1)!.trimEnd()));
		const explained = branch.readiness.verdict === 'warn' || branch.readiness.verdict === 'blocked' || branch.readiness.verdict === 'pending';
		for (const reason of explained ? branch.readiness.reasons : []) {
			lines.push(...bullet(makeVisible(reason)).map(text => text.replace(/^ {4}· /, `    ${paint.dim('·')} `)));
		}

		for (const note of branch.readiness.notes ?? []) {
			lines.push(...bullet(makeVisible(note)).map(text => paint.dim(text)));
		}

		if (branch.hygieneScope) {
			lines.push(...bullet(describeHygieneScope(branch.hygieneScope)).map(text => paint.dim(text)));
		}
	}

	if (!options.all) {
		const folded = foldMerged(document.branches);
		if (folded) {
			lines.push(paint.dim(line(`merged (hidden, --all lists them): ${folded}`)));
		}
	}

	lines.push('');
	lines.push(paint.bold('AGENTS'));
	for (const agent of document.agents) {
		const claim = agent.claim;
		const checkin = claim ? `${claim.staleness} (${formatAge(claim.checkinAgeMinutes)})` : 'no claim';
		const work = claim ? makeVisible([claim.work, claim.module ? `[${claim.module}]` : ''].filter(Boolean).join(' ') || '(no work named)') : '';
		const inferred = claim?.confidence === 'inferred' ? ' (inferred)' : '';
		// Fitted as plain text, then the check-in (always whole: it comes right after the key) is painted.
		const text = line(`${agent.agent.padEnd(10)} ${checkin}  ${claim ? claim.status : ''}  ${work}${inferred}`.trimEnd());
		const paintCheckin = claim ? stalenessColor[claim.staleness] : paint.dim;
		lines.push(text.startsWith(`${agent.agent.padEnd(10)} ${checkin}`) ? `${agent.agent.padEnd(10)} ${paintCheckin(checkin)}${text.slice(11 + checkin.length)}` : text);
		if (claim) {
			const branch = agent.claimBranch ? ` · for ${makeVisible(agent.claimBranch)}` : '';
			lines.push(paint.dim(line(`    from ${makeVisible(claim.source.file)}:${claim.source.line} on ${makeVisible(claim.source.ref)}${branch}`)));
			const groups = groupDisagreements(claim.disagreements);
			for (const group of groups.slice(0, 3)) {
				lines.push(paint.dim(line(`    disagrees on ${group.refs.map(ref => makeVisible(ref)).join(', ')}: ${group.field} = ${makeVisible(group.value)}`)));
			}

			if (groups.length > 3) {
				lines.push(paint.dim(`    … and ${groups.length - 3} more disagreement(s) (--json lists them)`));
			}
		}

		const built = builtLine(agent);
		if (built) {
			lines.push(...bullet(built).map(text => paint.dim(text.replace(/^ {4}· /, '    '))));
		}

		if (agent.flags.length > 0) {
			lines.push(`    ${paint.yellow('!')} ${agent.flags.join(', ')}`);
		}
	}

	for (const notice of document.notices) {
		lines.push(...(options.width === undefined ? [`note: ${notice}`] : wrapWords(notice, options.width, 'note: ', '      ')).map(text => paint.yellow(text)));
	}

	if (document.warnings.length > 0) {
		lines.push('');
		lines.push(paint.bold(`WARNINGS (${document.warnings.length})`));
		for (const warning of document.warnings.slice(0, 20)) {
			lines.push(line(`${makeVisible(warning.file)}:${warning.line} (${makeVisible(warning.ref)}): ${makeVisible(warning.message)}`));
		}

		if (document.warnings.length > 20) {
			lines.push(paint.dim(`… and ${document.warnings.length - 20} more (status --json lists all)`));
		}
	}

	return lines.join('\n') + '\n';
}

/** A count, so the column stays narrow: `none`, `2`, `base`, `base+2`; the reason lines below name the branches. */
function conflictCell(branch: BranchRow): string {
	if (branch.merged || branch.state === 'new') {
		return '-';
	}

	return conflictSummary(branch, false) ?? '?';
}

/** `local+remote`, and how they differ, or the short form when the terminal is narrow. */
function locationOf(branch: BranchRow, short: boolean): string {
	if (branch.local && branch.remote) {
		if (!branch.remoteDiff) {
			return short ? 'both' : 'local+remote';
		}

		return short ? 'both, differ' : `local+remote (local +${branch.remoteDiff.localAhead}, remote +${branch.remoteDiff.remoteAhead})`;
	}

	return branch.local ? 'local' : short ? 'remote' : 'remote only';
}

const header = ['branch', 'agent', 'ahead/behind', 'where', 'conflicts', 'readiness'];

/**
 * The branch table's cells, padded: at its natural width when piped (`width`
 * undefined), else narrowed to fit: first the short location words, then branch
 * names cut with `…` (never below 12 columns). No cell ever breaks across lines.
 */
function fitTable(branches: BranchRow[], width: number | undefined): {header: string; rows: string[][]} {
	const cellsOf = (short: boolean) => branches.map(branch => [
		makeVisible(branch.name),
		branch.agent ?? '-',
		branch.revertedOnBase ? (branch.merged ? 'reverted on base' : `+${branch.ahead}, reverted on base`) : branch.merged ? 'merged' : branch.state === 'new' ? 'new' : `+${branch.ahead} -${branch.behind}`,
		locationOf(branch, short),
		conflictCell(branch),
		branch.readiness.verdict,
	]);
	const widthsOf = (table: string[][]) => header.map((title, column) => Math.max(title.length, ...table.map(row => displayWidth(row[column]!))));
	const total = (widths: number[]) => widths.reduce((sum, each) => sum + each, 0) + (2 * (widths.length - 1));
	let table = cellsOf(false);
	let widths = widthsOf(table);
	if (width !== undefined && total(widths) > width) {
		table = cellsOf(true);
		widths = widthsOf(table);
	}

	if (width !== undefined && total(widths) > width) {
		widths[0] = Math.max(12, widths[0]! - (total(widths) - width));
		table = table.map(row => [truncateTo(row[0]!, widths[0]!), ...row.slice(1)]);
	}

	return {
		header: header.map((title, column) => padTo(title, widths[column]!)).join('  ').trimEnd(),
		rows: table.map(row => row.map((cell, column) => padTo(cell, widths[column]!))),
	};
}

/** What the agent built in the last 30 days and all told, and the conflicts its open branches cause (core/agent-built). */
function builtLine(agent: AgentRow): string | null {
	const built = agent.built;
	if (!built) {
		return null;
	}

	const recent = built.periods['30d'];
	const all = built.periods.all;
	const parts: string[] = [];
	if (all.merged > 0) {
		parts.push(`built: ${recent.merged} merged in 30 days (${recent.commits} commits, +${recent.added} -${recent.removed} lines), ${all.merged} in all`);
	}

	if (all.reverted.length > 0) {
		parts.push(`reverted: ${all.reverted.map(name => makeVisible(name)).join(', ')}`);
	}

	if (built.openConflicts.withBase > 0 || built.openConflicts.withBranches > 0) {
		parts.push(`open conflicts: ${built.openConflicts.withBase} with base, ${built.openConflicts.withBranches} with branches`);
	}

	return parts.length > 0 ? parts.join(' · ') : null;
}

function foldMerged(branches: BranchRow[]): string {
	const counts = new Map<string, number>();
	for (const branch of branches.filter(branch => branch.merged && !branch.revertedOnBase)) {
		const key = branch.agent ?? 'other';
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}

	return [...counts].map(([agent, count]) => `${agent} ${count}`).join(', ');
}
