/**
 * Small builders of StatusDocument test data with realistic values. Later tests use
 * snapshots from real fixture repositories; these keep screen tests fast and exact.
 */
import type {AgentClaimView, AgentRow, BranchRow, StatusDocument} from '../../source/core/snapshot.js';
import type {LiveState} from '../../source/ui/state/live-state.js';

/** 2026-01-05 10:00 UTC: the moment every test looks at the screen. */
export const testNow = Date.parse('2026-01-05T10:00:00.000Z');

export const minutesBefore = (minutes: number): string => new Date(testNow - (minutes * 60_000)).toISOString();

let shaCounter = 0;
/** A distinct, stable-looking 40-hex commit id. */
export function fakeSha(seed?: string): string {
	const text = seed ?? String(++shaCounter);
	let hash = 0x811c9dc5;
	for (const character of text) {
		hash = Math.imul(hash ^ character.codePointAt(0)!, 0x01000193) >>> 0;
	}

	return hash.toString(16).padStart(8, '0').repeat(5);
}

export function makeBranch(name: string, overrides: Partial<BranchRow> = {}): BranchRow {
	const agent = name.includes('/') ? name.split('/')[0]! : null;
	return {
		name,
		agent,
		sha: fakeSha(name),
		local: true,
		remote: `origin/${name}`,
		ahead: 3,
		behind: 1,
		lastCommitAt: minutesBefore(25),
		state: overrides.state ?? (overrides.merged ? 'merged' : 'unmerged'),
		merged: overrides.state ? overrides.state === 'merged' : false,
		files: ['lib/training/trainer.py', 'lib/training/schedule.py'],
		commits: [
			{sha: fakeSha(`${name}-3`), subject: 'Add cosine learning-rate schedule', at: minutesBefore(25)},
			{sha: fakeSha(`${name}-2`), subject: 'Split trainer loop into steps', at: minutesBefore(70)},
			{sha: fakeSha(`${name}-1`), subject: 'Update AI_CURRENT_WORK.md: claim training', at: minutesBefore(130)},
		],
		mergesCleanly: true,
		conflictsWithBase: [],
		conflictsWith: [],
		hygiene: [],
		domain: [],
		touchesCoordination: true,
		readiness: overrides.merged || overrides.state === 'merged'
			? {verdict: 'merged', reasons: ['already merged into base']}
			: {verdict: 'ready', reasons: ['merges cleanly, nothing flagged']},
		...overrides,
	};
}

export function makeClaim(agent: string, overrides: Partial<AgentClaimView> = {}): AgentClaimView {
	return {
		agent,
		agentName: agent === 'claude' ? 'Claude Code' : agent === 'codex' ? 'OpenAI Codex' : agent,
		work: 'Training improvements',
		module: 'lib/training',
		files: ['lib/training/trainer.py'],
		status: 'in-progress',
		startedAt: minutesBefore(300),
		lastCheckin: minutesBefore(135),
		blockers: [],
		dependencies: [],
		notes: [],
		confidence: 'parsed',
		source: {file: 'AI_CURRENT_WORK.md', ref: 'main', line: 14},
		checkinAgeMinutes: 135,
		staleness: 'idle',
		disagreements: [],
		...overrides,
	};
}

export function makeAgent(agent: string, branches: string[], claim: AgentClaimView | null, overrides: Partial<AgentRow> = {}): AgentRow {
	// Test data names where the claim shows: the branch it names, else the agent's first branch.
	const claimBranch = claim ? (claim.branch && branches.includes(claim.branch) ? claim.branch : (branches[0] ?? null)) : null;
	return {agent, branches, claim, claimBranch, lastCommitAt: minutesBefore(25), flags: [], ...overrides};
}

export function makeSnapshot(overrides: Partial<StatusDocument> = {}): StatusDocument {
	return {
		schemaVersion: 1,
		generatedAt: new Date(testNow).toISOString(),
		repo: {root: '/home/dev/ml-platform', state: 'clean', head: 'main'},
		base: {name: 'main', sha: fakeSha('main')},
		branches: [],
		agents: [],
		warnings: [],
		notices: [],
		...overrides,
	};
}

/**
 * A realistic afternoon: Claude idle on training with a conflict against Codex,
 * Codex active on tracking, Gemini stale and blocked by a conflict with main, Copilot
 * with a claim but no branch yet, and one merged branch folded away.
 */
export function afternoonSnapshot(): StatusDocument {
	const claude = makeBranch('claude/training-improvements', {
		conflictsWith: [{branch: 'codex/tracking-fix', files: ['backend/src/app.module.ts']}],
		readiness: {verdict: 'warn', reasons: ['conflicts with codex/tracking-fix on 1 file']},
	});
	const codex = makeBranch('codex/tracking-fix', {
		ahead: 5,
		behind: 0,
		lastCommitAt: minutesBefore(5),
		files: ['backend/src/app.module.ts', 'backend/src/tracking/service.ts'],
		conflictsWith: [{branch: 'claude/training-improvements', files: ['backend/src/app.module.ts']}],
		readiness: {verdict: 'warn', reasons: ['conflicts with claude/training-improvements on 1 file']},
	});
	const gemini = makeBranch('gemini/ui-refresh', {
		ahead: 2,
		behind: 14,
		lastCommitAt: minutesBefore(60 * 26),
		mergesCleanly: false,
		conflictsWithBase: ['components/Nav.tsx'],
		hygiene: [{kind: 'wip-commit', detail: 'abc1234 wip'}],
		readiness: {verdict: 'blocked', reasons: ['conflicts with main on components/Nav.tsx', 'wip commit abc1234']},
	});
	const merged = makeBranch('claude/old-docs', {ahead: 0, behind: 40, merged: true, commits: [], files: []});
	return makeSnapshot({
		branches: [claude, codex, gemini, merged],
		agents: [
			makeAgent('claude', ['claude/training-improvements', 'claude/old-docs'], makeClaim('claude', {branch: 'claude/training-improvements'})),
			makeAgent('codex', ['codex/tracking-fix'], makeClaim('codex', {
				work: 'Fix tracking events', module: 'backend/tracking', lastCheckin: minutesBefore(20), checkinAgeMinutes: 20, staleness: 'active',
			})),
			makeAgent('gemini', ['gemini/ui-refresh'], makeClaim('gemini', {
				work: 'Refresh navigation UI', module: 'components', lastCheckin: minutesBefore(60 * 5), checkinAgeMinutes: 300, staleness: 'stale', confidence: 'inferred',
			})),
			makeAgent('copilot', [], makeClaim('copilot', {
				work: 'Write API docs', module: 'docs/api', lastCheckin: minutesBefore(10), checkinAgeMinutes: 10, staleness: 'active',
			}), {flags: ['claim-without-commits']}),
		],
	});
}

export function makeLive(snapshot: StatusDocument | null, overrides: Partial<LiveState> = {}): LiveState {
	return {snapshot, conflictsPending: false, fetching: false, error: null, lastRefreshAt: testNow - 4000, ...overrides};
}
