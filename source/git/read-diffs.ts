/**
 * What each branch changed since its merge base, and what base changed since then,
 * for all branches in two `diff-tree --stdin` processes (one with patches, one with
 * names only). The patch gives the added lines that hygiene checks read.
 *
 * Both are read as streams: a repository whose branches add gigabytes of generated
 * test vectors yields a patch of gigabytes, and only one line of it is held at a
 * time, plus a small batch of added lines waiting to be scanned. Hygiene reads the
 * added lines within `addedLineLimits` and skips generated files (core/hygiene.ts);
 * each branch says how much it read.
 */
import {BlockCollector, type AddedBlock} from '../core/duplication.js';
import {addedLineLimits, isGeneratedFile, scanAddedLines, type HygieneScope} from '../core/hygiene.js';
import type {HygieneIssue} from '../core/types.js';
import type {GitRunner} from './git-runner.js';
import {readQuotedPath, unquotePath} from './unquote-path.js';

export interface BranchDiff {
	/** Every file changed since the merge base: complete, however large the diff. */
	files: string[];
	/** Binary files added or changed, with the new blob (for a size check). */
	binaries: Array<{file: string; blob: string}>;
	/** What `scanAddedLines` found in the added lines that were read. */
	lineIssues: HygieneIssue[];
	/** How many added lines were read and skipped. */
	scope: HygieneScope;
	/** Hashed blocks of the added lines that were read, for the duplication check (core/duplication.ts). */
	blocks: AddedBlock[];
}

const shaLine = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
/** Added lines wait to be scanned in batches of this many lines or bytes, whichever comes first. */
const scanBatchLines = 512;
const scanBatchBytes = 256 * 1024;
/** Hygiene looks at the start of a line and headers are short: a patch line is cut to this. */
export const maxPatchLineBytes = 64 * 1024;

/** Diffs `mergeBase..tip` for each pair; keyed by tip (pairs must have distinct tips). */
export async function readBranchDiffs(git: GitRunner, pairs: Array<{tip: string; mergeBase: string}>): Promise<Map<string, BranchDiff>> {
	const parser = new PatchParser();
	await streamBranchPatches(git, pairs, line => parser.feed(line));
	return parser.end();
}

/** The patch of each pair `mergeBase..tip`, one line at a time, each pair's patch after its tip on a line of its own. */
export async function streamBranchPatches(git: GitRunner, pairs: Array<{tip: string; mergeBase: string}>, onLine: (line: string) => void): Promise<void> {
	if (pairs.length === 0) {
		return;
	}

	// "<commit> <parent>" diffs parent → commit and prints the commit as a header line.
	const input = pairs.map(pair => `${pair.tip} ${pair.mergeBase}`).join('\n') + '\n';
	const args = ['-c', 'core.quotepath=off', 'diff-tree', '--stdin', '-r', '--always', '-p', '-U0', '--full-index', '--no-renames', '--no-color', '--no-ext-diff', '--no-textconv'];
	await git.runLines(args, onLine, {input, maxRecordBytes: maxPatchLineBytes});
}

/**
 * Reads `diff-tree --stdin -p -U0` output fed line by line. Keeps each branch's file
 * list, binaries and hygiene findings; added lines are scanned in small batches and
 * dropped, so what it holds does not grow with the patch.
 */
export class PatchParser {
	readonly #diffs = new Map<string, BranchDiff>();
	#current: BranchDiff | undefined;
	/** Between an `@@` header and the next file: lines are added, removed or `\ No newline`. */
	#inHunk = false;
	#file = '';
	#newLine = 0;
	#pendingBlob = '';
	#fileAdded = 0;
	#fileRead = 0;
	#skipFile = false;
	#batch: Array<{file: string; line: number; text: string}> = [];
	#blocks = new BlockCollector();
	#batchBytes = 0;
	/** The most added lines, and characters of them, held at once waiting to be scanned. */
	readonly held = {maxLines: 0, maxChars: 0};

	feed(line: string): void {
		if (this.#inHunk) {
			const first = line.charCodeAt(0);
			if (first === 43 /* + */) {
				this.#added(line);
				return;
			}

			if (first === 45 /* - */ || first === 92 /* \ */) {
				return;
			}

			if (first === 64 /* @ */ && line.startsWith('@@ ')) {
				this.#hunk(line);
				return;
			}

			this.#inHunk = false;
		}

		this.#header(line);
	}

	/** Every branch read, after the last line was fed. */
	end(): Map<string, BranchDiff> {
		this.#finishFile();
		this.#flush();
		return this.#diffs;
	}

	#header(line: string): void {
		if (shaLine.test(line)) {
			this.#finishFile();
			this.#flush();
			this.#blocks = new BlockCollector();
			this.#current = {files: [], binaries: [], lineIssues: [], scope: {linesRead: 0, linesSkipped: 0, filesSkipped: 0}, blocks: this.#blocks.blocks};
			this.#diffs.set(line, this.#current);
			return;
		}

		if (!this.#current) {
			return;
		}

		if (line.startsWith('@@ ')) {
			this.#hunk(line);
		} else if (line.startsWith('diff --git ')) {
			this.#finishFile();
			this.#file = pathFromDiffHeader(line.slice('diff --git '.length));
			this.#skipFile = isGeneratedFile(this.#file);
			this.#current.files.push(this.#file);
		} else if (line.startsWith('index ')) {
			const match = /\.\.([0-9a-f]+)/.exec(line);
			if (match) {
				this.#pendingBlob = match[1]!;
			}
		} else if (line.startsWith('Binary files ')) {
			this.#current.binaries.push({file: this.#file, blob: this.#pendingBlob});
		}
	}

	#hunk(line: string): void {
		const match = /\+(\d+)/.exec(line);
		this.#newLine = match ? Number(match[1]) : 0;
		this.#inHunk = true;
	}

	#added(line: string): void {
		const scope = this.#current!.scope;
		const number = this.#newLine++;
		this.#fileAdded++;
		if (this.#skipFile || this.#fileRead >= addedLineLimits.perFile || scope.linesRead >= addedLineLimits.perBranch) {
			scope.linesSkipped++;
			return;
		}

		// Text with NUL bytes is a binary file that attributes made git diff as text.
		if (line.includes('\0')) {
			this.#skipFile = true;
			scope.linesSkipped++;
			return;
		}

		this.#fileRead++;
		scope.linesRead++;
		this.#batch.push({file: this.#file, line: number, text: line.slice(1)});
		this.#batchBytes += line.length;
		this.held.maxLines = Math.max(this.held.maxLines, this.#batch.length);
		this.held.maxChars = Math.max(this.held.maxChars, this.#batchBytes);
		if (this.#batch.length >= scanBatchLines || this.#batchBytes >= scanBatchBytes) {
			this.#flush();
		}
	}

	#finishFile(): void {
		if (this.#current && this.#fileAdded > 0 && this.#fileRead === 0) {
			this.#current.scope.filesSkipped++;
		}

		this.#fileAdded = 0;
		this.#fileRead = 0;
		this.#skipFile = false;
		this.#inHunk = false;
	}

	#flush(): void {
		if (this.#current && this.#batch.length > 0) {
			for (const issue of scanAddedLines(this.#batch)) {
				this.#current.lineIssues.push(issue);
			}

			this.#blocks.push(this.#batch);
		}

		this.#batch = [];
		this.#batchBytes = 0;
	}
}

/** `a/P b/P` (no renames, so both sides are the same path), bare or quoted. */
function pathFromDiffHeader(rest: string): string {
	if (rest.startsWith('"')) {
		return readQuotedPath(rest, 0).path.slice(2);
	}

	const length = (rest.length - 5) / 2;
	return Number.isInteger(length) && length > 0 ? rest.slice(2, 2 + length) : unquotePath(rest.slice(2));
}

/** Files changed between each pair `from..to`, in one process; keyed by `from` (each from once). */
export async function readChangedFiles(git: GitRunner, pairs: Array<{from: string; to: string}>): Promise<Map<string, string[]>> {
	const result = new Map<string, string[]>();
	if (pairs.length === 0) {
		return result;
	}

	const input = pairs.map(pair => `${pair.to} ${pair.from}`).join('\n') + '\n';
	// With --always every input line yields a header, in input order.
	let pairIndex = -1;
	let files: string[] = [];
	const onRecord = (record: string) => {
		const clean = record.replace(/^\n/, '');
		if (shaLine.test(clean) && pairIndex + 1 < pairs.length && clean === pairs[pairIndex + 1]!.to) {
			pairIndex++;
			files = [];
			result.set(pairs[pairIndex]!.from, files);
		} else if (clean && pairIndex >= 0) {
			files.push(clean);
		}
	};

	await git.runLines(['diff-tree', '--stdin', '-r', '--always', '--name-only', '-z', '--no-renames'], onRecord, {input, separator: '\0', maxRecordBytes: maxPatchLineBytes});
	return result;
}
