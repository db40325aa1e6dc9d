import {existsSync} from 'node:fs';
import {mkdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {runAgentCommand, agentCommandHelp, type AgentCommandKind, type AgentCommandOptions} from '../../source/commands/claim.js';
import {makeAgentResolver} from '../../source/core/agents.js';
import {parseCoordinationFile} from '../../source/core/claims/index.js';
import {createRepo, type TestRepo} from './git-repo.js';

let repo: TestRepo;

beforeEach(async () => {
	repo = await createRepo();
});

afterEach(async () => {
	await repo.remove();
});

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

async function run(
	kind: AgentCommandKind,
	options: Partial<AgentCommandOptions>,
	{cwd = repo.root, now = '2026-01-05T10:00:00Z', env = {}}: {cwd?: string; now?: string; env?: Record<string, string>} = {},
): Promise<Run> {
	let stdout = '';
	let stderr = '';
	const code = await runAgentCommand(kind, {commit: false, override: false, ...options}, {
		cwd,
		env,
		now: () => new Date(now),
		stdout: {write: (text: string) => (stdout += text)},
		stderr: {write: (text: string) => (stderr += text)},
	});
	return {code, stdout, stderr};
}

const tracking: Partial<AgentCommandOptions> = {
	agent: 'codex',
	work: 'TrackingModule schema alignment',
	module: 'TrackingModule',
	files: ['backend/src/tracking.ts,backend/src/app.module.ts'],
	branch: 'codex/tracking',
};

function claimsIn(text: string) {
	return parseCoordinationFile('AI_CURRENT_WORK.md', text, {file: 'AI_CURRENT_WORK.md', ref: 'worktree', resolveAgent: makeAgentResolver()}).claims;
}

const currentWork = () => readFile(path.join(repo.root, 'AI_CURRENT_WORK.md'), 'utf8');
const commitCount = () => Number(repo.git(['rev-list', '--count', 'HEAD']).trim());

describe('switchyard claim --expected', () => {
	it('writes a duration from now as the Expected Completion, which status reads back', async () => {
		expect((await run('claim', {...tracking, expected: '1h30m'})).code).toBe(0);
		const text = await currentWork();
		expect(text).toContain('**Expected Completion:** 2026-01-05T11:30:00+00:00');
		expect(claimsIn(text).find(claim => claim.agent === 'codex')).toMatchObject({expectedCompletion: '2026-01-05T11:30:00.000Z'});
	});

	it('takes a time as well', async () => {
		expect((await run('claim', {...tracking, expected: '2026-01-05 18:00Z'})).code).toBe(0);
		expect(await currentWork()).toContain('**Expected Completion:** 2026-01-05T18:00:00+00:00');
	});

	it('refuses what is neither, touching nothing, and belongs to claim only', async () => {
		const vague = await run('claim', {...tracking, expected: 'soonish'});
		expect(vague).toMatchObject({code: 2, stdout: ''});
		expect(vague.stderr).toContain('--expected "soonish" is neither a duration (2h, 90m, 1h30m, 1d) nor a time');
		expect(existsSync(path.join(repo.root, 'AI_CURRENT_WORK.md'))).toBe(false);
		expect((await run('checkin', {agent: 'codex', expected: '2h'})).stderr).toContain('--expected belongs to switchyard claim');
	});
});

describe('switchyard claim', () => {
	it('writes the claim at the top of the repository when run from a subfolder', async () => {
		const subfolder = path.join(repo.root, 'backend', 'src');
		await mkdir(subfolder, {recursive: true});
		const result = await run('claim', tracking, {cwd: subfolder});
		expect(result).toMatchObject({code: 0, stderr: ''});
		expect(result.stdout).toBe('Codex claimed TrackingModule (AI_CURRENT_WORK.md updated)\n');
		expect(existsSync(path.join(subfolder, 'AI_CURRENT_WORK.md'))).toBe(false);
		expect(claimsIn(await currentWork())).toEqual([
			expect.objectContaining({
				agent: 'codex',
				work: 'TrackingModule schema alignment',
				module: 'TrackingModule',
				branch: 'codex/tracking',
				files: ['backend/src/tracking.ts', 'backend/src/app.module.ts'],
				status: 'in-progress',
				lastCheckin: '2026-01-05T10:00:00.000Z',
			}),
		]);
		expect(commitCount()).toBe(1);
	});

	it('takes the agent from SWITCHYARD_AGENT and accepts unknown agents under a lower-case key', async () => {
		expect((await run('claim', {work: 'Docs'}, {env: {SWITCHYARD_AGENT: 'Aider'}})).code).toBe(0);
		expect(claimsIn(await currentWork())[0]).toMatchObject({agent: 'aider', agentName: 'Aider', work: 'Docs', branch: 'main'});
	});

	it('answers usage errors with exit code 2 and one line', async () => {
		const noAgent = await run('claim', {work: 'x'});
		expect(noAgent.code).toBe(2);
		expect(noAgent.stderr).toMatch(/^switchyard claim: which agent\? pass --agent NAME .*SWITCHYARD_AGENT\n$/);
		expect((await run('claim', {agent: 'codex'})).stderr).toMatch(/--work TEXT/);
		expect((await run('claim', {...tracking, override: true})).stderr).toMatch(/--override needs --reason/);
		expect((await run('checkin', {agent: 'codex', module: 'X'})).code).toBe(2);
		const outside = await run('claim', tracking, {cwd: path.dirname(repo.root)});
		expect(outside.code).toBe(2);
		expect(outside.stderr).toMatch(/is not inside a git repository/);
	});

	it('refuses a module held by an active agent, and takes it with --override --reason', async () => {
		await run('claim', {agent: 'claude', work: 'Auth', module: 'TrackingModule'});
		const before = await currentWork();
		const refused = await run('claim', tracking, {now: '2026-01-05T10:30:00Z'});
		expect(refused.code).toBe(1);
		expect(refused.stderr).toBe(
			'switchyard claim: TrackingModule is held by Claude (checked in 30 min ago; AI_CURRENT_WORK.md line 3 in the working tree); wait for a release, or take it with --override --reason TEXT\n',
		);
		expect(await currentWork()).toBe(before);

		const taken = await run('claim', {...tracking, override: true, reason: 'Claude is stuck'}, {now: '2026-01-05T10:30:00Z'});
		expect(taken.code).toBe(0);
		expect(taken.stdout).toContain("note: overriding Claude's active claim on TrackingModule");
		expect(await currentWork()).toContain(
			'## Emergency Overrides\n\n- 2026-01-05T10:30:00+00:00: Codex took TrackingModule from Claude (checked in 30 min ago). Reason: Claude is stuck\n',
		);
	});

	it('lets a stale holder be taken, naming it', async () => {
		await run('claim', {agent: 'claude', work: 'Auth', module: 'TrackingModule'});
		const result = await run('claim', tracking, {now: '2026-01-05T15:00:00Z'});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain("note: taking Claude's stale claim on TrackingModule (last check-in 5 h ago)");
	});

	it('commits exactly one file in exactly one commit with --commit', async () => {
		await writeFile(path.join(repo.root, 'notes.txt'), 'not staged\n');
		const claimed = await run('claim', {...tracking, commit: true});
		expect(claimed.code).toBe(0);
		expect(claimed.stdout).toMatch(/committed [0-9a-f]{7} chore: claim TrackingModule for work\n$/);
		expect(commitCount()).toBe(2);
		expect(repo.git(['show', '--name-only', '--format=%s', 'HEAD']).trim().split('\n')).toEqual([
			'chore: claim TrackingModule for work',
			'',
			'AI_CURRENT_WORK.md',
		]);
		expect(repo.git(['status', '--porcelain'])).toBe('?? notes.txt\n');

		const messages: string[] = [];
		for (const [kind, now] of [
			['checkin', '2026-01-05T10:10:00Z'],
			['release', '2026-01-05T10:20:00Z'],
		] as const) {
			expect((await run(kind, {agent: 'codex', commit: true}, {now})).code).toBe(0);
			messages.push(repo.git(['log', '-1', '--format=%s']).trim());
		}

		await run('claim', {...tracking, commit: true}, {now: '2026-01-05T10:30:00Z'});
		expect((await run('done', {agent: 'codex', commit: true}, {now: '2026-01-05T11:00:00Z'})).code).toBe(0);
		messages.push(repo.git(['log', '-1', '--format=%s']).trim());
		expect(messages).toEqual(['chore: check in', 'chore: release TrackingModule', 'chore: done TrackingModule']);
		expect(repo.git(['log', '--format=', '--name-only', 'HEAD~5..HEAD']).split('\n').filter(Boolean)).toEqual(Array(5).fill('AI_CURRENT_WORK.md'));
		expect(await currentWork()).toContain('- ✅ TrackingModule schema alignment (TrackingModule) — Codex, completed 2026-01-05T11:00:00+00:00');
	});

	it('refuses --commit, touching nothing, when other changes are staged', async () => {
		await writeFile(path.join(repo.root, 'staged.txt'), 'staged\n');
		repo.git(['add', 'staged.txt']);
		const result = await run('claim', {...tracking, commit: true});
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/^switchyard claim: the index already holds staged changes \(staged\.txt\);.*nothing was changed\n$/);
		expect(existsSync(path.join(repo.root, 'AI_CURRENT_WORK.md'))).toBe(false);
		expect(commitCount()).toBe(1);
		expect(repo.git(['diff', '--cached', '--name-only'])).toBe('staged.txt\n');
	});

	it('works in a linked worktree: its own file, its branch, its commit', async () => {
		const worktree = path.join(path.dirname(repo.root), 'codex-worktree');
		repo.git(['worktree', 'add', '--quiet', '-b', 'codex/tracking', worktree]);
		const subfolder = path.join(worktree, 'backend');
		await mkdir(subfolder);
		const {branch: _branch, ...withoutBranch} = tracking;
		const result = await run('claim', {...withoutBranch, commit: true}, {cwd: subfolder});
		expect(result.code).toBe(0);
		const text = await readFile(path.join(worktree, 'AI_CURRENT_WORK.md'), 'utf8');
		expect(claimsIn(text)[0]).toMatchObject({agent: 'codex', branch: 'codex/tracking'});
		expect(existsSync(path.join(repo.root, 'AI_CURRENT_WORK.md'))).toBe(false);
		expect(repo.git(['log', '-1', '--format=%s', 'codex/tracking']).trim()).toBe('chore: claim TrackingModule for work');
		expect(commitCount()).toBe(1);
	});

	it('says in its help that agents run it, with an example', () => {
		expect(agentCommandHelp.claim).toMatch(/CLAUDE\.md, AGENTS\.md/);
		expect(agentCommandHelp.claim).toContain('switchyard claim --agent codex --work "TrackingModule schema alignment"');
	});
});

describe('switchyard claim reads .switchyard.json', () => {
	const configure = async (config: object) => writeFile(path.join(repo.root, '.switchyard.json'), JSON.stringify(config));
	const robo = {agent: 'Robo Builder', work: 'More of M', module: 'M'};

	it('a configured alias names the same agent', async () => {
		expect((await run('claim', {agent: 'bot', work: 'M', module: 'M'})).code).toBe(0);
		// Without the alias, "Robo Builder" is another agent and M is held.
		const unknown = await run('claim', robo, {now: '2026-01-05T10:05:00Z'});
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toMatch(/^switchyard claim: M is held by Bot /);

		// With it, "Robo Builder" is Bot, whose own active claim a new one supersedes only with --replace.
		await configure({agents: {bot: {aliases: ['Robo Builder']}}});
		const same = await run('claim', {...robo, replace: true}, {now: '2026-01-05T10:05:00Z'});
		expect(same.stderr).toBe('');
		expect(same.code).toBe(0);
		expect(claimsIn(await currentWork()).filter(claim => claim.module === 'M')).toEqual([expect.objectContaining({agent: 'bot', work: 'More of M'})]);
	});

	it('configured staleness thresholds decide whether a holder is still active', async () => {
		await run('claim', {agent: 'claude', work: 'Auth', module: 'TrackingModule'});
		// 30 minutes later Claude is active under the default thresholds (2 h, 4 h)…
		expect((await run('claim', tracking, {now: '2026-01-05T10:30:00Z'})).code).toBe(1);
		// …and stale under thresholds of 10 and 20 minutes.
		await configure({staleness: {activeHours: 1 / 6, staleHours: 1 / 3}});
		const taken = await run('claim', tracking, {now: '2026-01-05T10:30:00Z'});
		expect(taken.stderr).toBe('');
		expect(taken.code).toBe(0);
	});

	it('an invalid .switchyard.json is one line and exit code 2, touching nothing', async () => {
		await configure({staleness: {activeHours: -1}});
		const result = await run('claim', tracking);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/^switchyard claim: \.switchyard\.json: "staleness\.activeHours" must be a positive number of hours\n$/);
		expect(existsSync(path.join(repo.root, 'AI_CURRENT_WORK.md'))).toBe(false);
	});
});

describe('switchyard claim over the agent’s own claim', () => {
	it('refuses an active one without --replace, and with it keeps the old work, dates and files', async () => {
		await run('claim', {agent: 'claude', work: 'Routes cleanup', module: 'RoutesModule', files: ['backend/src/routes.ts']}, {now: '2026-01-05T09:00:00Z'});
		const before = await currentWork();
		const refused = await run('claim', {agent: 'claude', work: 'Payments', module: 'PaymentsModule'}, {now: '2026-01-05T10:00:00Z'});
		expect(refused).toMatchObject({code: 1, stdout: ''});
		expect(refused.stderr).toBe(
			'switchyard claim: Claude is still working on RoutesModule (checked in 1 h ago); finish it with switchyard done, give it up with switchyard release, or pass --replace to record it as superseded and claim the new work\n',
		);
		expect(await currentWork()).toBe(before);

		const replaced = await run('claim', {agent: 'claude', work: 'Payments', module: 'PaymentsModule', replace: true}, {now: '2026-01-05T10:00:00Z'});
		expect(replaced.code).toBe(0);
		const text = await currentWork();
		const startedAt = /\*\*Started At:\*\* (\S+)/.exec(before)![1]!;
		expect(text).toContain(`- ⏭️ Routes cleanup (RoutesModule) — Claude, superseded `);
		expect(text).toContain(`(not finished; started ${startedAt}, last check-in ${startedAt}) — files: backend/src/routes.ts`);
		expect(claimsIn(text)).toEqual([expect.objectContaining({agent: 'claude', work: 'Payments', module: 'PaymentsModule'})]);
	});

	it('takes a new claim over a stale one of its own without --replace, still keeping the old one', async () => {
		await run('claim', {agent: 'claude', work: 'Routes cleanup', module: 'RoutesModule'}, {now: '2026-01-04T09:00:00Z'});
		const result = await run('claim', {agent: 'claude', work: 'Payments'}, {now: '2026-01-05T10:00:00Z'});
		expect(result.code).toBe(0);
		expect(await currentWork()).toContain('- ⏭️ Routes cleanup (RoutesModule) — Claude, superseded ');
	});
});

describe('switchyard claim checks every copy of the claims', () => {
	async function claudeHoldsSrcOnItsBranch(): Promise<string> {
		const worktree = path.join(path.dirname(repo.root), 'claude-x');
		repo.git(['worktree', 'add', '--quiet', '-b', 'claude/x', worktree]);
		const claimed = await run('claim', {agent: 'claude', work: 'Source layout', module: 'src', files: ['src/a.ts'], commit: true}, {cwd: worktree, now: '2026-01-05T09:59:00Z'});
		expect(claimed.code).toBe(0);
		repo.git(['checkout', '--quiet', '-b', 'codex/y']);
		const committed = repo.git(['show', 'claude/x:AI_CURRENT_WORK.md']).split('\n');
		return String(committed.indexOf('## Claude Status') + 1);
	}

	it('refuses a module held on another agent branch, naming the holder, where its claim lives and its age', async () => {
		const line = await claudeHoldsSrcOnItsBranch();
		const refused = await run('claim', {agent: 'codex', work: 'Move sources', module: 'src'}, {now: '2026-01-05T10:00:00Z'});
		expect(refused).toMatchObject({code: 1, stdout: ''});
		expect(refused.stderr).toBe(
			`switchyard claim: src is held by Claude (checked in 1 min ago; AI_CURRENT_WORK.md line ${line} on claude/x); wait for a release, or take it with --override --reason TEXT\n`,
		);
		expect(existsSync(path.join(repo.root, 'AI_CURRENT_WORK.md'))).toBe(false);
	});

	it('refuses files held on another branch under another module', async () => {
		await claudeHoldsSrcOnItsBranch();
		const refused = await run('claim', {agent: 'codex', work: 'Fix a', module: 'Other', files: ['src/a.ts']}, {now: '2026-01-05T10:00:00Z'});
		expect(refused.code).toBe(1);
		expect(refused.stderr).toMatch(/^switchyard claim: src\/a\.ts is held by Claude \(checked in 1 min ago; AI_CURRENT_WORK\.md line \d+ on claude\/x\)/);
	});

	it('takes it once the holder went stale, with a note, and --override records why while it is active', async () => {
		await claudeHoldsSrcOnItsBranch();
		const taken = await run('claim', {agent: 'codex', work: 'Move sources', module: 'src'}, {now: '2026-01-05T14:00:00Z'});
		expect(taken.code).toBe(0);
		expect(taken.stdout).toContain("note: taking Claude's stale claim on src (last check-in 4 h 1 min ago)");

		await run('release', {agent: 'codex'});
		const overridden = await run('claim', {agent: 'codex', work: 'Move sources', module: 'src', override: true, reason: 'urgent'}, {now: '2026-01-05T10:00:00Z'});
		expect(overridden.code).toBe(0);
		expect(await currentWork()).toMatch(/Codex took src from Claude \(checked in 1 min ago\)\. Reason: urgent/);
	});
});

describe('switchyard claim --fetch', () => {
	it('fetches first, so a claim pushed from another machine counts', async () => {
		const remote = path.join(path.dirname(repo.root), 'remote.git');
		repo.git(['init', '--quiet', '--bare', '--initial-branch=main', remote]);
		repo.git(['remote', 'add', 'origin', remote]);
		repo.git(['push', '--quiet', 'origin', 'main']);
		const elsewhere = path.join(path.dirname(repo.root), 'elsewhere');
		repo.git(['clone', '--quiet', remote, elsewhere]);
		repo.git(['config', 'user.name', 'Other'], elsewhere);
		repo.git(['config', 'user.email', 'other@example.com'], elsewhere);
		repo.git(['checkout', '--quiet', '-b', 'claude/x'], elsewhere);
		expect((await run('claim', {agent: 'claude', work: 'Source layout', module: 'src', commit: true}, {cwd: elsewhere, now: '2026-01-05T09:59:00Z'})).code).toBe(0);
		repo.git(['push', '--quiet', 'origin', 'claude/x'], elsewhere);

		const refused = await run('claim', {agent: 'codex', work: 'Move sources', module: 'src', fetch: true}, {now: '2026-01-05T10:00:00Z'});
		expect(refused.code).toBe(1);
		expect(refused.stderr).toMatch(/^switchyard claim: src is held by Claude \(checked in 1 min ago; AI_CURRENT_WORK\.md line \d+ on claude\/x\)/);
		expect(repo.git(['rev-parse', 'origin/claude/x']).trim()).toBe(repo.git(['rev-parse', 'claude/x'], elsewhere).trim());
	});

	it('says when the fetch failed and still checks the copies at hand', async () => {
		const result = await run('claim', {agent: 'codex', work: 'Move sources', fetch: true});
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('switchyard claim: there is no remote "origin" to fetch from: add one (git remote add origin <url>) or set "remote" in .switchyard.json; checking the copies at hand\n');
	});
});

describe('switchyard claim into the team’s own file', () => {
	async function statusClaims() {
		const {openRepository} = await import('../../source/repo/open-repository.js');
		const document = await (await openRepository(repo.root)).collector.collect(Date.parse('2026-01-05T10:05:00Z'), undefined, {conflicts: false});
		return document.agents.map(agent => agent.claim && {agent: agent.agent, work: agent.claim.work, module: agent.claim.module, status: agent.claim.status, source: agent.claim.source.file});
	}

	it('writes a *_COORDINATION.md named by claimsFile in its shape, keeping its other lines, and status reads it', async () => {
		const board = path.join(repo.root, '.github', 'ai-coordination', 'TRACKING_COORDINATION.md');
		await mkdir(path.dirname(board), {recursive: true});
		const original = await readFile(new URL('../../fixtures/coordination/TRACKING_COORDINATION.md', import.meta.url), 'utf8');
		await writeFile(board, original);
		await writeFile(path.join(repo.root, '.switchyard.json'), JSON.stringify({claimsFile: '.github/ai-coordination/TRACKING_COORDINATION.md'}));

		// After the fixture's own dates, so the new claim is Gemini's freshest.
		const claimed = await run('claim', {agent: 'gemini', work: 'Retention policy', module: 'retention', branch: 'gemini/retention'}, {now: '2026-04-25T12:00:00Z'});
		expect(claimed).toMatchObject({code: 0, stdout: 'Gemini claimed retention (.github/ai-coordination/TRACKING_COORDINATION.md updated)\n'});
		const text = await readFile(board, 'utf8');
		expect(text.split('\n').filter(line => original.split('\n').includes(line))).toEqual(original.split('\n'));
		expect(existsSync(path.join(repo.root, 'AI_CURRENT_WORK.md'))).toBe(false);
		expect(await statusClaims()).toContainEqual({agent: 'gemini', work: 'Retention policy', module: 'retention', status: 'in-progress', source: '.github/ai-coordination/TRACKING_COORDINATION.md'});

		expect((await run('done', {agent: 'gemini'}, {now: '2026-04-25T12:30:00Z'})).code).toBe(0);
		expect(await statusClaims()).toContainEqual(expect.objectContaining({agent: 'gemini', work: 'Retention policy', status: 'complete'}));
	});

	it('writes an AI_CURRENT_WORK.md at another path named in coordinationFiles, and commits that file', async () => {
		await writeFile(path.join(repo.root, '.switchyard.json'), JSON.stringify({coordinationFiles: ['docs/agents/*.md', 'docs/AI_CURRENT_WORK.md']}));
		const claimed = await run('claim', {...tracking, commit: true});
		expect(claimed.code).toBe(0);
		expect(claimed.stdout).toContain('(docs/AI_CURRENT_WORK.md updated)');
		expect(repo.git(['show', '--name-only', '--format=', 'HEAD']).trim()).toBe('docs/AI_CURRENT_WORK.md');
		expect(await statusClaims()).toEqual([{agent: 'codex', work: 'TrackingModule schema alignment', module: 'TrackingModule', status: 'in-progress', source: 'docs/AI_CURRENT_WORK.md'}]);
	});

	it('refuses a claimsFile of a shape it cannot write in one line, exit 2, writing nothing', async () => {
		await writeFile(path.join(repo.root, '.switchyard.json'), JSON.stringify({claimsFile: 'notes/BOARD.md'}));
		const result = await run('claim', tracking);
		expect(result).toMatchObject({code: 2, stdout: ''});
		expect(result.stderr).toBe('switchyard claim: .switchyard.json: "claimsFile" "notes/BOARD.md" has no shape switchyard can write claims in: name a file AI_CURRENT_WORK.md (in any folder) or *_COORDINATION.md\n');
		expect(repo.git(['status', '--porcelain', '--untracked-files=all'])).toBe('?? .switchyard.json\n');
	});
});
