import {describe, expect, it} from 'vitest';
import {ConfigError, validateConfig} from '../../source/core/config.js';
import {matchesGlob} from '../../source/core/glob.js';

describe('.switchyard.json validation', () => {
	it('fills defaults and keeps what is given', () => {
		const config = validateConfig({base: 'trunk', agents: {Claude: {paths: ['lib/training/**'], aliases: ['Claude-1']}}, staleness: {activeHours: 1}});
		expect(config).toMatchObject({base: 'trunk', remote: 'origin', staleness: {activeHours: 1, staleHours: 4}, agents: {claude: {paths: ['lib/training/**'], aliases: ['Claude-1']}}});
	});

	it.each([
		[{bsae: 'main'}, 'bsae'],
		[{remote: ''}, 'remote'],
		[{fetchIntervalSeconds: -1}, 'fetchIntervalSeconds'],
		[{agents: {claude: {path: ['x']}}}, 'agents.claude.path'],
		[{agents: {claude: {paths: 'lib/**'}}}, 'agents.claude.paths'],
		[{staleness: {activeHours: 5, staleHours: 4}}, 'staleness.staleHours'],
		[{coordinationFiles: [1]}, 'coordinationFiles'],
		[{coordinationFiles: ['AGENT_STATUS.md', '../notes/board.md']}, 'coordinationFiles[1]'],
		[{coordinationFiles: ['/etc/agents.md']}, 'coordinationFiles[0]'],
		[{coordinationFiles: ['docs\\..\\..\\x.md']}, 'coordinationFiles[0]'],
		[{sharedPaths: ['C:/shared/**']}, 'sharedPaths[0]'],
		[{agents: {claude: {paths: ['lib/**', '']}}}, 'agents.claude.paths[1]'],
		[[], '(top level)'],
		[{verify: 'npm test'}, 'verify'],
		[{verify: ['npm test', ' ']}, 'verify[1]'],
		[{checklist: {title: 'x'}}, 'checklist'],
		[{checklist: [{title: 'docs'}, {command: 'npm run lint'}]}, 'checklist[1].title'],
		[{checklist: [{title: 'lint', command: 7}]}, 'checklist[0].command'],
		[{checklist: [{title: 'lint', cmd: 'npm run lint'}]}, 'checklist[0].cmd'],
		[{checklist: [3]}, 'checklist[0]'],
		[{claimsFile: ''}, 'claimsFile'],
		[{claimsFile: ['AI_CURRENT_WORK.md']}, 'claimsFile'],
		[{claimsFile: '../AI_CURRENT_WORK.md'}, 'claimsFile'],
		[{claimsFile: 'docs/*_COORDINATION.md'}, 'claimsFile'],
		[{claimsFile: 'AI_HANDOFF.md'}, 'claimsFile'],
		[{behind: 50}, 'behind'],
		[{behind: {commit: 50}}, 'behind.commit'],
		[{behind: {commits: -1}}, 'behind.commits'],
		[{behind: {days: 'two weeks'}}, 'behind.days'],
	])('%j is refused naming %s', (raw, key) => {
		expect(() => validateConfig(raw)).toThrow(ConfigError);
		expect(() => validateConfig(raw)).toThrow(`"${key}"`);
	});

	it('takes the behind limits, either or both, defaulting to 50 commits and 14 days', () => {
		expect(validateConfig({}).behind).toEqual({commits: 50, days: 14});
		expect(validateConfig({behind: {commits: 10}}).behind).toEqual({commits: 10, days: 14});
		expect(validateConfig({behind: {commits: 0, days: 3}}).behind).toEqual({commits: 0, days: 3});
	});

	it('takes verify commands and checklist items with or without a command', () => {
		const config = validateConfig({verify: ['npm run build', 'npm test'], checklist: ['docs updated', {title: 'lint', command: 'npm run lint'}]});
		expect(config.verify).toEqual([{kind: 'build', command: 'npm run build'}, {kind: 'test', command: 'npm test'}]);
		expect(config.checklist).toEqual([{title: 'docs updated'}, {title: 'lint', command: 'npm run lint'}]);
	});

	it('takes paths inside the repository, dots in names included', () => {
		const paths = ['./AGENT_STATUS.md', '.claude/board/*.md', 'docs/v1..v2/notes.md', '**/STATUS.md'];
		expect(validateConfig({coordinationFiles: paths}).coordinationFiles).toEqual(paths);
	});
});

describe('claimsFile', () => {
	it('names the file claims are written to, which is then read as well', () => {
		const config = validateConfig({claimsFile: './docs/AI_CURRENT_WORK.md', coordinationFiles: ['BOARD.md']});
		expect(config.claimsFile).toBe('docs/AI_CURRENT_WORK.md');
		expect(config.coordinationFiles).toEqual(['BOARD.md', 'docs/AI_CURRENT_WORK.md']);
	});

	it('refuses a shape switchyard cannot write in one line that says what to do', () => {
		expect(() => validateConfig({claimsFile: 'notes/board.md'})).toThrow(
			'.switchyard.json: "claimsFile" "notes/board.md" has no shape switchyard can write claims in: name a file AI_CURRENT_WORK.md (in any folder) or *_COORDINATION.md',
		);
	});
});

describe('globs', () => {
	it.each([
		['lib/training/a.py', 'lib/training/**', true],
		['lib/training/deep/a.py', 'lib/training/**', true],
		['lib/trainingx/a.py', 'lib/training/**', false],
		['docs/AGENT_STATUS.md', 'AGENT_STATUS.md', true],
		['.claude/board/today.md', '.claude/board/*.md', true],
		['.claude/board/old/today.md', '.claude/board/*.md', false],
		['a/b/c.json', '**/c.json', true],
		['x.ts', 'x.t?', true],
		['lib/a+b.ts', 'lib/a+b.ts', true],
	])('%s against %s: %s', (file, pattern, expected) => {
		expect(matchesGlob(file, pattern)).toBe(expected);
	});
});

describe('verify and checklist in .switchyard.json', () => {
	it('takes verify as named commands or as a list judged by its words', () => {
		expect(validateConfig({verify: {build: 'npm run build', test: 'npm test'}}).verify).toEqual([{kind: 'build', command: 'npm run build'}, {kind: 'test', command: 'npm test'}]);
		expect(validateConfig({verify: ['npx tsc --noEmit', 'make', 'make test', 'npm run build', './check.sh']}).verify.map(entry => entry.kind)).toEqual(['typecheck', 'build', 'test', 'build', 'test']);
	});

	it('takes checklist items as titles or {title, command}', () => {
		expect(validateConfig({checklist: ['API documented', {title: 'migrations reversible', command: 'npm run migrate:check'}]}).checklist).toEqual([
			{title: 'API documented'},
			{title: 'migrations reversible', command: 'npm run migrate:check'},
		]);
	});

	it.each([
		[{verify: 'npm test'}, 'verify'],
		[{verify: {lint: 'npm run lint'}}, 'verify.lint'],
		[{verify: {test: ''}}, 'verify.test'],
		[{verify: ['npm test', 3]}, 'verify[1]'],
		[{checklist: 'docs'}, 'checklist'],
		[{checklist: [{title: 'x', cmd: 'y'}]}, 'checklist[0].cmd'],
		[{checklist: [{command: 'y'}]}, 'checklist[0].title'],
		[{checklist: [{title: 'x', command: 1}]}, 'checklist[0].command'],
	])('%j is refused naming %s', (raw, key) => {
		expect(() => validateConfig(raw)).toThrow(`"${key}"`);
	});
});
