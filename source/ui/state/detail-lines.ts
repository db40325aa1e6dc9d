/**
 * The branch details screen as a list of lines, built by a pure function so the
 * screen is a scrollable window over it and tests can read it without Ink.
 * Every piece of repository text is made visible here (docs/design.md §7.6).
 */
import {groupDisagreements} from '../../core/agent-rows.js';
import {describeHygieneScope} from '../../core/hygiene.js';
import type {AgentClaimView, BranchRow, BranchWorktree} from '../../core/snapshot.js';
import {formatAge, formatAgo} from '../../core/staleness.js';
import {
	branchStateText,
	checkinText,
	minutesSince,
	shortSha,
	shown,
	stalenessColor,
	verdictColor,
} from '../format.js';
import type {DashboardRow} from './dashboard-rows.js';

export interface Line {
	text: string;
	color?: string;
	bold?: boolean;
	dim?: boolean;
}

const heading = (text: string): Line => ({text, bold: true});
const item = (text: string, extra: Omit<Line, 'text'> = {}): Line => ({text: `  ${text}`, ...extra});
const blank: Line = {text: ''};

function branchSection(branch: BranchRow, baseName: string, now: number, pending: boolean): Line[] {
	const where = [branch.local ? 'local' : null, branch.remote ? shown(branch.remote) : null].filter(Boolean).join(' + ');
	const lines: Line[] = [
		item(`${shortSha(branch.sha)} · ${where} · ${branchStateText(branch, baseName)} · last commit ${formatAgo(minutesSince(branch.lastCommitAt, now))}`),
	];
	if (branch.remoteDiff) {
		lines.push(item(`local has ${branch.remoteDiff.localAhead} commits the remote lacks; the remote has ${branch.remoteDiff.remoteAhead} the local lacks`, {color: 'yellow'}));
	}

	if (branch.worktree) {
		lines.push(...worktreeLines(branch.worktree));
	}

	lines.push(blank, heading(`Readiness: ${branch.readiness.verdict}`));
	lines.push(...branch.readiness.reasons.map(reason => item(`• ${shown(reason)}`, {color: verdictColor[branch.readiness.verdict]})));
	if (branch.readiness.reasons.length === 0) {
		lines.push(item('no reasons given', {dim: true}));
	}

	lines.push(...(branch.readiness.notes ?? []).map(note => item(`· ${shown(note)}`, {dim: true})));

	lines.push(blank, heading('Conflicts'));
	if (branch.mergesCleanly === null && branch.conflictsWith.length === 0) {
		lines.push(item(pending ? 'being predicted…' : 'not predicted (see the notices)', {dim: true}));
	} else if (branch.conflictsWithBase.length === 0 && branch.conflictsWith.length === 0) {
		lines.push(item('none: merges cleanly into base and with every other branch', {color: 'green'}));
	}

	if (branch.conflictsWithBase.length > 0) {
		lines.push(item(`with ${shown(baseName)} on ${branch.conflictsWithBase.length} file(s):`, {color: 'red'}));
		lines.push(...branch.conflictsWithBase.map(file => item(`  ${shown(file)}`)));
	}

	for (const pair of branch.conflictsWith) {
		const kind = pair.coordinationOnly ? ` (coordination file only: ${pair.coordinationOnly.sectionMergeable ? 'section by section mergeable' : 'merge by hand'})` : '';
		lines.push(item(`with ${shown(pair.branch)} on ${pair.files.length} file(s)${kind}:`, {color: 'yellow'}));
		lines.push(...pair.files.map(file => item(`  ${shown(file)}`)));
	}

	const issues = [
		...branch.hygiene.map(issue => `${issue.kind}: ${shown(issue.detail)}`),
		...branch.domain.map(issue => `${issue.kind}: ${shown(issue.file)}${issue.agent ? ` (claimed by ${shown(issue.agent)})` : ''}`),
	];
	if (!branch.touchesCoordination && branch.ahead > 0) {
		issues.push('no commit updates the coordination file');
	}

	if (issues.length > 0 || branch.hygieneScope) {
		lines.push(blank, heading('Hygiene and domain'), ...issues.map(issue => item(`• ${issue}`)));
		if (branch.hygieneScope) {
			lines.push(item(describeHygieneScope(branch.hygieneScope), {dim: true}));
		}
	}

	lines.push(blank, heading(`Commits (${branch.commits.length})`));
	lines.push(...branch.commits.map(commit => item(`${shortSha(commit.sha)} ${shown(commit.subject)} · ${formatAgo(minutesSince(commit.at, now))}`)));
	lines.push(blank, heading(`Files (${branch.files.length})`));
	lines.push(...branch.files.map(file => item(shown(file))));
	return lines;
}

/** Where the branch is checked out, and what that worktree holds uncommitted. */
function worktreeLines(worktree: BranchWorktree): Line[] {
	if (worktree.dirtyFiles === 0) {
		return [item(`checked out in ${shown(worktree.path)} · no uncommitted changes`, {dim: true})];
	}

	const more = worktree.dirtyFiles - worktree.files.length;
	return [
		item(`checked out in ${shown(worktree.path)} · ${worktree.dirtyFiles} uncommitted file(s):`, {color: 'yellow'}),
		...worktree.files.map(file => item(`  ${shown(file)}`)),
		...(more > 0 ? [item(`  … and ${more} more`, {dim: true})] : []),
	];
}

function claimSection(claim: AgentClaimView | null, row: DashboardRow): Line[] {
	if (!claim) {
		return [heading('Claim'), item('no claim found in the coordination files', {dim: true})];
	}

	const source = `${shown(claim.source.file)}:${claim.source.line} on ${shown(claim.source.ref)}`;
	const lines: Line[] = [
		heading(`Claim (${claim.confidence === 'inferred' ? 'inferred by the generic reader' : 'parsed'}) · ${claim.status}`),
		item(`by ${shown(claim.agentName)} · from ${source}`, {dim: true}),
	];
	const fields: Array<[string, string | undefined]> = [
		['work', claim.work],
		['module', claim.module],
		['branch', claim.branch],
		['started', claim.startedAt],
		['expected', claim.expectedCompletion],
	];
	for (const [label, value] of fields) {
		if (value) {
			lines.push(item(`${label}: ${shown(value)}`));
		}
	}

	lines.push(item(`check-in: ${checkinText(row)}`, {color: stalenessColor[claim.staleness]}));
	const lists: Array<[string, string[]]> = [['files', claim.files], ['blockers', claim.blockers], ['depends on', claim.dependencies], ['notes', claim.notes]];
	for (const [label, values] of lists) {
		if (values.length > 0) {
			lines.push(item(`${label}: ${values.map(value => shown(value)).join(', ')}`));
		}
	}

	lines.push(...groupDisagreements(claim.disagreements).map(group => item(
		`disagrees on ${group.refs.map(ref => shown(ref)).join(', ')}: ${shown(group.field)} = ${shown(group.value)}`,
		{color: 'yellow'},
	)));
	return lines;
}

/** Every line of the details of one dashboard row. */
export function detailLines(row: DashboardRow, baseName: string, now: number, pending: boolean): Line[] {
	const title = row.branch ? shown(row.branch.name) : `${shown(row.agent ?? '?')} (claim without a branch)`;
	const lines: Line[] = [{text: `${title} · agent ${row.agent === null ? '—' : shown(row.agent)}`, bold: true}];
	const flags = row.agentRow?.flags ?? [];
	if (flags.length > 0) {
		lines.push(item(`flags: ${flags.join(', ')}`, {color: 'yellow'}));
	}

	if (row.branch) {
		lines.push(...branchSection(row.branch, baseName, now, pending));
	}

	lines.push(blank, ...claimSection(row.claim, row));
	return lines;
}
