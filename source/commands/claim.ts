/**
 * `switchyard claim | checkin | release | done`: the commands an AI agent runs to
 * announce its work in `AI_CURRENT_WORK.md` instead of editing the markdown by hand
 * (docs/design.md §3 "Write"). This file only orchestrates: the text edit is pure
 * (core/claims/edit-current-work.ts), the file write is atomic and locked
 * (store/coordination-file.ts), the repository and its `.switchyard.json` (aliases,
 * staleness thresholds) are opened as every command opens them
 * (repo/open-repository.ts), and git is reached through git/commit-file.ts.
 */
import {existsSync} from 'node:fs';
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {makeAgentResolver} from '../core/agents.js';
import {claimsFileTarget, parseCoordinationFile} from '../core/claims/index.js';
import {editAiCoordination} from '../core/claims/edit-ai-coordination.js';
import {ConfigError} from '../core/config.js';
import {editCurrentWork, type CurrentWorkEdit, type EditResult} from '../core/claims/edit-current-work.js';
import {formatLocalIso} from '../core/claims/edit-local-time.js';
import {parseExpectedTime} from '../core/dates.js';
import type {AgentResolver, Claim} from '../core/types.js';
import {CommitError, commitOneFile, currentBranch, stagedPaths} from '../git/commit-file.js';
import type {GitRunner} from '../git/git-runner.js';
import {RepositoryError} from '../git/repository.js';
import {openRepository, type OpenRepository} from '../repo/open-repository.js';
import {CoordinationFileError, updateCoordinationFile} from '../store/coordination-file.js';
import {readOtherCopies, withOtherCopies, type OtherCopies} from './claim-copies.js';

export type AgentCommandKind = 'claim' | 'checkin' | 'release' | 'done';

/** The flags, as the command line gave them. */
export interface AgentCommandOptions {
	agent?: string;
	work?: string;
	module?: string;
	/** Each entry may itself be a comma-separated list (`--files a,b --files c`). */
	files?: string[];
	branch?: string;
	commit: boolean;
	override: boolean;
	/** Supersede the agent's own claim while it is still active. */
	replace?: boolean;
	/** Fetch the remote first, so that claims pushed on other machines count. */
	fetch?: boolean;
	reason?: string;
	/** When the agent expects to be done: a duration (`2h`) or a time. */
	expected?: string;
}

export interface TextOutput {
	write(text: string): unknown;
}

export interface AgentCommandIo {
	cwd: string;
	/** Where `SWITCHYARD_AGENT` is read from. git itself runs with the process environment. */
	env: Record<string, string | undefined>;
	now(): Date;
	stdout: TextOutput;
	stderr: TextOutput;
}

export const coordinationFileName = 'AI_CURRENT_WORK.md';

const usage = 2;
const refused = 1;

export async function runAgentCommand(kind: AgentCommandKind, options: AgentCommandOptions, io: AgentCommandIo): Promise<number> {
	const fail = (code: number, message: string) => {
		io.stderr.write(`switchyard ${kind}: ${message}\n`);
		return code;
	};

	const agent = (options.agent ?? io.env['SWITCHYARD_AGENT'] ?? '').trim();
	if (!agent) {
		return fail(usage, 'which agent? pass --agent NAME (e.g. --agent codex) or set SWITCHYARD_AGENT');
	}

	const usageProblem = checkUsage(kind, options);
	if (usageProblem) {
		return fail(usage, usageProblem);
	}

	const now = io.now();
	const expected = options.expected === undefined ? undefined : parseExpectedTime(options.expected, now);
	if (options.expected !== undefined && !expected) {
		return fail(usage, `--expected "${options.expected}" is neither a duration (2h, 90m, 1h30m, 1d) nor a time (2026-11-23T18:00, 2026-11-23 18:00)`);
	}

	let repo: OpenRepository;
	try {
		repo = await openRepository(io.cwd);
	} catch (error) {
		if (error instanceof RepositoryError || error instanceof ConfigError) {
			return fail(usage, error.message);
		}

		throw error;
	}

	const top = repo.location.root;
	// The team's own file when .switchyard.json names one; AI_CURRENT_WORK.md otherwise.
	const target = claimsFileTarget(repo.config);
	if (options.commit) {
		const others = (await stagedPaths(repo.git)).filter(file => file !== target.path);
		if (others.length > 0) {
			return fail(
				refused,
				`the index already holds staged changes (${summarize(others)}); commit or unstage them first, or run without --commit — nothing was changed`,
			);
		}
	}

	const edit = await buildEdit(kind, agent, options, repo.git, expected);
	const resolveAgent = makeAgentResolver({agents: repo.config.agents});
	const {staleness} = repo.config;
	const file = path.join(top, ...target.path.split('/'));
	let copies: OtherCopies | undefined;
	if (kind === 'claim') {
		// Held work is judged from every copy, as status shows it: a claim committed on another branch counts.
		copies = await readOtherCopies(repo, {now, writtenFile: file, fetch: options.fetch ?? false});
		if (copies.fetchProblem) {
			io.stderr.write(`switchyard claim: ${copies.fetchProblem}; checking the copies at hand\n`);
		}

		await mkdir(path.dirname(file), {recursive: true});
	} else if (!existsSync(file)) {
		return fail(refused, `${target.path} does not exist yet; run switchyard claim first`);
	}

	const readClaims = claimReader(target.path, resolveAgent);
	const context = {now, staleness, resolveAgent, readClaims: (current: string) => withOtherCopies(readClaims(current), copies), fileName: target.path};
	let result: EditResult;
	try {
		result = await updateCoordinationFile(
			file,
			text => (target.kind === 'ai-coordination' ? editAiCoordination(text, edit, context) : editCurrentWork(text, edit, context)),
			outcome => (outcome.ok ? outcome.text : undefined),
		);
	} catch (error) {
		if (error instanceof CoordinationFileError) {
			return fail(refused, error.message);
		}

		throw error;
	}

	if (!result.ok) {
		return fail(refused, result.reason);
	}

	for (const notice of result.notices) {
		io.stdout.write(`note: ${notice}\n`);
	}

	io.stdout.write(`${successLine(kind, result.agentName, result.subject, now)} (${target.path} updated)\n`);
	if (!options.commit) {
		return 0;
	}

	const message = commitMessage(kind, result.subject);
	try {
		const commit = await commitOneFile(repo.git, target.path, message);
		io.stdout.write(`committed ${commit.slice(0, 7)} ${message}\n`);
		return 0;
	} catch (error) {
		if (error instanceof CommitError) {
			return fail(refused, `${target.path} was updated but not committed: ${error.message}; commit it by hand`);
		}

		throw error;
	}
}

function checkUsage(kind: AgentCommandKind, options: AgentCommandOptions): string | undefined {
	if (kind !== 'claim') {
		const claimOnly = (['work', 'module', 'files', 'branch', 'reason', 'expected'] as const).find(name => options[name] !== undefined);
		if (claimOnly || options.override || options.replace || options.fetch) {
			return `--${claimOnly ?? (options.override ? 'override' : options.replace ? 'replace' : 'fetch')} belongs to switchyard claim; ${kind} takes only --agent and --commit`;
		}

		return undefined;
	}

	if (!options.work?.trim()) {
		return 'what is the work? pass --work TEXT (e.g. --work "TrackingModule schema alignment")';
	}

	if (options.override && !options.reason?.trim()) {
		return '--override needs --reason TEXT, which is recorded under Emergency Overrides';
	}

	if (!options.override && options.reason !== undefined) {
		return '--reason goes with --override; leave it out, or add --override to take a held claim';
	}

	return undefined;
}

async function buildEdit(kind: AgentCommandKind, agent: string, options: AgentCommandOptions, git: GitRunner, expected: Date | undefined): Promise<CurrentWorkEdit> {
	if (kind !== 'claim') {
		return {kind, agent};
	}

	return {
		kind,
		agent,
		work: options.work ?? '',
		module: options.module,
		// The branch checked out where the agent works is the usual answer.
		branch: options.branch ?? (await currentBranch(git)),
		files: (options.files ?? []).flatMap(entry => entry.split(',')).map(file => file.trim()).filter(Boolean),
		override: options.override ? {reason: options.reason ?? ''} : undefined,
		expected,
		replace: options.replace ?? false,
	};
}

/** Other agents' claims, read from the file's text to decide whether a claim is held. */
function claimReader(file: string, resolveAgent: AgentResolver): (text: string) => readonly Claim[] {
	// The same lenient reader as the dashboard, so a claim counts here exactly when it shows there.
	return text => parseCoordinationFile(file, text, {file, ref: 'worktree', resolveAgent}).claims;
}

function successLine(kind: AgentCommandKind, agentName: string, subject: string | undefined, now: Date): string {
	switch (kind) {
		case 'claim':
			return `${agentName} claimed ${subject ?? 'the work'}`;
		case 'checkin':
			return `${agentName} checked in at ${formatLocalIso(now)}`;
		case 'release':
			return subject ? `${agentName} released ${subject}` : `${agentName} holds nothing now`;
		case 'done':
			return `${agentName} finished ${subject ?? 'the work'}; recorded under Completed Work`;
	}
}

export function commitMessage(kind: AgentCommandKind, subject: string | undefined): string {
	const what = subject ?? 'work';
	switch (kind) {
		case 'claim':
			return `chore: claim ${what} for work`;
		case 'checkin':
			return 'chore: check in';
		case 'release':
			return `chore: release ${what}`;
		case 'done':
			return `chore: done ${what}`;
	}
}

function summarize(files: readonly string[]): string {
	return files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ');
}

const sharedHelpFooter = `
The agent's section of AI_CURRENT_WORK.md (at the top of the repository or worktree)
changes; every other line of the file stays as it was. When .switchyard.json names
the team's own file ("claimsFile", else the first AI_CURRENT_WORK.md or
*_COORDINATION.md path in "coordinationFiles"), that file is written in its shape. Run it from any folder of the
repository or of a linked worktree.

Options
  --agent NAME   the agent (codex, claude, "Claude Code", or any new name);
                 default: $SWITCHYARD_AGENT
  --commit       commit only AI_CURRENT_WORK.md (refused when other changes are staged)

Exit codes: 0 done; 1 refused (held claim, file changed meanwhile, staged changes);
2 usage or environment error.`;

export const agentCommandHelp: Record<AgentCommandKind, string> = {
	claim: `Usage
  switchyard claim --agent NAME --work TEXT [--module M] [--files a,b] [--branch B]
                   [--expected 2h] [--replace] [--fetch] [--commit]
                   [--override --reason TEXT]

Announce the work an agent starts, in AI_CURRENT_WORK.md. Tell your agents to run
this from their instructions (CLAUDE.md, AGENTS.md) instead of editing the file:

  switchyard claim --agent codex --work "TrackingModule schema alignment" \\
    --module TrackingModule --files backend/src/tracking.ts,backend/src/app.module.ts \\
    --branch codex/tracking --commit
  switchyard checkin --agent codex      (at least every 2 hours while working)
  switchyard done --agent codex         (when finished; or release to give it up)

A module or file held by another agent that checked in less than 2 hours ago is
refused, naming the holder; --override --reason TEXT takes it anyway and records why
under "Emergency Overrides". An idle or stale claim is taken with a note. Claims
are read from every copy of the coordination files: the working tree, the base
branch and every agent branch (and the remote's, with --fetch).

A new claim over the agent's own unfinished one records the old one under
"Completed Work" as superseded (with its dates and files); while the old one is
still active (checked in less than 2 hours ago) that needs --replace.

  --work TEXT      what the agent is doing
  --module M       the module claimed; marked "CLAIMED BY <Agent>" in Available Modules
  --files a,b      files being modified (comma-separated, or repeat --files)
  --branch B       the agent's branch (default: the current branch)
  --expected WHEN  Expected Completion: a duration from now (2h, 90m, 1h30m) or a
                   time (2026-11-23T18:00); TBD when left out
  --override       take a claim another agent holds; needs --reason TEXT
  --replace        supersede this agent's own active claim (it is kept as superseded)
  --fetch          fetch the remote first, so claims pushed elsewhere count
${sharedHelpFooter}`,
	checkin: `Usage
  switchyard checkin --agent NAME [--commit]

Record a check-in (Last Checkin: now) so that other agents see the claim is alive.
A claim without a check-in for 2 hours is idle, and others may take it.
${sharedHelpFooter}`,
	release: `Usage
  switchyard release --agent NAME [--commit]

Give up the agent's current work without marking it done: its section is cleared and
its module is marked available again.
${sharedHelpFooter}`,
	done: `Usage
  switchyard done --agent NAME [--commit]

Mark the agent's current work finished: it is recorded (what, when, files) under
"Completed Work", the agent's section is cleared and its module is available again.
${sharedHelpFooter}`,
};
