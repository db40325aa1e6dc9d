/**
 * The human `status` table: one line per unmerged branch, merged ones folded into a
 * count per agent (`--all` lists them), then each agent's claim and check-in. Words
 * carry the meaning; colour only repeats it (NO_COLOR leaves the words).
 */
import {Chalk} from 'chalk';
import {groupDisagreements} from '../core/agent-rows.js';
import {makeVisible} from '../core/text-safety.js';
import {describeHygieneScope} from '../core/hygiene.js';
import {formatAge} from '../core/staleness.js';
import type {BranchRow, StatusDocument} from '../core/snapshot.js';
import type {Staleness, Verdict} from '../core/types.js';

export interface StatusTextOptions {
	color: boolean;
	all: boolean;
}

export function renderStatusText(document: StatusDocument, options: StatusTextOptions): string {
	const paint = new Chalk({level: options.color ? 1 : 0});
	const verdictColor: Record<Verdict, (text: string) => string> = {ready: paint.green, warn: paint.yellow, blocked: paint.red, pending: paint.dim, merged: paint.blue};
	const stalenessColor: Record<Staleness, (text: string) => string> = {active: paint.green, idle: paint.yellow, stale: paint.red, unknown: paint.dim};
	const lines: string[] = [];
	const shown = options.all ? document.branches : document.branches.filter(branch => !branch.merged);
	lines.push(paint.bold(`${makeVisible(document.repo.root)}  base ${makeVisible(document.base.name)} ${document.base.sha.slice(0, 7)}  (${document.repo.state})`));
	lines.push('');
	lines.push(paint.bold('BRANCHES'));
	const table = shown.map(branch => [
		makeVisible(branch.name),
		branch.agent ?? '-',
		branch.merged ? 'merged' : branch.state === 'new' ? 'new' : `+${branch.ahead} -${branch.behind}`,
		locationOf(branch),
		conflictSummary(branch),
		branch.readiness.verdict,
	]);
	const header = ['branch', 'agent', 'ahead/behind', 'where', 'conflicts', 'readiness'];
	const widths = header.map((title, column) => Math.max(title.length, ...table.map(row => row[column]!.length)));
	lines.push(paint.dim(header.map((title, column) => title.padEnd(widths[column]!)).join('  ')));
	for (const [index, row] of table.entries()) {
		const branch = shown[index]!;
		const cells = row.map((cell, column) => cell.padEnd(widths[column]!));
		cells[5] = verdictColor[branch.readiness.verdict](cells[5]!);
		lines.push(cells.join('  ').trimEnd());
		const explained = branch.readiness.verdict === 'warn' || branch.readiness.verdict === 'blocked' || branch.readiness.verdict === 'pending';
		for (const reason of explained ? branch.readiness.reasons : []) {
			lines.push(`    ${paint.dim('·')} ${makeVisible(reason)}`);
		}

		for (const note of branch.readiness.notes ?? []) {
			lines.push(paint.dim(`    · ${makeVisible(note)}`));
		}

		if (branch.hygieneScope) {
			lines.push(paint.dim(`    · ${describeHygieneScope(branch.hygieneScope)}`));
		}
	}

	if (!options.all) {
		const folded = foldMerged(document.branches);
		if (folded) {
			lines.push(paint.dim(`merged (hidden, --all lists them): ${folded}`));
		}
	}

	lines.push('');
	lines.push(paint.bold('AGENTS'));
	for (const agent of document.agents) {
		const claim = agent.claim;
		const checkin = claim ? stalenessColor[claim.staleness](`${claim.staleness} (${formatAge(claim.checkinAgeMinutes)})`) : paint.dim('no claim');
		const work = claim ? makeVisible([claim.work, claim.module ? `[${claim.module}]` : ''].filter(Boolean).join(' ') || '(no work named)') : '';
		const inferred = claim?.confidence === 'inferred' ? paint.dim(' (inferred)') : '';
		lines.push(`${agent.agent.padEnd(10)} ${checkin}  ${claim ? claim.status : ''}  ${work}${inferred}`.trimEnd());
		if (claim) {
			const branch = agent.claimBranch ? ` · for ${makeVisible(agent.claimBranch)}` : '';
			lines.push(paint.dim(`    from ${makeVisible(claim.source.file)}:${claim.source.line} on ${makeVisible(claim.source.ref)}${branch}`));
			const groups = groupDisagreements(claim.disagreements);
			for (const group of groups.slice(0, 3)) {
				lines.push(paint.dim(`    disagrees on ${group.refs.map(ref => makeVisible(ref)).join(', ')}: ${group.field} = ${makeVisible(group.value)}`));
			}

			if (groups.length > 3) {
				lines.push(paint.dim(`    … and ${groups.length - 3} more disagreement(s) (--json lists them)`));
			}
		}

		if (agent.flags.length > 0) {
			lines.push(`    ${paint.yellow('!')} ${agent.flags.join(', ')}`);
		}
	}

	for (const notice of document.notices) {
		lines.push(paint.yellow(`note: ${notice}`));
	}

	if (document.warnings.length > 0) {
		lines.push('');
		lines.push(paint.bold(`WARNINGS (${document.warnings.length})`));
		for (const warning of document.warnings.slice(0, 20)) {
			lines.push(`${makeVisible(warning.file)}:${warning.line} (${makeVisible(warning.ref)}): ${makeVisible(warning.message)}`);
		}

		if (document.warnings.length > 20) {
			lines.push(paint.dim(`… and ${document.warnings.length - 20} more (status --json lists all)`));
		}
	}

	return lines.join('\n') + '\n';
}

function locationOf(branch: BranchRow): string {
	if (branch.local && branch.remote) {
		if (!branch.remoteDiff) {
			return 'local+remote';
		}

		return `local+remote (local +${branch.remoteDiff.localAhead}, remote +${branch.remoteDiff.remoteAhead})`;
	}

	return branch.local ? 'local' : 'remote only';
}

function conflictSummary(branch: BranchRow): string {
	if (branch.merged || branch.state === 'new') {
		return '-';
	}

	if (branch.mergesCleanly === null) {
		return '?';
	}

	const parts: string[] = [];
	if (branch.conflictsWithBase.length > 0) {
		parts.push(`base(${branch.conflictsWithBase.length})`);
	}

	for (const other of branch.conflictsWith) {
		parts.push(`${makeVisible(other.branch)}(${other.files.length})`);
	}

	return parts.length > 0 ? parts.join(' ') : 'none';
}

function foldMerged(branches: BranchRow[]): string {
	const counts = new Map<string, number>();
	for (const branch of branches.filter(branch => branch.merged)) {
		const key = branch.agent ?? 'other';
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}

	return [...counts].map(([agent, count]) => `${agent} ${count}`).join(', ');
}
