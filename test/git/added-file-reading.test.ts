/**
 * An added file's lines are read from its blob a chunk at a time (one text per chunk
 * scanned, its bytes hashed in place); a modified file's from its patch, line by line. The
 * two readers are separate code: given the same added lines they must find the same
 * issues, at the same lines, hash the same duplication blocks and count the same scope.
 * The content is made to cross cat-file's 64 KB chunks in every way: lines cut by a
 * chunk, a line longer than a chunk, CRLF endings, a character that lowercases to two,
 * a last line without a newline, and more lines than a file's limit.
 */
import fc from 'fast-check';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RepoBuilder} from '../../fixtures/repo-builder.js';
import {BlockCollector} from '../../source/core/duplication.js';
import {addedLineLimits, scanAddedLines, scanAddedText} from '../../source/core/hygiene.js';
import {GitRunner} from '../../source/git/git-runner.js';
import {readBranchDiffs, type BranchDiff} from '../../source/git/read-diffs.js';
import {minutes, repoWithBase} from './test-repos.js';

function content(): string {
	const lines: string[] = [];
	for (let index = 0; lines.length < addedLineLimits.perFile + 500; index++) {
		const at = lines.length + 1;
		if (at % 97 === 0) {
			lines.push(`  console.log('step ${index}', value);`);
		} else if (at % 389 === 0) {
			lines.push('<<<<<<< HEAD');
		} else if (at % 389 === 1 && at > 1) {
			lines.push('=======');
		} else if (at % 389 === 2 && at > 2) {
			lines.push('>>>>>>> codex/other');
		} else if (at % 401 === 0) {
			lines.push('const divider = "=======";');
		} else if (at % 211 === 0) {
			lines.push(`// TODO: handle the ${index}th case\r`);
		} else if (at === 700) {
			lines.push(`const apiKey = "${'k'.repeat(24)}";`);
		} else if (at === 900) {
			lines.push(`const İstanbul = "TODO ${'İ'.repeat(30)}";`);
		} else if (at === 1000) {
			// Longer than a chunk and than a line is read: cut, as a patch line is.
			lines.push(`console.log("${'x'.repeat(150_000)}");`);
		} else if (at % 13 === 0) {
			lines.push('');
		} else {
			lines.push(`\texport const value${index} = compute(${index}, "${'abcdef'.repeat(index % 17)}");`);
		}
	}

	// No newline after the last line.
	return lines.join('\n');
}

let repo: RepoBuilder;
let fromBlob: BranchDiff;
let fromPatch: BranchDiff;

beforeAll(async () => {
	repo = await repoWithBase();
	await repo.commit({branch: 'main', message: 'an empty file to fill', files: {'src/filled.ts': ''}, at: minutes(1)});
	const mergeBase = await repo.revParse('main');
	const text = content();
	const added = await repo.commit({branch: 'codex/added', from: 'main', message: 'add the file', files: {'src/added.ts': text}, at: minutes(2)});
	const modified = await repo.commit({branch: 'claude/modified', from: 'main', message: 'fill the file', files: {'src/filled.ts': text}, at: minutes(3)});
	const diffs = await readBranchDiffs(new GitRunner(repo.root), [{tip: added, mergeBase}, {tip: modified, mergeBase}]);
	fromBlob = diffs.get(added)!;
	fromPatch = diffs.get(modified)!;
}, 60_000);

afterAll(async () => {
	await repo?.cleanup();
});

describe('an added file read from its blob and the same lines read from a patch', () => {
	it('find the same issues at the same lines', () => {
		const issues = fromPatch.lineIssues.map(issue => ({...issue, detail: issue.detail.replace('src/filled.ts', 'src/added.ts')}));
		expect(fromBlob.lineIssues).toEqual(issues);
		const kinds = new Set(issues.map(issue => issue.kind));
		expect([...kinds].sort()).toEqual(['conflict-marker', 'console-log', 'secret', 'todo-without-issue']);
		const markers = [389, 778, 1167, 1556, 1945].flatMap(line => [line, line + 1, line + 2]).map(line => `src/added.ts:${line}`);
		expect(issues.filter(issue => issue.kind === 'conflict-marker').map(issue => issue.detail)).toEqual(markers);
		// The line past a chunk's length is read (cut), and the one that lowercases longer is found.
		expect(issues).toContainEqual({kind: 'console-log', detail: 'src/added.ts:1000'});
		expect(issues.some(issue => issue.detail.startsWith('src/added.ts:900 '))).toBe(true);
	});

	it('hash the same blocks and count the same scope', () => {
		expect(fromBlob.blocks.length).toBeGreaterThan(1000);
		expect(fromBlob.blocks.toArray().map(block => [block.hash, block.line])).toEqual(fromPatch.blocks.toArray().map(block => [block.hash, block.line]));
		expect(fromBlob.scope).toEqual(fromPatch.scope);
		expect(fromBlob.scope).toEqual({linesRead: addedLineLimits.perFile, linesSkipped: 500, filesSkipped: 0});
	});
});

describe('a text of lines and the same lines one by one', () => {
	const lines = content().split('\n').slice(0, 1200);
	const text = lines.join('\n');
	const asLines = lines.map((line, index) => ({file: 'a.ts', line: 10 + index, text: line}));

	it('scanAddedText finds what scanAddedLines finds', () => {
		expect(scanAddedText('a.ts', 10, text)).toEqual(scanAddedLines(asLines));
		expect(scanAddedText('a.ts', 10, text).length).toBeGreaterThan(15);
	});

	it('pushBytes hashes the blocks push does, across byte runs cut anywhere', () => {
		const byLine = new BlockCollector();
		byLine.push(asLines);
		const bytes = Buffer.from(text);
		const cut = Buffer.from(lines.slice(0, 333).join('\n')).length;
		const byBytes = new BlockCollector();
		byBytes.pushBytes('a.ts', 10, bytes, 0, cut);
		byBytes.pushBytes('a.ts', 343, bytes, cut + 1, bytes.length);
		expect(byLine.blocks.length).toBeGreaterThan(500);
		expect(byBytes.blocks.toArray()).toEqual(byLine.blocks.toArray());
	});
});

describe('a line hashed from its bytes and from its text', () => {
	// Pieces of lines: ASCII code and white space, white space outside ASCII (which trim
	// strips), other characters, and bytes that are not UTF-8 (decoded as U+FFFD).
	const pieces = [
		'const value = compute(input, options);', '  ', '\t', '\r', ' x', '{}', 'é', 'İ', '😀', '\u00a0', '\u2028', '\ufeff', '\u3000',
		Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xe2, 0x80]),
	].map(piece => typeof piece === 'string' ? Buffer.from(piece) : piece);
	const line = fc.array(fc.constantFrom(...pieces), {maxLength: 8}).map(parts => Buffer.concat(parts));

	it('gives the same blocks, whatever the characters', () => {
		let blocks = 0;
		fc.assert(fc.property(fc.array(line, {minLength: 4, maxLength: 40}), lineBytes => {
			const byLine = new BlockCollector();
			byLine.push(lineBytes.map((bytes, index) => ({file: 'v.txt', line: index + 1, text: bytes.toString('utf8')})));
			const joined = Buffer.concat(lineBytes.flatMap((bytes, index) => index === 0 ? [bytes] : [Buffer.from('\n'), bytes]));
			const byBytes = new BlockCollector();
			byBytes.pushBytes('v.txt', 1, joined, 0, joined.length);
			expect(byBytes.blocks.toArray()).toEqual(byLine.blocks.toArray());
			blocks += byLine.blocks.length;
		}), {numRuns: 300, seed: 10});
		// Not a comparison of empty lists: the lines were long enough to make blocks.
		expect(blocks).toBeGreaterThan(300);
	});

	it('tells lines apart that differ in a character outside ASCII', () => {
		const collect = (text: string) => {
			const collector = new BlockCollector();
			collector.pushBytes('v.txt', 1, Buffer.from(text), 0, Buffer.byteLength(text));
			return collector.blocks.toArray().map(block => block.hash);
		};

		const body = (last: string) => ['const first = compute(alpha);', 'const second = compute(beta);', 'const third = compute(gamma);', `return first + second + third; // ${last}`].join('\n');
		expect(collect(body('é'))).toHaveLength(1);
		expect(collect(body('é'))).not.toEqual(collect(body('è')));
		expect(collect(body('é'))).toEqual(collect(body('é  ')));
	});
});
