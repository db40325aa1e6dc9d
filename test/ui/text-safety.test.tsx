import {afterEach, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {afternoonSnapshot, makeLive} from './factory.js';
import {keyCodes, renderApp} from './render-app.js';

afterEach(() => {
	cleanup();
});

const titleSequence = '\u001B]0;pwned\u0007';
const clearScreen = '\u001B[2J';

function hostileSnapshot() {
	const snapshot = afternoonSnapshot();
	const claude = snapshot.branches[0]!;
	claude.commits.unshift({sha: 'e'.repeat(40), subject: `Fix ${titleSequence}loader${clearScreen}`, at: snapshot.generatedAt});
	claude.files.push(`docs/${clearScreen}evil\u202Etxt.md`);
	snapshot.agents[0]!.claim!.work = `Train ${titleSequence}model`;
	snapshot.branches[1]!.name = `codex/${clearScreen}fix`;
	return snapshot;
}

// NO_COLOR is set for tests, so a clean frame holds no escape character at all.
const assertInert = (frame: string): void => {
	expect(frame).not.toContain('\u001B');
	expect(frame).not.toContain('\u0007');
	expect(frame).not.toContain('\u202E');
};

test('escape sequences in names and claims render inert in the table', async () => {
	const app = await renderApp(makeLive(hostileSnapshot()), {columns: 160});
	assertInert(app.frame());
	expect(app.frame()).toContain('Train ␛]0;pwned␇model');
	expect(app.frame()).toContain('codex/␛[2Jfix');
});

test('escape sequences in a commit subject and file name render inert in the details', async () => {
	const app = await renderApp(makeLive(hostileSnapshot()), {columns: 120, rows: 60});
	await app.press(keyCodes.enter);
	assertInert(app.frame());
	expect(app.frame()).toContain('Fix ␛]0;pwned␇loader␛[2J');
	expect(app.frame()).toContain('docs/␛[2Jevil<U+202E>txt.md');
});

test('in cards and in watch too', async () => {
	const cards = await renderApp(makeLive(hostileSnapshot()), {columns: 80});
	assertInert(cards.frame());
	const watch = await renderApp(makeLive(hostileSnapshot()), {columns: 60, mode: 'watch'});
	assertInert(watch.frame());
});

// Ink measures every character of a text it truncates: before repository text was
// cut to a line's length, this claim froze one frame for about 50 s. The bound is on
// CPU time, which a loaded machine does not inflate; the test timeout only stops a hang.
test('a claim of 60,000 emoji and letters draws at once, cut to a line', {timeout: 120_000}, async () => {
	const before = process.cpuUsage();
	const snapshot = afternoonSnapshot();
	const huge = '🤖é漢'.repeat(20_000);
	snapshot.agents[0]!.claim!.work = huge;
	snapshot.agents[0]!.claim!.files = Array.from({length: 2000}, (_, index) => `src/🤖${index}.ts`);
	const app = await renderApp(makeLive(snapshot), {columns: 160, rows: 60});
	expect(app.frame()).toContain('🤖é漢🤖é漢');
	await app.press(keyCodes.enter);
	expect(app.frame()).toContain('work: 🤖é漢');
	expect(app.frame()).toContain('files: src/🤖0.ts, src/🤖1.ts');
	const used = process.cpuUsage(before);
	expect((used.user + used.system) / 1000).toBeLessThan(5000);
});
