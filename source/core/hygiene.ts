/**
 * Git hygiene of a branch (docs/design.md §2, §6.2): what a reviewer would bounce.
 * Pure: reads commit subjects, file names and added lines given to it.
 */
import type {HygieneIssue} from './types.js';

export interface HygieneInput {
	commits: Array<{sha: string; subject: string}>;
	files: string[];
	/** What `scanAddedLines` found in the branch's added lines. */
	lineIssues: HygieneIssue[];
	binaries: Array<{file: string; size: number | null}>;
}

/** A binary file this large or larger is a hygiene issue. */
export const largeBinaryBytes = 1024 * 1024;
// "(?!\w)" rather than \b: after "fixup!" the next character is a space, where \b does not match.
const wipSubject = /^(?:wip|fixup!|squash!|amend!|asdf|tmp|temp|xxx|foo|test commit|\.+)(?!\w)|^\W*wip\W*$/i;
const conflictMarker = /^(?:<{7}(?: |$)|={7}$|>{7}(?: |$))/;
const consoleLog = /\bconsole\.(?:log|debug)\s*\(/;
const secretPatterns: Array<[RegExp, string]> = [
	[/AKIA[0-9A-Z]{16}/, 'AWS access key'],
	[/-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----/, 'private key'],
	[/\bgh[pousr]_[A-Za-z0-9]{36,}/, 'GitHub token'],
	[/\bsk-[A-Za-z0-9_-]{20,}/, 'API secret key'],
	[/\bxox[baprs]-[A-Za-z0-9-]{10,}/, 'Slack token'],
	[/\b(?:password|passwd|secret|api[_-]?key|access[_-]?token)\b["']?\s*[:=]\s*["'][^"'\s]{8,}["']/i, 'hardcoded credential'],
];

// Generated or installed files that never belong in a commit: anywhere in the tree for
// these names, at the top only for the usual output folders (a `src/build/` is source).
const unnecessaryAnywhere = /(?:^|\/)(?:node_modules|__pycache__|\.next|\.nuxt|\.turbo|\.pytest_cache)\/|\.(?:pyc|pyo|class)$|(?:^|\/)\.DS_Store$/;
const unnecessaryAtTop = /^(?:dist|build|out|coverage|target)\//;
// Subjects that say nothing about the change: one word, or a generic verb and little else.
const vagueSubject = /^(?:update[sd]?|fix(?:e[sd])?|change[sd]?|misc|stuff|changes|work|more|minor|cleanup|tweaks?|edits?|progress|save|commit|done|ok|test|testing|final|again)(?:\s+(?:stuff|things|files?|code|it|this|some|more|again|changes|fixes|\S+\.\w{1,5}))?\W*$/i;
const mergeSubject = /^(?:Merge|Revert) /;
/**
 * A line can match a pattern of this file only if its lowercased text has one of these:
 * a piece every one of them needs, in lowercase (kept next to them; a new pattern adds
 * its piece here). Conflict markers are the one piece tied to the line's start.
 */
const issuePieces = ['akia', '-----begin ', 'gh[pousr]_', 'sk-', 'xox[baprs]-', 'passw', 'secret', 'api[_-]?key', 'access[_-]?token', 'console\\.', 'https?:\\/\\/', 'port', 'localhost:', '\\.listen\\(', 'todo', 'fixme'];
const mayHaveIssue = new RegExp([...issuePieces, '^(?:<{7}|={7}|>{7})'].join('|'));
/**
 * The same test over a whole text of lines: markers anywhere (a line it wrongly picks is
 * looked at in full), written out, as a quantifier made the search five times slower.
 */
const mayHaveIssueInText = new RegExp([...issuePieces, '<<<<<<<|=======|>>>>>>>'].join('|'), 'g');

export function checkHygiene(input: HygieneInput): HygieneIssue[] {
	const issues: HygieneIssue[] = [];
	for (const commit of input.commits) {
		const subject = commit.subject.trim();
		if (wipSubject.test(subject)) {
			issues.push({kind: 'wip-commit', detail: `${commit.sha.slice(0, 7)} ${commit.subject}`});
		} else if (!mergeSubject.test(subject) && isVagueSubject(subject)) {
			issues.push({kind: 'vague-commit', detail: `${commit.sha.slice(0, 7)} ${commit.subject}`});
		}
	}

	for (const file of input.files) {
		const name = file.slice(file.lastIndexOf('/') + 1);
		if (name === '.env' || (name.startsWith('.env.') && !/\.(?:example|sample|template)$/.test(name))) {
			issues.push({kind: 'env-file', detail: file});
		} else if (unnecessaryAnywhere.test(file) || unnecessaryAtTop.test(file)) {
			issues.push({kind: 'unnecessary-file', detail: file});
		}
	}

	for (const binary of input.binaries) {
		if (binary.size !== null && binary.size >= largeBinaryBytes) {
			issues.push({kind: 'large-binary', detail: `${binary.file} (${(binary.size / 1024 / 1024).toFixed(1)} MB)`});
		}
	}

	issues.push(...input.lineIssues);
	return issues;
}

/**
 * Conflict markers, console.log calls and secrets among added lines. Kept apart from
 * `checkHygiene` so that a branch's diff can be scanned once, when it is read, and
 * its lines dropped: only the findings stay in memory.
 */
export function scanAddedLines(addedLines: ReadonlyArray<{file: string; line: number; text: string}>): HygieneIssue[] {
	const issues: HygieneIssue[] = [];
	for (const added of addedLines) {
		// Nearly every line matches none of the patterns: one test says so.
		// Tested on the lowercased line, as its pieces are written: 15–30% less CPU than the
		// same pieces with the `i` flag over 256,000 lines of test vectors. Lowercasing never
		// loses a match (every piece is ASCII), and a line already lowercase is not copied.
		if (!mayHaveIssue.test(added.text.toLowerCase())) {
			continue;
		}

		const where = `${added.file}:${added.line}`;
		if (conflictMarker.test(added.text)) {
			issues.push({kind: 'conflict-marker', detail: where});
		} else if (consoleLog.test(added.text) && isScriptFile(added.file)) {
			issues.push({kind: 'console-log', detail: where});
		}

		if (added.text.length >= 2000) {
			continue;
		}

		let secret = false;
		for (const [pattern, label] of secretPatterns) {
			if (pattern.test(added.text)) {
				issues.push({kind: 'secret', detail: `${where} (${label})`});
				secret = true;
				break;
			}
		}

		if (!secret && isCodeFile(added.file)) {
			issues.push(...codeLineIssues(added.text, where));
		}
	}

	return issues;
}

/**
 * `scanAddedLines` for lines `firstLine`, `firstLine + 1`, … of `file`, given as one
 * text (the lines joined by newlines, none after the last), as a file read from its
 * blob hands them over: the quick test runs once over the lowercased text, and only
 * the lines it matches become strings of their own and are looked at.
 */
export function scanAddedText(file: string, firstLine: number, text: string): HygieneIssue[] {
	const lower = text.toLowerCase();
	const candidates: Array<{file: string; line: number; text: string}> = [];
	if (lower.length !== text.length) {
		// A few characters lowercase to two (İ): the lowered text's places are not the text's.
		text.split('\n').forEach((line, index) => candidates.push({file, line: firstLine + index, text: ownCopy(line)}));
		return scanAddedLines(candidates);
	}

	// Lines are counted as the matches move on, from the last line found.
	let line = firstLine;
	let lineStart = 0;
	mayHaveIssueInText.lastIndex = 0;
	for (let match = mayHaveIssueInText.exec(lower); match; match = mayHaveIssueInText.exec(lower)) {
		for (let newline = text.indexOf('\n', lineStart); newline !== -1 && newline < match.index; newline = text.indexOf('\n', lineStart)) {
			lineStart = newline + 1;
			line++;
		}

		const newline = text.indexOf('\n', match.index);
		const lineEnd = newline === -1 ? text.length : newline;
		candidates.push({file, line, text: ownCopy(text.slice(lineStart, lineEnd))});
		if (newline === -1) {
			break;
		}

		mayHaveIssueInText.lastIndex = newline + 1;
	}

	return scanAddedLines(candidates);
}

/**
 * A copy that does not keep `text`'s parent alive: a finding quotes its line, and a
 * slice would hold the whole chunk it came from for as long as the finding lives.
 */
function ownCopy(text: string): string {
	return Buffer.from(text, 'utf16le').toString('utf16le');
}

/**
 * How much of a branch's added lines hygiene reads. A branch of test vectors or a
 * vendored library adds millions of lines: only these many are scanned. The list of
 * changed files is always complete; only the reading of added lines is limited.
 * The order in which a branch's budget is spent is `readingOrder`'s.
 */
export const addedLineLimits = {
	/** The first lines a file adds are read; the rest of that file is skipped. */
	perFile: 2_000,
	/** After this many lines in all, the branch's remaining added lines are skipped. */
	perBranch: 20_000,
	/**
	 * Bytes of added files' blobs streamed in one run, all branches together, shared
	 * fairly (`fairShares`): forty branches of test vectors cost this much reading, not
	 * forty times 20,000 lines. A branch past its share reads no further file, and its
	 * row says how much was read (`HygieneScope`).
	 */
	perRepositoryBytes: 16 * 1024 * 1024,
} as const;

/**
 * Max-min fair shares of `budget`: each demand gets at most what it asks, and what a
 * small one leaves is shared by the larger ones, so no share can grow without a
 * smaller one shrinking.
 */
export function fairShares(demands: readonly number[], budget: number): number[] {
	const shares = demands.map(() => 0);
	let left = budget;
	let waiting = demands.length;
	for (const index of demands.map((_, at) => at).sort((a, b) => demands[a]! - demands[b]!)) {
		shares[index] = Math.min(demands[index]!, left / waiting);
		left -= shares[index]!;
		waiting--;
	}

	return shares;
}

/**
 * Files whose added lines are not read at all: written by tools, not by the agent,
 * and often huge. The rule, by path only: lock files; minified code and source maps;
 * anything under a `node_modules`, `vendor`, `third_party`, `dist` or `build` folder;
 * and generated data — a name or folder containing `generated`, a `test-vectors` folder
 * (also `test_vectors`, `testvectors`, `test-vector`), or a `.snap` snapshot.
 */
export function isGeneratedFile(file: string): boolean {
	const slash = file.lastIndexOf('/');
	const name = file.slice(slash + 1);
	return lockFiles.has(name) || generatedName.test(name) || (slash !== -1 && isGeneratedFolder(file.slice(0, slash + 1)));
}

/** Per folder, asked once: a branch of test vectors adds thousands of files to a few folders. */
const generatedFolders = new Map<string, boolean>();

function isGeneratedFolder(folder: string): boolean {
	let answer = generatedFolders.get(folder);
	if (answer === undefined) {
		if (generatedFolders.size >= 10_000) {
			generatedFolders.clear();
		}

		answer = generatedFolder.test(folder);
		generatedFolders.set(folder, answer);
	}

	return answer;
}

const lockFiles = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'Cargo.lock', 'Gemfile.lock', 'poetry.lock', 'Pipfile.lock', 'composer.lock', 'go.sum', 'uv.lock', 'flake.lock']);
const generatedName = /\.min\.(?:js|mjs|cjs|css)$|\.(?:js|css)\.map$|\.snap$|generated/i;
const generatedFolder = /(?:^|\/)(?:node_modules|vendor|third_party|dist|build|[^/]*generated[^/]*|test[-_]?vectors?)\//i;

/**
 * Which of a branch's changed files hygiene opens, in the order its budget is spent:
 * modified files first (edits of existing code, read from their patch), then added
 * files, each group in git's path order. Generated files (`isGeneratedFile`) are
 * never opened, nor deleted ones. A file opened after the branch's budget is spent is
 * not read either; the reader stops asking for files then.
 */
export function readingOrder<T extends {file: string; status: string}>(changes: readonly T[]): {modified: T[]; added: T[]; unopened: T[]} {
	const modified: T[] = [];
	const added: T[] = [];
	const unopened: T[] = [];
	for (const change of changes) {
		if (change.status === 'D') {
			continue;
		}

		if (isGeneratedFile(change.file)) {
			unopened.push(change);
		} else if (change.status === 'A') {
			added.push(change);
		} else {
			modified.push(change);
		}
	}

	return {modified, added, unopened};
}

/**
 * How much of a branch's added lines hygiene read; a row carries it when not all.
 * The lines of a file that was never opened (generated, or after the branch's budget
 * was spent) are not known: such a file counts in `filesSkipped` only.
 */
export interface HygieneScope {
	/** Added lines that were scanned. */
	linesRead: number;
	/** Added lines streamed past unread in the files that were opened (over a limit, binary-looking text). */
	linesSkipped: number;
	/** Files with added content of which not one line was read. */
	filesSkipped: number;
}

/**
 * One line for `status` and the details screen: "hygiene looked at 2,000 of 2,010 added
 * lines"; when files were not read, their lines are not counted, so the total is a
 * floor: "hygiene looked at 20,000 of at least 1,234,567 added lines (412 files not read)".
 */
export function describeHygieneScope(scope: HygieneScope): string {
	const total = scope.linesRead + scope.linesSkipped;
	if (scope.filesSkipped === 0) {
		return `hygiene looked at ${count(scope.linesRead)} of ${count(total)} added lines`;
	}

	return `hygiene looked at ${count(scope.linesRead)} of at least ${count(total)} added lines (${count(scope.filesSkipped)} ${scope.filesSkipped === 1 ? 'file' : 'files'} not read)`;
}

function count(value: number): string {
	return value.toLocaleString('en-US');
}

// A URL written as a string literal in code; schema and spec URLs are identifiers, not settings.
const urlLiteral = /["'`](https?:\/\/[^"'`\s]+)/;
const identifierUrl = /^https?:\/\/(?:www\.)?(?:w3\.org|json-schema\.org|example\.(?:com|org|net))\b/;
const portValue = /\bport\b["']?\s*[:=]\s*["']?(\d{2,5})\b|\blocalhost:(\d{2,5})\b|\.listen\(\s*(\d{2,5})\b/i;
const todoMarker = /\b(?:TODO|FIXME)\b/;
// `#123`, `GH-12`, `ABC-12`, or a link to an issue or pull request.
const issueReference = /#\d+|\b[A-Z][A-Z0-9]+-\d+\b|\/(?:issues|pull)\/\d+/;

/** What a reviewer of code would bounce on one added line: hardcoded URLs and ports, TODOs with no issue. */
function codeLineIssues(text: string, where: string): HygieneIssue[] {
	const issues: HygieneIssue[] = [];
	const url = urlLiteral.exec(text);
	if (url && !identifierUrl.test(url[1]!)) {
		issues.push({kind: 'hardcoded-url', detail: `${where} (${url[1]!.slice(0, 80)})`});
	}

	const port = portValue.exec(text);
	if (port) {
		issues.push({kind: 'hardcoded-port', detail: `${where} (port ${port[1] ?? port[2] ?? port[3]})`});
	}

	if (todoMarker.test(text) && !issueReference.test(text)) {
		issues.push({kind: 'todo-without-issue', detail: `${where} (${text.trim().slice(0, 80)})`});
	}

	return issues;
}

function isVagueSubject(subject: string): boolean {
	return subject.length < 8 || vagueSubject.test(subject);
}

function isScriptFile(file: string): boolean {
	return /\.(?:[cm]?[jt]sx?|vue|svelte)$/.test(file);
}

/** Source code, where a literal URL or port is a setting left in; docs and data files may name them. */
function isCodeFile(file: string): boolean {
	return /\.(?:[cm]?[jt]sx?|vue|svelte|py|go|rb|java|kt|kts|scala|rs|cs|php|swift|c|cc|cpp|h|hpp|dart|ex|exs|sh)$/.test(file);
}

/** The kinds that make a readiness warning (DESIGN §2); the others are for the checklist (§6.2). */
export const readinessHygieneKinds: ReadonlySet<HygieneIssue['kind']> = new Set(['wip-commit', 'conflict-marker', 'env-file', 'large-binary', 'console-log', 'secret']);

/** One short phrase per kind for readiness reasons and checklist evidence: "2 wip commits". */
export function summarizeHygiene(issues: HygieneIssue[]): string[] {
	const counts = new Map<HygieneIssue['kind'], HygieneIssue[]>();
	for (const issue of issues) {
		counts.set(issue.kind, [...(counts.get(issue.kind) ?? []), issue]);
	}

	const labels: Record<HygieneIssue['kind'], [string, string]> = {
		'wip-commit': ['wip commit', 'wip commits'],
		'conflict-marker': ['conflict marker', 'conflict markers'],
		'env-file': ['.env file', '.env files'],
		'large-binary': ['large binary', 'large binaries'],
		'console-log': ['console.log added', 'console.log calls added'],
		secret: ['possible secret', 'possible secrets'],
		'hardcoded-url': ['hardcoded URL', 'hardcoded URLs'],
		'hardcoded-port': ['hardcoded port', 'hardcoded ports'],
		'todo-without-issue': ['TODO without an issue', 'TODOs without an issue'],
		'unnecessary-file': ['unnecessary file', 'unnecessary files'],
		'vague-commit': ['vague commit subject', 'vague commit subjects'],
		'duplicate-code': ['block duplicated from another branch', 'blocks duplicated from other branches'],
	};
	return [...counts].map(([kind, list]) => {
		const [one, many] = labels[kind];
		const evidence = list.slice(0, 3).map(issue => issue.detail).join(', ');
		return `${list.length === 1 ? one : `${list.length} ${many}`}: ${evidence}${list.length > 3 ? ', …' : ''}`;
	});
}
