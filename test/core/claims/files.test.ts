import {describe, expect, test} from 'vitest';
import {coordinationFileKind, decodeCoordinationBytes, matchesCoordinationPath, maxListLength, maxValueLength, parseCoordinationFile} from '../../../source/core/claims/index.js';
import {contextFor, fixtureBytes} from './helpers.js';
import {cpuMs} from '../../cpu-time.js';

const location = {file: 'AI_CURRENT_WORK.md', ref: 'main'};

describe('coordinationFileKind', () => {
	test.each([
		['AI_CURRENT_WORK.md', 'current-work'],
		['sub/AI_CURRENT_WORK.md', 'current-work'],
		['AI_SYNC_STATUS.json', 'sync-status'],
		['.github/ai-coordination/TRACKING_COORDINATION.md', 'ai-coordination'],
		['AGENT-COORDINATION-STATUS.md', 'coordination-status'],
		['docs/team/COORDINATION-STATUS.md', 'coordination-status'],
		['AI_HANDOFF.md', 'handoff'],
		['.\\docs\\AI_HANDOFF.md', 'handoff'],
		['AGENT_STATUS.md', null],
		['README.md', null],
	])('%s is %s', (path, kind) => {
		expect(coordinationFileKind(path)).toBe(kind);
	});
});

describe('matchesCoordinationPath', () => {
	const globs = ['AGENT_STATUS.md', '.claude/board/*.md', 'collaboration/state/*.json', 'logs/**/events.jsonl', 'notes-?.md'];
	test.each([
		['AI_CURRENT_WORK.md', true],
		['./AI_CURRENT_WORK.md', true],
		['docs/AI_CURRENT_WORK.md', false],
		['AI_SYNC_STATUS.json', true],
		['AI_HANDOFF.md', true],
		['.github/ai-coordination/AUTH_COORDINATION.md', true],
		['ai-coordination/AUTH_COORDINATION.md', false],
		['docs/deep/AGENT-COORDINATION-STATUS.md', true],
		['AGENT_STATUS.md', true],
		// A glob without a slash matches the name in any folder, as config paths do elsewhere.
		['docs/AGENT_STATUS.md', true],
		['.claude/board/main.md', true],
		['.claude/board/old/main.md', false],
		['collaboration/state/agents.json', true],
		['collaboration/state/agents.jsonl', false],
		['logs/events.jsonl', true],
		['logs/2026/03/events.jsonl', true],
		['notes-a.md', true],
		['notes-ab.md', false],
		['README.md', false],
	])('%s: %s', (path, expected) => {
		expect(matchesCoordinationPath(path, globs)).toBe(expected);
	});

	test('without extra globs only the standard names match', () => {
		expect(matchesCoordinationPath('AGENT_STATUS.md', [])).toBe(false);
		expect(matchesCoordinationPath('AI_CURRENT_WORK.md', [])).toBe(true);
	});
});

describe('decodeCoordinationBytes', () => {
	const encode = (text: string) => new TextEncoder().encode(text);

	test('drops a BOM and normalises CRLF and lone CR', () => {
		expect(decodeCoordinationBytes(fixtureBytes('variants/AI_CURRENT_WORK.md'), location).text).toMatch(/^# AI現在の作業\n\n### Gemini Status\n/);
		expect(decodeCoordinationBytes(encode('a\r\nb\rc\n'), location)).toEqual({text: 'a\nb\nc\n', warnings: []});
	});

	test('invalid UTF-8 becomes replacement characters and a warning with the line', () => {
		const bytes = new Uint8Array([...encode('ok\nbad '), 0xff, 0xfe, ...encode(' here\n')]);
		expect(decodeCoordinationBytes(bytes, location)).toEqual({
			text: 'ok\nbad \uFFFD\uFFFD here\n',
			warnings: [{...location, line: 2, message: 'invalid UTF-8: undecodable bytes shown as \uFFFD'}],
		});
	});

	test('NUL bytes mean binary: skipped with one warning', () => {
		expect(decodeCoordinationBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), location)).toEqual({
			text: null,
			warnings: [{...location, line: 0, message: 'binary file skipped'}],
		});
	});

	test('UTF-16 with a byte order mark is text, not binary', () => {
		const text = '## Codex Status\r\n- Status: done\r\n';
		const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
		expect(decodeCoordinationBytes(bytes, location)).toEqual({text: '## Codex Status\n- Status: done\n', warnings: []});
	});

	test('above 2 MB the file is skipped', () => {
		const bytes = new Uint8Array(2 * 1024 * 1024 + 1).fill(0x61);
		expect(decodeCoordinationBytes(bytes, location)).toEqual({text: null, warnings: [{...location, line: 0, message: 'file is 2.0 MB, above the 2 MB limit; skipped'}]});
	});
});

describe('large files', () => {
	const sections = (count: number) =>
		Array.from({length: count}, (_, index) => `## Agent-${index} Status\n- **Currently Working On**: task ${index}\n- **Files Being Modified**: src/file-${index}.ts (remark)\n- **Last Checkin**: 2026-01-05T10:00Z\n- **Status**: active\n`).join('\n');

	test.each([
		['AI_CURRENT_WORK.md'],
		['AGENT_STATUS.md'],
		['AI_HANDOFF.md'],
		['TEAM-COORDINATION-STATUS.md'],
		['.github/ai-coordination/BIG_COORDINATION.md'],
	])('a 500 KB %s parses in well under a second', file => {
		let text = sections(4000);
		text = text.slice(0, 500 * 1024);
		const {result, ms} = cpuMs(() => parseCoordinationFile(file, text, contextFor(file)));
		expect(ms).toBeLessThan(1000);
		expect(result.claims.length + result.warnings.length).toBeGreaterThan(0);
	});

	test('the large current-work file yields every section', () => {
		const result = parseCoordinationFile('AI_CURRENT_WORK.md', sections(3000), contextFor('AI_CURRENT_WORK.md'));
		expect(result.claims).toHaveLength(3000);
		expect(result.claims[2999]).toMatchObject({agent: 'agent-2999', work: 'task 2999', files: ['src/file-2999.ts'], status: 'in-progress'});
	});

	test('a 500 KB JSON registry and a 500 KB single line', () => {
		const registry = JSON.stringify({agents: Array.from({length: 5000}, (_, index) => ({name: `bot-${index}`, working_on: `t${index}`, last_seen: '2026-01-05T10:00:00Z'}))});
		const json = cpuMs(() => parseCoordinationFile('agents.json', registry, contextFor('agents.json')));
		expect(json.result.claims).toHaveLength(5000);
		expect(json.ms).toBeLessThan(1000);
		const lines = cpuMs(() => {
			parseCoordinationFile('AI_CURRENT_WORK.md', `## X Status\n- **Status**: ${'(a'.repeat(250_000)}`, contextFor('AI_CURRENT_WORK.md'));
			parseCoordinationFile('board.md', `- [${'2026-01-01 '.repeat(50_000)}`, contextFor('board.md'));
		});
		expect(lines.ms).toBeLessThan(1000);
	});
});

test('files with very many records or list items read without overflowing the stack', () => {
	const records = `## Claims\n${Array.from({length: 100_000}, (_, index) => `agent: a${index % 7}\ntask: t${index}`).join('\n')}`;
	const generic = parseCoordinationFile('STATE.md', records, contextFor('STATE.md'));
	expect(generic.warnings).toEqual([]);
	expect(generic.claims.map(claim => claim.agent).sort()).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6']);

	const items = `#### Claude - Backend\n**IN PROGRESS:**\n${'- [ ] item\n'.repeat(100_000)}`;
	const status = parseCoordinationFile('X-COORDINATION-STATUS.md', items, contextFor('X-COORDINATION-STATUS.md'));
	expect(status.warnings).toEqual([]);
	expect(status.claims).toMatchObject([{agent: 'claude', work: 'item', status: 'in-progress'}]);
});

test('parseCoordinationFile normalises the text it is given (BOM, CRLF)', () => {
	const text = '\uFEFF## Codex Status\r\n- Status: done\r\n';
	expect(parseCoordinationFile('AI_CURRENT_WORK.md', text, contextFor('AI_CURRENT_WORK.md')).claims).toMatchObject([{agent: 'codex', status: 'complete', source: {line: 1}}]);
});

describe('oversized claims', () => {
	test('a pasted log as the work and thousands of files are cut, with one warning naming the claim', () => {
		const files = Array.from({length: 3000}, (_, index) => `- src/file-${index}.ts`).join('\n');
		const text = `## Codex Status\n**Currently Working On:** ${'stack trace line\\n'.repeat(20_000)}\n**Files Being Modified:**\n${files}\n**Last Checkin:** 2026-01-05T10:00Z\n`;
		const result = parseCoordinationFile('AI_CURRENT_WORK.md', text, contextFor('AI_CURRENT_WORK.md'));
		const claim = result.claims.find(each => each.agent === 'codex')!;
		expect(claim.work).toHaveLength(maxValueLength + 1);
		expect(claim.work!.endsWith('…')).toBe(true);
		expect(claim.files).toHaveLength(maxListLength);
		expect(claim.files.at(-1)).toBe(`src/file-${maxListLength - 1}.ts`);
		expect(claim.lastCheckin).toBe('2026-01-05T10:00:00.000Z');
		expect(result.warnings.filter(warning => warning.message.startsWith('claim of Codex is cut'))).toEqual([
			{file: 'AI_CURRENT_WORK.md', ref: 'worktree', line: 1, message: 'claim of Codex is cut to 1000 characters a value and 500 entries a list'},
		]);
	});
});
