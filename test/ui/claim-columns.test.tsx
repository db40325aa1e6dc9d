/**
 * The dashboard reads a claim's place and an age's wording from their one owner:
 * a repository without claims gives the claim columns' width to branch names, and
 * `status` and the dashboard write the same ages.
 */
import {expect, test} from 'vitest';
import {renderStatusText} from '../../source/commands/status-text.js';
import {afternoonSnapshot, makeAgent, makeBranch, makeClaim, makeLive, makeSnapshot, minutesBefore} from './factory.js';
import {renderApp} from './render-app.js';

const longName = 'claude/refactor-the-valuation-engine-for-quarterly-reports';

test('without any claim the table drops the claim and check-in columns and shows whole branch names', async () => {
	const branches = [makeBranch(longName), makeBranch('codex/tracking-fix')];
	const snapshot = makeSnapshot({branches, agents: [makeAgent('claude', [longName], null), makeAgent('codex', ['codex/tracking-fix'], null)]});
	const app = await renderApp(makeLive(snapshot), {columns: 120});
	const frame = app.frame();
	expect(frame).toContain(longName);
	expect(frame).not.toMatch(/no claim|no check-in|check-in/);
	app.unmount();

	// With a claim somewhere, the columns are back and the long name is cut.
	const claimed = makeSnapshot({branches, agents: [makeAgent('claude', [longName], makeClaim('claude')), makeAgent('codex', ['codex/tracking-fix'], null)]});
	const withClaims = await renderApp(makeLive(claimed), {columns: 120});
	expect(withClaims.frame()).toContain('check-in');
	expect(withClaims.frame()).not.toContain(longName);
	withClaims.unmount();
});

test('status and the dashboard write the same ages', async () => {
	const snapshot = afternoonSnapshot();
	const claude = snapshot.agents.find(agent => agent.agent === 'claude')!;
	claude.claim = makeClaim('claude', {branch: 'claude/training-improvements', lastCheckin: minutesBefore(11 * 60 + 5), checkinAgeMinutes: 11 * 60 + 5, staleness: 'stale'});
	const gemini = snapshot.agents.find(agent => agent.agent === 'gemini')!;
	gemini.claim = makeClaim('gemini', {lastCheckin: minutesBefore(3 * 24 * 60), checkinAgeMinutes: 3 * 24 * 60, staleness: 'stale'});

	const text = renderStatusText(snapshot, {color: false, all: false});
	const app = await renderApp(makeLive(snapshot), {columns: 160});
	const frame = app.frame();
	for (const age of ['11 h', '3 days']) {
		expect(text).toContain(`stale (${age})`);
		expect(frame).toContain(`${age} stale`);
	}

	expect(`${text}\n${frame}`).not.toMatch(/11 h 5 min|3 d\b/);
	app.unmount();
});
