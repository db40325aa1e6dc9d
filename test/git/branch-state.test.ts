/**
 * Branch states (docs/design.md §2): a branch just created from base, with no commit of its
 * own, is new — not merged, not folded away, not ready. Only work that reached base is merged.
 */
import {afterEach, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {renderStatusText} from '../../source/commands/status-text.js';
import {makeLive} from '../ui/factory.js';
import {renderApp} from '../ui/render-app.js';
import {collect, minutes, repoWithBase} from './test-repos.js';

let repo: RepoBuilder;
afterEach(async () => repo?.cleanup());

async function repoWithStates(): Promise<RepoBuilder> {
	const built = await repoWithBase();
	// Created by git itself, as an agent does: the reflog says "branch: Created from main".
	await built.git(['branch', 'claude/fresh', 'main']);
	// Merged with a merge commit.
	await built.commit({branch: 'codex/done', from: 'main', message: 'codex work', files: {'src/codex.ts': 'x\n'}, at: minutes(5)});
	await built.merge({into: 'main', from: 'codex/done', at: minutes(6)});
	// Committed on, then fast-forwarded into base by git: its reflog holds a commit.
	await built.git(['checkout', '-q', '-b', 'gemini/ff', 'main']);
	await built.git(['-c', 'user.name=Gemini', '-c', 'user.email=g@example.com', 'commit', '-q', '--allow-empty', '-m', 'gemini work']);
	await built.git(['checkout', '-q', 'main']);
	await built.git(['merge', '-q', '--ff-only', 'gemini/ff']);
	// Base moves on after claude/fresh was created: still new, only behind.
	await built.commit({branch: 'main', message: 'base moves', files: {'src/b.ts': 'moved\n'}, at: minutes(20)});
	return built;
}

describe('branch states', () => {
	it('a fresh branch is new; merge-commit and fast-forward merges are merged', async () => {
		repo = await repoWithStates();
		const {document} = await collect(repo.root);
		const byName = new Map(document.branches.map(branch => [branch.name, branch]));
		expect(byName.get('claude/fresh')).toMatchObject({state: 'new', merged: false, ahead: 0, behind: 4});
		expect(byName.get('claude/fresh')!.readiness).toEqual({verdict: 'warn', reasons: ['new — no commits yet']});
		expect(byName.get('codex/done')).toMatchObject({state: 'merged', merged: true});
		expect(byName.get('gemini/ff')).toMatchObject({state: 'merged', merged: true});
		// No commits yet: nothing to flag as commits without a claim.
		expect(document.agents.find(agent => agent.agent === 'claude')!.flags).toEqual([]);

		const text = renderStatusText(document, {color: false, all: false});
		expect(text).toMatch(/^claude\/fresh\s+claude\s+new\s/m);
		expect(text).toContain('new — no commits yet');
		expect(text).toContain('merged (hidden, --all lists them): codex 1, gemini 1');
	});

	it('the dashboard shows the new branch, not folded with the merged ones', async () => {
		repo = await repoWithStates();
		const {document} = await collect(repo.root);
		const app = await renderApp(makeLive(document), {columns: 140, now: () => minutes(600).getTime()});
		const frame = app.frame();
		expect(frame).toMatch(/claude\/fresh.*new.*warn/);
		expect(frame).not.toContain('codex/done');
		expect(frame).toContain('2 merged');
		app.unmount();
	});
});
