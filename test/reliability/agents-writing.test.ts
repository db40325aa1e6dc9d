/**
 * DESIGN §7.2, §7.7: agents keep writing while switchyard works. For a few seconds
 * (10 s; 30 s in the long setting) three agents commit in their worktrees, create and
 * delete branches, push to and fetch from a bare remote (agents-storm.sh); someone
 * keeps moving base; four agents run `switchyard claim` and `checkin` at once on one
 * coordination file; meanwhile the dashboard (the built binary in tmux) and an
 * in-process live session (as the dashboard runs it, to see every tip it is shown),
 * both fetching every second, watch, and an integration runs. Then: no agent's git
 * command failed (not on a lock of ours, nor on a worktree half-made by the flow); the
 * dashboard's screen converges to the branches `git for-each-ref` lists and the live
 * session to their tips; the integration refused to promote over the moved base; every
 * claim that reported success is in the final file, which parses.
 */
import {spawn} from 'node:child_process';
import {mkdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {makeAgentResolver} from '../../source/core/agents.js';
import {parseCoordinationFile} from '../../source/core/claims/index.js';
import {binary, runCliAsync} from '../cli/run-cli.js';
import {TmuxSession} from '../e2e/tmux.js';
import {integrationRepo} from '../flows/integration-repos.js';
import {closeLiveSessions, startLiveSession, untilState} from '../watch/live-helpers.js';
import {figure, pick} from './setting.js';

const seconds = pick({short: 10, long: 30});
const storm = fileURLToPath(new URL('agents-storm.sh', import.meta.url));
const agents = [
	{agent: 'claude', branch: 'claude/a'},
	{agent: 'codex', branch: 'codex/b'},
	{agent: 'gemini', branch: 'gemini/c'},
];
const claimers = ['claude', 'codex', 'gemini', 'copilot'];
/** The agents' branch names a screen shows. */
const branchNames = (text: string) => new Set(text.match(/\b(?:claude|codex|gemini)\/[\w.-]+/g) ?? []);

afterAll(async () => {
	await closeLiveSessions();
});

const run = (command: string, args: string[], cwd: string) =>
	new Promise<number | null>((resolve, reject) => {
		const child = spawn(command, args, {cwd, stdio: 'ignore'});
		child.on('error', reject);
		child.on('close', resolve);
	});

describe('agents writing while switchyard works', () => {
	it('loses nothing and blocks no agent', async () => {
		const repo = await integrationRepo();
		let terminal: TmuxSession | undefined;
		try {
			const container = path.dirname(repo.root);
			await repo.git(['config', 'gc.auto', '0']);
			await repo.git(['init', '-q', '--bare', path.join(container, 'origin.git')]);
			await repo.git(['remote', 'add', 'origin', path.join(container, 'origin.git')]);
			await repo.git(['push', '-q', 'origin', 'main']);
			for (const {agent, branch} of agents) {
				await repo.git(['worktree', 'add', '-q', '-b', branch, path.join(container, agent), 'main']);
			}

			await mkdir(path.join(container, 'logs'));
			// The dashboard fetches from the remote every minute; here every second, into the agents' pushes and fetches.
			await writeFile(path.join(repo.root, '.switchyard.json'), JSON.stringify({fetchIntervalSeconds: 1}));
			terminal = new TmuxSession(repo.root, {columns: 160, rows: 50});
			await terminal.waitFor(screen => screen.includes('e2e$'), 'the shell prompt');
			terminal.type(`node ${JSON.stringify(binary)}`);
			terminal.press('Enter');
			await terminal.waitFor(screen => screen.includes('gemini/c') && screen.includes('refreshed'), 'the dashboard\'s first frame', 60_000);
			const session = await startLiveSession(repo.root, () => Date.now(), {watch: true, fetch: true});
			const seenTips = new Set<string>();
			let snapshots = 0;
			let fetches = 0;
			let fetching = false;
			const unsubscribe = session.subscribe(state => {
				snapshots++;
				fetches += state.fetching && !fetching ? 1 : 0;
				fetching = state.fetching;
				for (const row of state.snapshot?.branches ?? []) {
					seenTips.add(row.sha);
				}
			});

			const end = BigInt(Date.now() + seconds * 1000) * 1_000_000n;
			const logOf = (agent: string) => path.join(container, 'logs', `${agent}.log`);
			const agentRuns = agents.map(async ({agent, branch}) => run('sh', [storm, path.join(container, agent), branch, agent, String(end), logOf(agent)], container));

			// What the dashboard lists while the agents write: branch names, read off the screen.
			const namesOnScreen = new Set<string>();
			const screenWatch = (async () => {
				while (BigInt(Date.now()) * 1_000_000n < end) {
					for (const name of branchNames(terminal.screen())) {
						namesOnScreen.add(name);
					}

					await new Promise(resolve => setTimeout(resolve, 100));
				}
			})();

			// Someone else keeps moving base, by compare-and-swap, as a push from elsewhere would.
			const baseMoves = (async () => {
				let moves = 0;
				while (BigInt(Date.now()) * 1_000_000n < end) {
					const old = (await repo.git(['rev-parse', 'main'])).trim();
					const next = (await repo.git(['commit-tree', '-p', old, '-m', `base move ${moves}`, `${old}^{tree}`])).trim();
					await repo.git(['update-ref', 'refs/heads/main', next, old]);
					moves++;
					await new Promise(resolve => setTimeout(resolve, 200));
				}

				return moves;
			})();

			// Four agents claiming and checking in at once, each in turn.
			const claims = claimers.map(async agent => {
				let lastSuccess: string | undefined;
				let tries = 0;
				let refused = 0;
				for (let round = 0; BigInt(Date.now()) * 1_000_000n < end; round++) {
					const work = `${agent} task ${round}`;
					const result = await runCliAsync(round % 2 === 0 ? ['claim', '--agent', agent, '--work', work, '-C', repo.root] : ['checkin', '--agent', agent, '-C', repo.root]);
					tries++;
					if (result.status === 0) {
						lastSuccess = round % 2 === 0 ? work : lastSuccess;
					} else {
						refused++;
						expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
					}
				}

				return {agent, lastSuccess, tries, refused};
			});

			// The integration, started while everything moves: base moves during its verification.
			await new Promise(resolve => setTimeout(resolve, 1500));
			const integration = await runCliAsync(['integrate', 'claude/a', '--order', 'given', '--verify', 'sleep 1', '--yes', '-C', repo.root]);
			const [moves, claimResults] = await Promise.all([baseMoves, Promise.all(claims), Promise.all(agentRuns), screenWatch]);
			const stormEnded = Date.now();

			// The integration refused to promote over the moved base, and moved nothing of anyone's.
			expect(integration.stdout + integration.stderr).toContain('main moved during the flow; nothing was promoted');
			expect((await repo.git(['log', '--format=%s', '-1', 'main'])).trim()).toMatch(/^base move \d+$/);

			// No agent's git command failed on a lock.
			const lines = (await Promise.all(agents.map(async ({agent}) => readFile(logOf(agent), 'utf8')))).join('').split('\n').filter(Boolean);
			const failures = lines.filter(line => line.startsWith('fail '));
			const lockFailures = failures.filter(line => /index\.lock|cannot lock ref|Unable to create .*\.lock|unable to lock/i.test(line));
			// Any failure fails the test: also `bad object worktrees/<name>/HEAD`, which git's own
			// `worktree add` caused before the flows built their worktrees aside (docs/safety.md).
			expect(failures, failures.join('\n')).toEqual([]);

			// The dashboard's screen converges to the agents' branches as they are: each is listed, no deleted one is.
			const finalNames = new Set((await repo.git(['for-each-ref', '--format=%(refname:short)', 'refs/heads/claude', 'refs/heads/codex', 'refs/heads/gemini'])).split('\n').filter(Boolean));
			const sameNames = (shown: Set<string>) => shown.size === finalNames.size && [...finalNames].every(name => shown.has(name));
			let dashboardMs = 0;
			const dashboardConverged = terminal.waitFor(screen => sameNames(branchNames(screen)), `the dashboard to list ${[...finalNames].join(', ')}`, 120_000).then(screen => {
				dashboardMs = Date.now() - stormEnded;
				return screen;
			});

			// The live session converges to the refs as they are.
			const refs = new Map((await repo.git(['for-each-ref', '--format=%(refname:short) %(objectname)', 'refs/heads/'])).split('\n').filter(Boolean).map(line => line.split(' ') as [string, string]));
			const converged = await untilState(session, state => state.snapshot !== null && agents.every(({branch}) => state.snapshot!.branches.find(row => row.name === branch)?.sha === refs.get(branch)) && state.snapshot.base.sha === refs.get('main'), 'the live session to show the final tips');
			const convergedMs = Date.now() - stormEnded;
			const finalScreen = await dashboardConverged;
			// The screen followed the agents while they wrote: scratch branches came and went on it.
			expect([...namesOnScreen].filter(name => name.includes('/scratch-')).length).toBeGreaterThan(agents.length);
			// No stack trace, no error on the dashboard.
			expect(finalScreen).not.toMatch(/\bat .+:\d+:\d+\)?$|Error:/m);
			unsubscribe();
			expect(converged.error).toBeNull();
			expect(fetches).toBeGreaterThan(1);

			// Every claim that said it succeeded is in the final file, which parses.
			const text = await readFile(path.join(repo.root, 'AI_CURRENT_WORK.md'), 'utf8');
			const parsed = parseCoordinationFile('AI_CURRENT_WORK.md', text, {file: 'AI_CURRENT_WORK.md', ref: 'worktree', resolveAgent: makeAgentResolver({agents: {}} as never)});
			for (const {agent, lastSuccess} of claimResults) {
				expect(lastSuccess, `${agent} never claimed`).toBeDefined();
				expect(text, `${agent}'s last claim`).toContain(lastSuccess);
				expect(parsed.claims.map(claim => claim.agent)).toContain(agent);
			}

			const gitWrites = lines.filter(line => /^ok (commit|branch|push|fetch)/.test(line)).length;
			const commits = lines.filter(line => line.startsWith('ok commit')).length;
			const claimTries = claimResults.reduce((sum, result) => sum + result.tries, 0);
			const claimRefused = claimResults.reduce((sum, result) => sum + result.refused, 0);
			// Nothing crashed: the dashboard still runs, and q gives the shell back.
			terminal.type('q');
			await terminal.waitFor(screen => !screen.includes('refreshed') && /e2e\$ \s*$/.test(screen.trimEnd() + ' '), 'the shell prompt after quitting');
			figure(`agents writing for ${seconds} s: writes made ${gitWrites + moves + claimTries - claimRefused} (agents' git ${gitWrites} with ${commits} commits, base moves ${moves}, claims and check-ins ${claimTries - claimRefused} of ${claimTries}, ${claimRefused} refused in one line), agents' git failures ${failures.length} (on a lock ${lockFailures.length}); writes seen: ${namesOnScreen.size} branch names on the dashboard's screen, ${seenTips.size} distinct tips in ${snapshots} states of the live session (${fetches} fetches); convergence after the last write: dashboard in tmux ${dashboardMs} ms (${finalNames.size} branches listed), live session ${convergedMs} ms; integration refused over the moved base`);
		} finally {
			terminal?.kill();
			await closeLiveSessions();
			await repo.cleanup();
		}
	}, 900_000);
});
