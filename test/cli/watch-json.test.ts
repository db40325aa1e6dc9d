/**
 * `switchyard watch --json` through the built binary, as a script runs it: no
 * terminal, commits, branches and claim edits made from outside, and exactly the
 * expected events, in order. Each step waits for its events on stdout, not on time.
 */
import {execFileSync, spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {createRepo, type TestRepo} from '../commands/git-repo.js';
import {binary, runCli} from './run-cli.js';

interface Stream {
	child: ChildProcessWithoutNullStreams;
	events: Array<Record<string, unknown>>;
	stderr: () => string;
	/** Resolves once `count` events have arrived in all, giving the new ones. */
	until(count: number): Promise<Array<Record<string, unknown>>>;
	/** Resolves once an event `brief` names has arrived, giving the new ones up to it, readiness changes left out (checked at the end). */
	upTo(expected: string): Promise<string[]>;
}

function startStream(root: string): Stream {
	const child = spawn(process.execPath, [binary, 'watch', '--json', '-C', root], {stdio: ['pipe', 'pipe', 'pipe'], env: {...process.env, NO_COLOR: '1'}});
	const events: Array<Record<string, unknown>> = [];
	let buffer = '';
	let stderr = '';
	let waiter: (() => void) | undefined;
	child.stdout.on('data', (chunk: Buffer) => {
		buffer += chunk.toString();
		const lines = buffer.split('\n');
		buffer = lines.pop()!;
		for (const line of lines) {
			events.push(JSON.parse(line) as Record<string, unknown>);
		}

		waiter?.();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	let seen = 0;
	return {
		child,
		events,
		stderr: () => stderr,
		async until(count) {
			while (events.length < count) {
				if (child.exitCode !== null) {
					throw new Error(`watch --json ended early: ${stderr}`);
				}

				await new Promise<void>(resolve => {
					waiter = resolve;
				});
			}

			const fresh = events.slice(seen, count);
			seen = count;
			return fresh;
		},
		async upTo(expected) {
			for (;;) {
				const index = events.findIndex((event, at) => at >= seen && brief(event) === expected);
				if (index >= 0) {
					const fresh = events.slice(seen, index + 1);
					seen = index + 1;
					return fresh.filter(event => event['event'] !== 'readiness-changed').map(brief);
				}

				if (child.exitCode !== null) {
					throw new Error(`watch --json ended early: ${stderr}`);
				}

				await new Promise<void>(resolve => {
					waiter = resolve;
				});
			}
		},
	};
}

/** The event and the one field that names what it is about. */
function brief(event: Record<string, unknown>): string {
	const about = String(event['event']).startsWith('claim-') ? event['agent'] : (event['branch'] ?? event['base'] ?? event['agent']);
	const other = event['with'] === undefined ? '' : ` × ${String(event['with'] ?? 'base')}`;
	const readiness = event['event'] === 'readiness-changed' ? ` ${String(event['from'])}→${String(event['to'])}` : '';
	return `${String(event['event'])} ${String(about)}${other}${readiness}`;
}

let repo: TestRepo | undefined;
let stream: Stream | undefined;

afterEach(async () => {
	stream?.child.kill('SIGTERM');
	await repo?.remove();
});

describe('switchyard watch --json', () => {
	it('prints one event per line for each change made from outside, in order', async () => {
		repo = await createRepo();
		const root = repo.root;
		const git = (args: string[], cwd = root) => execFileSync('git', args, {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
		const commitFile = (cwd: string, file: string, text: string, message: string) => {
			execFileSync('sh', ['-c', `printf '%s\\n' "$1" > "$2"`, 'sh', text, file], {cwd});
			git(['add', file], cwd);
			git(['commit', '--quiet', '-m', message], cwd);
		};

		// No background fetch: this repository has no remote.
		await writeFile(path.join(root, '.switchyard.json'), '{"fetchIntervalSeconds": 0}\n');
		commitFile(root, 'a.txt', 'base', 'add a');
		const claudeTree = path.join(path.dirname(root), 'claude-x');
		const codexTree = path.join(path.dirname(root), 'codex-y');

		stream = startStream(root);
		const [watching] = await stream.until(1);
		expect(watching).toMatchObject({event: 'watching', root: execFileSync('git', ['rev-parse', '--show-toplevel'], {cwd: root, encoding: 'utf8'}).trim(), base: 'main'});
		expect(Number.isNaN(Date.parse(String(watching!['time'])))).toBe(false);

		git(['worktree', 'add', '--quiet', '-b', 'claude/x', claudeTree]);
		expect((await stream.until(2)).map(brief)).toEqual(['branch-created claude/x']);

		commitFile(claudeTree, 'a.txt', 'claude', 'claude edits a');
		// A new branch (no commits of its own) read warn; its first commit makes it ready.
		const [moved, ready] = await stream.until(4);
		expect(ready).toMatchObject({event: 'readiness-changed', branch: 'claude/x'});
		expect(moved).toMatchObject({event: 'branch-moved', branch: 'claude/x', agent: 'claude', ahead: 1, newCommits: [{subject: 'claude edits a'}]});

		// Check-ins are written to the second: the claim is dated a minute back, so the check-in differs from it.
		const minuteAgo = {env: {SWITCHYARD_NOW: new Date(Date.now() - 60_000).toISOString()}};
		expect(runCli(['claim', '--agent', 'claude', '--work', 'Edit a', '--module', 'a', '--files', 'a.txt', '--branch', 'claude/x', '-C', root], minuteAgo).status).toBe(0);
		const claimed = await stream.upTo('claim-made claude');
		expect(claimed).toEqual(['claim-made claude']);
		expect(stream.events.find(event => event['event'] === 'claim-made')).toMatchObject({work: 'Edit a', module: 'a', files: ['a.txt'], status: 'in-progress', staleness: 'active', source: {file: 'AI_CURRENT_WORK.md', ref: 'worktree'}});

		expect(runCli(['checkin', '--agent', 'claude', '-C', root]).status).toBe(0);
		expect(await stream.upTo('claim-checkin claude')).toEqual(['claim-checkin claude']);

		// A conflicting branch appears in one step: its commit is made first, then named.
		git(['worktree', 'add', '--quiet', '--detach', codexTree, 'main']);
		commitFile(codexTree, 'a.txt', 'codex', 'codex edits a');
		git(['branch', 'codex/y', 'HEAD'], codexTree);
		expect(await stream.upTo('branch-created codex/y')).toEqual(['conflict-appeared claude/x × codex/y', 'branch-created codex/y']);
		expect(stream.events.find(event => event['event'] === 'conflict-appeared')).toMatchObject({files: ['a.txt']});

		expect(runCli(['done', '--agent', 'claude', '-C', root]).status).toBe(0);
		expect(await stream.upTo('claim-released claude')).toEqual(['claim-released claude']);

		git(['worktree', 'remove', '--force', codexTree]);
		git(['branch', '--quiet', '-D', 'codex/y']);
		expect(await stream.upTo('branch-deleted codex/y')).toEqual(['conflict-resolved claude/x × codex/y', 'branch-deleted codex/y']);

		git(['merge', '--quiet', '--ff-only', 'claude/x']);
		expect(await stream.upTo('branch-merged claude/x')).toEqual(['base-moved main', 'branch-merged claude/x']);

		// The verdicts claude/x went through: warn while new, ready with its commit, warn while it
		// conflicted, ready again (the claim in progress is a note, not a risk); merging is its own event.
		const verdicts = stream.events.filter(event => event['event'] === 'readiness-changed' && event['branch'] === 'claude/x').map(brief);
		expect(verdicts).toEqual(['readiness-changed claude/x warn→ready', 'readiness-changed claude/x ready→warn', 'readiness-changed claude/x warn→ready']);

	}, 120_000);
});
