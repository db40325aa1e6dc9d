import {describe, expect, it} from 'vitest';
import {makeAgentResolver} from '../../source/core/agents.js';
import {editCurrentWork, type CurrentWorkEdit, type EditContext} from '../../source/core/claims/edit-current-work.js';
import {parseCoordinationFile} from '../../source/core/claims/index.js';
import {defaultStaleness} from '../../source/core/staleness.js';
import type {Claim} from '../../source/core/types.js';

const resolveAgent = makeAgentResolver();

/** The real reader of AI_CURRENT_WORK.md: what the writer writes must read back the same. */
function readClaims(text: string): Claim[] {
	return parseCoordinationFile('AI_CURRENT_WORK.md', text, {file: 'AI_CURRENT_WORK.md', ref: 'worktree', resolveAgent}).claims;
}

function contextAt(iso: string): EditContext {
	return {now: new Date(iso), staleness: defaultStaleness, resolveAgent, readClaims};
}

function apply(text: string | null, edit: CurrentWorkEdit, iso = '2026-01-05T10:00:00Z'): string {
	const result = editCurrentWork(text, edit, contextAt(iso));
	if (!result.ok) {
		throw new Error(`refused: ${result.reason}`);
	}

	return result.text;
}

const claimTracking: CurrentWorkEdit = {
	kind: 'claim',
	agent: 'codex',
	work: 'TrackingModule schema alignment',
	module: 'TrackingModule',
	branch: 'codex/tracking',
	files: ['backend/src/tracking.ts', 'backend/src/app.module.ts'],
};

// A coordination file as teams write them: BOM, CRLF, emoji, an extra section, a
// module list in several styles, no newline at the end.
const oddFile = [
	'\uFEFF# 🤖 AI Current Work',
	'',
	'> Rules: check in every 2 h.   ',
	'',
	'## 🤖 Claude Code Status',
	'**Currently Working On:** Auth refactor',
	'**Module:** AuthModule',
	'**Files Being Modified:**',
	'- backend/src/auth.ts',
	'- backend/src/auth.guard.ts (new)',
	'**Last Checkin:** 2026-01-05T09:30:00Z',
	'**Status:** 🔄 In Progress',
	'',
	'## Codex Status',
	'**Currently Working On:** None',
	'**Status:** Idle',
	'',
	'## Notes ✨',
	'Some   text with\ttabs and ünïcödé.',
	'',
	'## Available Modules for Work',
	'- ✅ TrackingModule - Available',
	'- 🔴 AuthModule - CLAIMED BY Claude Code',
	'- ⚠️ PaymentsModule (needs review)',
	'',
	'## Completed Work',
	'- ✅ Initial setup — Claude, completed 2026-01-01',
	'',
	'_end of file_',
].join('\r\n');

function linesOf(text: string): string[] {
	return text.split('\r\n');
}

/** Codex's section as a claim of TrackingModule leaves it. */
const codexClaimedSection = [
	'## Codex Status',
	'**Currently Working On:** TrackingModule schema alignment',
	'**Module:** TrackingModule',
	'**Branch:** codex/tracking',
	'**Started At:** 2026-01-05T10:00:00+00:00',
	'**Expected Completion:** TBD',
	'**Files Being Modified:**',
	'- backend/src/tracking.ts',
	'- backend/src/app.module.ts',
	'**Last Checkin:** 2026-01-05T10:00:00+00:00',
	'**Status:** 🔄 In Progress',
];


describe('editCurrentWork', () => {
	it('creates the file in the usual shape when it is absent', () => {
		const text = apply(null, claimTracking);
		expect(text).toBe(
			[
				'# AI Current Work',
				'',
				'## Codex Status',
				'',
				'**Currently Working On:** TrackingModule schema alignment',
				'**Module:** TrackingModule',
				'**Branch:** codex/tracking',
				'**Started At:** 2026-01-05T10:00:00+00:00',
				'**Expected Completion:** TBD',
				'**Files Being Modified:**',
				'- backend/src/tracking.ts',
				'- backend/src/app.module.ts',
				'**Last Checkin:** 2026-01-05T10:00:00+00:00',
				'**Status:** 🔄 In Progress',
				'',
				'## Available Modules for Work',
				'',
				'- 🔴 TrackingModule - CLAIMED BY Codex',
				'',
				'## Emergency Overrides',
				'',
				'## Completed Work',
				'',
			].join('\n'),
		);
	});

	it('gives back the same claim when the written text is read again', () => {
		const text = apply(oddFile, claimTracking);
		const claim = readClaims(text).find(candidate => candidate.agent === 'codex');
		expect(claim).toMatchObject({
			agent: 'codex',
			agentName: 'Codex',
			work: 'TrackingModule schema alignment',
			module: 'TrackingModule',
			branch: 'codex/tracking',
			files: ['backend/src/tracking.ts', 'backend/src/app.module.ts'],
			status: 'in-progress',
			startedAt: '2026-01-05T10:00:00.000Z',
			lastCheckin: '2026-01-05T10:00:00.000Z',
		});
	});

	it('keeps every byte outside the agent section and the module line', () => {
		const before = linesOf(oddFile);
		const after = linesOf(apply(oddFile, claimTracking));
		const codexAt = before.indexOf('## Codex Status');
		expect(after.slice(0, codexAt + 1)).toEqual(before.slice(0, codexAt + 1));
		const notesBefore = before.indexOf('## Notes ✨');
		const notesAfter = after.indexOf('## Notes ✨');
		const moduleLine = before.indexOf('- ✅ TrackingModule - Available');
		expect(after[notesAfter + moduleLine - notesBefore]).toBe('- 🔴 TrackingModule - CLAIMED BY Codex');
		const expectedTail = [...before.slice(notesBefore)];
		expectedTail[moduleLine - notesBefore] = '- 🔴 TrackingModule - CLAIMED BY Codex';
		expect(after.slice(notesAfter)).toEqual(expectedTail);
		// CRLF everywhere, no bare LF added, and still no newline at the end.
		const text = apply(oddFile, claimTracking);
		expect(/[^\r]\n/.test(text)).toBe(false);
		expect(text.endsWith('_end of file_')).toBe(true);
		expect(text.startsWith('\uFEFF# 🤖 AI Current Work\r\n')).toBe(true);
	});

	it('rewrites the fields of an existing section in place and adds the missing ones in order', () => {
		const after = linesOf(apply(oddFile, claimTracking));
		const start = after.indexOf('## Codex Status');
		expect(after.slice(start, after.indexOf('## Notes ✨'))).toEqual([...codexClaimedSection, '']);
	});

	it('keeps the form of labels written differently', () => {
		const text = ['## Codex Status', '- **Module**: Old', '- **Last Check-in**: 2026-01-01', 'Other notes stay.', ''].join('\n');
		const after = apply(text, {kind: 'checkin', agent: 'codex'});
		expect(after).toBe(['## Codex Status', '- **Module**: Old', '- **Last Check-in**: 2026-01-05T10:00:00+00:00', 'Other notes stay.', ''].join('\n'));
	});

	it('changes only the Last Checkin line on checkin', () => {
		const after = apply(oddFile, {kind: 'checkin', agent: 'Claude Code'}, '2026-01-05T11:15:00Z');
		expect(after).toBe(oddFile.replace('**Last Checkin:** 2026-01-05T09:30:00Z', '**Last Checkin:** 2026-01-05T11:15:00+00:00'));
	});

	it('refuses a module held by an agent with an active check-in, naming it and its age', () => {
		const result = editCurrentWork(oddFile, {...claimTracking, module: 'AuthModule', files: []}, contextAt('2026-01-05T10:00:00Z'));
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toMatch(/AuthModule is held by Claude Code \(checked in 30 min ago; AI_CURRENT_WORK\.md line \d+ in the working tree\).*--override --reason/);
	});

	it('refuses files held by an active claim', () => {
		const result = editCurrentWork(oddFile, {...claimTracking, files: ['./backend/src/auth.ts']}, contextAt('2026-01-05T10:00:00Z'));
		expect(!result.ok && result.reason).toMatch(/^\.\/backend\/src\/auth\.ts is held by Claude Code \(checked in 30 min ago; AI_CURRENT_WORK\.md line \d+ in the working tree\)/);
	});

	it('takes a held claim with --override and records the reason under Emergency Overrides', () => {
		const result = editCurrentWork(
			oddFile,
			{...claimTracking, module: 'AuthModule', override: {reason: 'Claude is offline, prod is down'}},
			contextAt('2026-01-05T10:00:00Z'),
		);
		expect(result.ok).toBe(true);
		const text = result.ok ? result.text : '';
		expect(text).toContain('- 🔴 AuthModule - CLAIMED BY Codex\r\n');
		expect(text.endsWith(
			'_end of file_\r\n\r\n## Emergency Overrides\r\n\r\n- 2026-01-05T10:00:00+00:00: Codex took AuthModule from Claude Code (checked in 30 min ago). Reason: Claude is offline, prod is down',
		)).toBe(true);
		// The holder's own section is not touched.
		expect(text).toContain('## 🤖 Claude Code Status\r\n**Currently Working On:** Auth refactor\r\n');
	});

	it('lets a stale holder be taken, saying whose claim it was', () => {
		const result = editCurrentWork(oddFile, {...claimTracking, module: 'AuthModule'}, contextAt('2026-01-05T14:30:00Z'));
		expect(result.ok).toBe(true);
		expect(result.ok && result.notices).toEqual([
			"taking Claude Code's stale claim on AuthModule (last check-in 5 h ago)",
		]);
		expect(result.ok && result.text).not.toContain('Emergency Overrides');
	});

	it('does not count finished claims as holders', () => {
		const text = apply(oddFile, {kind: 'done', agent: 'claude'});
		expect(editCurrentWork(text, {...claimTracking, module: 'AuthModule'}, contextAt('2026-01-05T10:00:00Z')).ok).toBe(true);
	});

	it('records done work in the completed log and clears the section', () => {
		const claimed = apply(oddFile, claimTracking);
		const done = apply(claimed, {kind: 'done', agent: 'codex'}, '2026-01-05T12:00:00Z');
		const lines = linesOf(done);
		expect(lines.slice(lines.indexOf('## Completed Work'))).toEqual([
			'## Completed Work',
			'- ✅ Initial setup — Claude, completed 2026-01-01',
			'- ✅ TrackingModule schema alignment (TrackingModule) — Codex, completed 2026-01-05T12:00:00+00:00 — files: backend/src/tracking.ts, backend/src/app.module.ts',
			'',
			'_end of file_',
		]);
		expect(lines).toContain('- ✅ TrackingModule');
		const codex = readClaims(done).find(claim => claim.agent === 'codex');
		expect(codex).toMatchObject({files: [], status: 'complete'});
		expect(codex?.work).toBeUndefined();
		expect(codex?.module).toBeUndefined();
	});

	it('clears the section on release without recording it as done', () => {
		const claimed = apply(oddFile, claimTracking);
		const released = apply(claimed, {kind: 'release', agent: 'codex'}, '2026-01-05T12:00:00Z');
		expect(released).not.toContain('TrackingModule schema alignment');
		expect(released).toContain('- ✅ TrackingModule\r\n');
		expect(released).toContain('**Status:** Released');
		expect(readClaims(released).find(claim => claim.agent === 'codex')?.status).toBe('released');
	});

	it('leaves another agent’s module line alone on release', () => {
		const released = apply(oddFile, {kind: 'release', agent: 'codex'});
		expect(released).toContain('- 🔴 AuthModule - CLAIMED BY Claude Code');
	});

	it('refuses checkin, release and done for an agent without a section', () => {
		for (const kind of ['checkin', 'release', 'done'] as const) {
			const result = editCurrentWork(oddFile, {kind, agent: 'gemini'}, contextAt('2026-01-05T10:00:00Z'));
			expect(!result.ok && result.reason).toMatch(/Gemini has no section/);
		}

		expect(editCurrentWork(null, {kind: 'checkin', agent: 'codex'}, contextAt('2026-01-05T10:00:00Z')).ok).toBe(false);
	});

	it('accepts a new agent, adding its section after the last agent section', () => {
		const text = apply(oddFile, {kind: 'claim', agent: 'aider', work: 'Docs', files: []});
		const lines = linesOf(text);
		const at = lines.indexOf('## Aider Status');
		expect(at).toBeGreaterThan(lines.indexOf('## Codex Status'));
		expect(lines[at - 1]).toBe('');
		expect(lines.slice(at + 2, at + 4)).toEqual(['**Currently Working On:** Docs', '**Module:** None']);
		expect(readClaims(text).find(claim => claim.agent === 'aider')?.work).toBe('Docs');
	});

	it('keeps command-line text on one line, so it cannot forge sections', () => {
		const text = apply(null, {...claimTracking, work: 'evil\n## Claude Status\n**Module:** X'});
		expect(text).toContain('**Currently Working On:** evil ## Claude Status **Module:** X\n');
		expect(readClaims(text).map(claim => claim.agent)).toEqual(['codex']);
	});

	it('moves the module mark when an agent claims another module', () => {
		const first = apply(oddFile, claimTracking, '2026-01-05T10:00:00Z');
		const second = apply(first, {...claimTracking, module: 'PaymentsModule', files: [], replace: true}, '2026-01-05T10:05:00Z');
		expect(second).toContain('- ✅ TrackingModule\r\n');
		expect(second).toContain('- 🔴 PaymentsModule (needs review) - CLAIMED BY Codex\r\n');
	});
});

// The modules section written as a table, as some teams do: another agent's row, an
// escaped pipe in a note, prose after the table.
const tableFile = [
	'# AI Current Work',
	'',
	'## Claude Code Status',
	'**Currently Working On:** Training loop',
	'**Module:** lib/training',
	'**Last Checkin:** 2026-01-05T09:30:00Z',
	'**Status:** 🔄 In Progress',
	'',
	'## Codex Status',
	'**Currently Working On:** None',
	'**Module:** None',
	'**Status:** Idle',
	'',
	'## Available Modules for Work',
	'',
	'| Module | Status | Claimed By | Notes |',
	'|--------|--------|------------|-------|',
	'| TrackingModule | ✅ Available | — | backend |',
	'| lib/training | 🔴 Claimed | Claude Code | since Tuesday |',
	'| PaymentsModule | ✅ Available | — | needs a \\| b review |',
	'',
	'Ask before taking a module.',
	'',
	'## Completed Work',
	'',
];

/** The lines of a text with their endings, so that a comparison sees every byte. */
function linesWithEndings(text: string): string[] {
	return text.split(/(?<=\n)/);
}

/** The text from the modules heading on. */
function modulesSection(text: string): string {
	return text.slice(text.indexOf('## Available Modules for Work'));
}

describe('editCurrentWork on a modules table', () => {
	it.each([
		['LF', '\n'],
		['CRLF', '\r\n'],
	])('claims a module by changing only the cells of its row (%s)', (_name, eol) => {
		const before = tableFile.join(eol);
		const after = apply(before, claimTracking);
		expect(after).toBe(
			[
				'# AI Current Work',
				'',
				'## Claude Code Status',
				'**Currently Working On:** Training loop',
				'**Module:** lib/training',
				'**Last Checkin:** 2026-01-05T09:30:00Z',
				'**Status:** 🔄 In Progress',
				'',
				...codexClaimedSection,
				'',
				'## Available Modules for Work',
				'',
				'| Module | Status | Claimed By | Notes |',
				'|--------|--------|------------|-------|',
				'| TrackingModule | 🔴 Claimed   | Codex | backend |',
				'| lib/training | 🔴 Claimed | Claude Code | since Tuesday |',
				'| PaymentsModule | ✅ Available | — | needs a \\| b review |',
				'',
				'Ask before taking a module.',
				'',
				'## Completed Work',
				'',
			].join(eol),
		);

		// Outside Codex's section, only the row's line differs, and it keeps its ending.
		const beforeLines = linesWithEndings(modulesSection(before));
		const afterLines = linesWithEndings(modulesSection(after));
		const row = beforeLines.findIndex(line => line.startsWith('| TrackingModule'));
		expect(afterLines).toHaveLength(beforeLines.length);
		for (const [index, line] of beforeLines.entries()) {
			if (index !== row) {
				expect(afterLines[index]).toBe(line);
			}
		}

		expect(afterLines[row]!.endsWith(eol)).toBe(true);
		expect(after.slice(0, after.indexOf('## Codex Status'))).toBe(before.slice(0, before.indexOf('## Codex Status')));
	});

	it('keeps an aligned table aligned, padding a shorter value to the old width of its cell', () => {
		const text = [
			'## Available Modules for Work',
			'',
			'| Module         | Status       | Claimed By  | Notes         |',
			'| -------------- | ------------ | ----------- | ------------- |',
			'| TrackingModule | ✅ Available | —           | backend       |',
			'| lib/training   | 🔴 Claimed   | Claude Code | since Tuesday |',
			'',
		].join('\n');
		const after = apply(text, claimTracking);
		expect(modulesSection(after)).toBe(
			[
				'## Available Modules for Work',
				'',
				'| Module         | Status       | Claimed By  | Notes         |',
				'| -------------- | ------------ | ----------- | ------------- |',
				'| TrackingModule | 🔴 Claimed   | Codex       | backend       |',
				'| lib/training   | 🔴 Claimed   | Claude Code | since Tuesday |',
				'',
			].join('\n'),
		);
		// Release gives back the table exactly as it was.
		expect(modulesSection(apply(after, {kind: 'release', agent: 'codex'}))).toBe(text);
	});

	it('writes CLAIMED BY into the status cell of a table without an agent column', () => {
		const text = [
			'## Available Modules for Work',
			'| Module | Status |',
			'|---|---|',
			'| TrackingModule | ✅ Available |',
			'| lib/training | 🔴 CLAIMED BY Claude Code |',
			'',
		].join('\r\n');
		const after = apply(text, claimTracking);
		expect(modulesSection(after)).toBe(
			[
				'## Available Modules for Work',
				'| Module | Status |',
				'|---|---|',
				'| TrackingModule | 🔴 CLAIMED BY Codex |',
				'| lib/training | 🔴 CLAIMED BY Claude Code |',
				'',
			].join('\r\n'),
		);
		// Read back from the status cells alone: both holders, each on its module.
		const claims = readClaims(modulesSection(after));
		expect(claims.find(claim => claim.agent === 'codex')).toMatchObject({module: 'TrackingModule', status: 'in-progress'});
		expect(claims.find(claim => claim.agent === 'claude')).toMatchObject({module: 'lib/training', status: 'in-progress'});
	});

	it('appends a row shaped like the last one for a module the table does not list', () => {
		const text = [
			'## Available Modules for Work',
			'',
			'| Module | Status | Claimed By | Notes |',
			'|--------|--------|------------|-------|',
			'| lib/training | 🔴 Claimed | Claude Code | since Tuesday |',
		].join('\n');
		const after = apply(text, claimTracking);
		expect(modulesSection(after)).toBe(
			[
				'## Available Modules for Work',
				'',
				'| Module | Status | Claimed By | Notes |',
				'|--------|--------|------------|-------|',
				'| lib/training | 🔴 Claimed | Claude Code | since Tuesday |',
				// Each cell as wide as the row above's, and still no newline at the end of the file.
				'| TrackingModule | 🔴 Claimed | Codex       |               |',
			].join('\n'),
		);
	});

	it('appends the first row of an empty Module | Status table after its separator', () => {
		const text = ['## Available Modules for Work', '', '| Module | Status |', '|---|---|', '', '## Completed Work', ''].join('\n');
		const after = apply(text, claimTracking);
		expect(modulesSection(after)).toBe(
			['## Available Modules for Work', '', '| Module | Status |', '|---|---|', '| TrackingModule | 🔴 CLAIMED BY Codex |', '', '## Completed Work', ''].join('\n'),
		);
	});

	it('reads an escaped pipe as part of its cell, so the right column changes', () => {
		const text = ['## Available Modules for Work', '| Module | Notes | Claimed By |', '|---|---|---|', '| TrackingModule | a \\| b | — |', ''].join('\n');
		expect(modulesSection(apply(text, claimTracking))).toBe(
			['## Available Modules for Work', '| Module | Notes | Claimed By |', '|---|---|---|', '| TrackingModule | a \\| b | Codex |', ''].join('\n'),
		);
	});

	it('adds the cells a short row lacks rather than writing into the wrong column', () => {
		const text = ['## Available Modules for Work', '| Module | Status | Claimed By |', '|---|---|---|', '| TrackingModule | ✅ Available |', ''].join('\n');
		expect(modulesSection(apply(text, claimTracking))).toBe(
			['## Available Modules for Work', '| Module | Status | Claimed By |', '|---|---|---|', '| TrackingModule | 🔴 Claimed   | Codex |', ''].join('\n'),
		);
	});

	it('marks both the table row and the list line when the section has both', () => {
		const text = [
			'## Available Modules for Work',
			'| Module | Claimed By |',
			'|---|---|',
			'| TrackingModule | — |',
			'',
			'- ✅ TrackingModule',
			'',
		].join('\n');
		expect(modulesSection(apply(text, claimTracking))).toBe(
			['## Available Modules for Work', '| Module | Claimed By |', '|---|---|', '| TrackingModule | Codex |', '', '- 🔴 TrackingModule - CLAIMED BY Codex', ''].join('\n'),
		);
	});

	it('frees the row on release and on done by its holder', () => {
		const claimed = apply(tableFile.join('\r\n'), claimTracking);
		for (const kind of ['release', 'done'] as const) {
			const freed = linesWithEndings(modulesSection(apply(claimed, {kind, agent: 'codex'}, '2026-01-05T12:00:00Z')));
			const claimedLines = linesWithEndings(modulesSection(claimed));
			const row = claimedLines.indexOf('| TrackingModule | 🔴 Claimed   | Codex | backend |\r\n');
			// "—" keeps the width "Codex" had, as in an aligned table.
			expect(freed[row]).toBe('| TrackingModule | ✅ Available | —     | backend |\r\n');
			expect(freed.slice(0, row)).toEqual(claimedLines.slice(0, row));
			expect(freed.slice(row + 1, row + 6)).toEqual(claimedLines.slice(row + 1, row + 6));
		}

		const statusTable = ['## Codex Status', '**Module:** TrackingModule', '', '## Available Modules for Work', '| Module | Status |', '|---|---|', '| TrackingModule | 🔴 CLAIMED BY Codex |', ''].join('\n');
		expect(modulesSection(apply(statusTable, {kind: 'release', agent: 'codex'}))).toBe(
			['## Available Modules for Work', '| Module | Status |', '|---|---|', '| TrackingModule | ✅ Available        |', ''].join('\n'),
		);
	});

	it('leaves a row held by another agent alone on release', () => {
		// Codex's section names a module Claude Code holds in the table.
		const text = tableFile.join('\n').replace('**Module:** None', '**Module:** lib/training');
		expect(modulesSection(apply(text, {kind: 'release', agent: 'codex'}))).toBe(modulesSection(text));
		const statusTable = ['## Codex Status', '**Module:** lib/training', '', '## Available Modules for Work', '| Module | Status |', '|---|---|', '| lib/training | 🔴 CLAIMED BY Claude Code |', ''].join('\n');
		expect(modulesSection(apply(statusTable, {kind: 'release', agent: 'codex'}))).toBe(modulesSection(statusTable));
	});

	it('reads the claim back from the table it wrote', () => {
		const after = apply(tableFile.join('\r\n'), claimTracking);
		expect(readClaims(after).find(claim => claim.agent === 'codex')).toMatchObject({module: 'TrackingModule', notes: []});
		// The table row alone, without Codex's section, reads as Codex's claim on the module.
		const section = modulesSection(after);
		const rowLine = section.split('\r\n').indexOf('| TrackingModule | 🔴 Claimed   | Codex | backend |') + 1;
		const fromTable = readClaims(section).find(claim => claim.agent === 'codex');
		expect(rowLine).toBeGreaterThan(0);
		expect(fromTable).toMatchObject({agentName: 'Codex', module: 'TrackingModule', status: 'in-progress', source: {line: rowLine}});
	});
});

// The coordination rules: "never delete information — mark as complete".
describe('editCurrentWork: a new claim over the agent’s own unfinished one', () => {
	const routes: CurrentWorkEdit = {kind: 'claim', agent: 'claude', work: 'Payments webhooks', module: 'PaymentsModule', files: ['backend/src/payments.ts']};

	it('refuses while the old claim is active, naming it and the way through, and changes nothing', () => {
		const result = editCurrentWork(oddFile, routes, contextAt('2026-01-05T10:00:00Z'));
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toBe(
			'Claude Code is still working on AuthModule (checked in 30 min ago); finish it with switchyard done, give it up with switchyard release, or pass --replace to record it as superseded and claim the new work',
		);
	});

	it('with --replace records the old work, its dates and files under Completed Work before claiming', () => {
		const result = editCurrentWork(oddFile, {...routes, replace: true}, contextAt('2026-01-05T10:00:00Z'));
		expect(result.ok).toBe(true);
		const text = result.ok ? result.text : '';
		const lines = linesOf(text);
		const completed = lines.indexOf('## Completed Work');
		expect(lines.slice(completed + 1, completed + 3)).toEqual([
			'- ✅ Initial setup — Claude, completed 2026-01-01',
			`- ⏭️ Auth refactor (AuthModule) — Claude Code, superseded ${lines.find(line => line.startsWith('**Started At:**'))!.slice('**Started At:** '.length)} (not finished; started unknown, last check-in 2026-01-05T09:30:00Z) — files: backend/src/auth.ts, backend/src/auth.guard.ts (new)`,
		]);
		expect(readClaims(text).find(claim => claim.agent === 'claude')).toMatchObject({work: 'Payments webhooks', module: 'PaymentsModule'});
		expect(result.ok && result.notices).toContain('Claude Code\'s previous claim on AuthModule is recorded as superseded under Completed Work');
	});

	it('records an idle old claim without --replace', () => {
		const result = editCurrentWork(oddFile, routes, contextAt('2026-01-05T12:00:00Z'));
		expect(result.ok && result.text).toContain('- ⏭️ Auth refactor (AuthModule) — Claude Code, superseded ');
	});

	it('records nothing when the agent has no unfinished work', () => {
		const result = editCurrentWork(oddFile, claimTracking, contextAt('2026-01-05T10:00:00Z'));
		expect(result.ok && result.text).not.toContain('superseded');
	});
});
