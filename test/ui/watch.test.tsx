import {afterEach, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {afternoonSnapshot, fakeSha, makeLive} from './factory.js';
import {keyCodes, renderApp} from './render-app.js';

afterEach(() => {
	cleanup();
});

test('watch logs what changed between snapshots', async () => {
	const app = await renderApp(makeLive(afternoonSnapshot()), {mode: 'watch', columns: 70, rows: 24});
	expect(app.frame()).toContain('nothing yet');
	const next = afternoonSnapshot();
	const codex = next.branches.find(branch => branch.name === 'codex/tracking-fix')!;
	codex.sha = fakeSha('codex-next');
	codex.commits.unshift({sha: fakeSha('codex-next'), subject: 'Batch tracking events', at: next.generatedAt});
	next.agents.find(agent => agent.agent === 'claude')!.claim!.staleness = 'stale';
	await app.update(makeLive(next));
	expect(app.frame()).toContain('10:00 codex/tracking-fix: 1 new commit, "Batch tracking events"');
	expect(app.frame()).toContain("10:00 claude's check-in went stale");
});

test('watch keeps the dashboard keys: details and back', async () => {
	const app = await renderApp(makeLive(afternoonSnapshot()), {mode: 'watch', columns: 60, rows: 30});
	await app.press('j', keyCodes.enter);
	expect(app.frame()).toContain('codex/tracking-fix · agent codex');
	await app.press(keyCodes.escape);
	expect(app.frame()).toContain('events');
});

test('a pending verdict reads whole in watch: a spinner and the word', async () => {
	const pending = afternoonSnapshot();
	for (const branch of pending.branches.filter(branch => !branch.merged)) {
		branch.mergesCleanly = null;
		branch.readiness = {verdict: 'pending', reasons: ['waiting for conflict prediction']};
	}

	const app = await renderApp(makeLive(pending, {conflictsPending: true}), {mode: 'watch', columns: 60, rows: 30});
	expect(app.frame()).toMatch(/codex\/tracking-fix.*[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] pending\s*$/m);
	app.unmount();
});
