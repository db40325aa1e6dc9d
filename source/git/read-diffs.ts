/**
 * What each branch changed since its merge base, and what base changed since then.
 * Branch diffs are read names first, then content within the limits
 * (`readBranchDiffs`): hygiene reads the added lines within `addedLineLimits` and
 * skips generated files (core/hygiene.ts), and git is asked for no more than that.
 *
 * Everything is read as a stream, one line or record at a time, plus a small batch
 * of added lines waiting to be scanned; each branch says how much it read.
 */
import {BlockCollector, BlockList} from '../core/duplication.js';
import {addedLineLimits, isGeneratedFile, readingOrder, scanAddedLines, type HygieneScope} from '../core/hygiene.js';
import type {HygieneIssue} from '../core/types.js';
import type {GitRunner} from './git-runner.js';
import {readAddedFiles, type AddedFile, type AddedLinesSink} from './read-added-files.js';
import {readQuotedPath, unquotePath} from './unquote-path.js';

export interface BranchDiff {
	/** Every file changed since the merge base: complete, however large the diff. */
	files: string[];
	/** The blob each file has at the tip, index for index with `files` (all zeros: deleted); absent from the patch parser. */
	newBlobs?: string[];
	/** Binary files added or changed, with the new blob (for a size check). */
	binaries: Array<{file: string; blob: string}>;
	/** What `scanAddedLines` found in the added lines that were read. */
	lineIssues: HygieneIssue[];
	/** How many added lines were read and skipped. */
	scope: HygieneScope;
	/** Hashed blocks of the added lines that were read, for the duplication check (core/duplication.ts). */
	blocks: BlockList;
}

const shaLine = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
/** Added lines wait to be scanned in batches of this many lines or bytes, whichever comes first. */
const scanBatchLines = 512;
const scanBatchBytes = 256 * 1024;
/** Hygiene looks at the start of a line and headers are short: a patch line is cut to this. */
export const maxPatchLineBytes = 64 * 1024;

/**
 * Diffs `mergeBase..tip` for each pair; keyed by tip (pairs must have distinct tips).
 * Names first, then content within the limits: one raw `diff-tree` lists every
 * changed file; modified files' added lines come from a patch of those files only
 * (`--diff-filter=MT`, run beside it); added files' lines from their blobs, read up
 * to each branch's budget (`readAddedFiles`). Git never makes the patch of an added
 * file, so a branch adding 400 MB of test vectors costs what hygiene reads of it.
 * Four processes, whatever the number of branches (two when nothing was added).
 *
 * `onNames` hears each branch's changed files (and their blobs at the tip) as soon as
 * the raw diff is in, before the added files are read: what needs the names only
 * (merge predictions) starts while hygiene reads. It also hears how many added files
 * there are in all: how much reading is ahead. `budgetBytes` is the run's bytes of
 * added blobs, shared by the branches (`addedLineLimits.perRepositoryBytes`).
 */
export async function readBranchDiffs(git: GitRunner, pairs: Array<{tip: string; mergeBase: string}>, options: {onNames?: (names: Map<string, ChangedNames>, addedFiles: number) => void; budgetBytes?: number} = {}): Promise<Map<string, BranchDiff>> {
	const diffs = new Map<string, BranchDiff>();
	if (pairs.length === 0) {
		return diffs;
	}

	const parser = new PatchParser();
	const [changes] = await Promise.all([readRawChanges(git, pairs), streamBranchPatches(git, pairs, line => parser.feed(line), {modifiedOnly: true})]);
	const modified = parser.end();
	const branches = pairs.map(pair => new BranchReading(changes.get(pair.tip) ?? [], modified.get(pair.tip), parser));
	const opened: AddedFile[] = [];
	const unopened: AddedFile[] = [];
	for (const branch of branches) {
		const order = readingOrder(branch.changes);
		// Modified files were read from their patch, first; generated ones were streamed past there.
		opened.push(...order.added.map(change => branch.added(change)));
		unopened.push(...order.unopened.filter(change => change.status === 'A').map(change => branch.added(change)));
	}

	options.onNames?.(new Map(pairs.map((pair, index) => [pair.tip, branches[index]!.names()])), opened.length + unopened.length);

	await readAddedFiles(git, opened, unopened, options.budgetBytes);
	for (const [index, pair] of pairs.entries()) {
		diffs.set(pair.tip, branches[index]!.result());
	}

	return diffs;
}

/** A branch's changed files, and each one's blob at the tip (all zeros: deleted). */
export type ChangedNames = Pick<Required<BranchDiff>, 'files' | 'newBlobs'>;

/** One line of raw diff output: a changed file. */
interface RawChange {
	file: string;
	/** A, M, D or T. */
	status: string;
	newMode: string;
	newBlob: string;
}

/** A branch's changes, and its findings gathered from the patch and the blobs, put back in git's file order. */
class BranchReading implements AddedLinesSink {
	readonly scope: HygieneScope;
	/** Each file's place in `changes`: made when the first finding needs it (most branches have none; some have thousands of files). */
	#positions: Map<string, number> | undefined;
	#names: ChangedNames | undefined;
	readonly #issues: Array<{at: number; issue: HygieneIssue}> = [];
	readonly #binaries: Array<{at: number; file: string; blob: string}> = [];
	readonly #blocks = new BlockCollector();
	readonly #modifiedBlocks: BlockList;

	constructor(
		readonly changes: RawChange[],
		modified: BranchDiff | undefined,
		parser: PatchParser,
	) {
		this.scope = {...(modified?.scope ?? {linesRead: 0, linesSkipped: 0, filesSkipped: 0})};
		this.#modifiedBlocks = modified?.blocks ?? new BlockList();
		if (modified) {
			const files = parser.issueFiles(modified);
			for (const [index, issue] of modified.lineIssues.entries()) {
				this.issue(files[index] ?? '', issue);
			}

			for (const binary of modified.binaries) {
				this.binary(binary.file, binary.blob);
			}
		}
	}

	added(change: RawChange): AddedFile {
		return {file: change.file, blob: change.newBlob, mode: change.newMode, branch: this};
	}

	issue(file: string, issue: HygieneIssue): void {
		this.#issues.push({at: this.#position(file), issue});
	}

	binary(file: string, blob: string): void {
		this.#binaries.push({at: this.#position(file), file, blob});
	}

	#position(file: string): number {
		this.#positions ??= new Map(this.changes.map((change, index) => [change.file, index]));
		return this.#positions.get(file) ?? -1;
	}

	lines(file: string, firstLine: number, bytes: Uint8Array, start: number, end: number): void {
		this.#blocks.pushBytes(file, firstLine, bytes, start, end);
	}

	names(): ChangedNames {
		this.#names ??= {files: this.changes.map(change => change.file), newBlobs: this.changes.map(change => change.newBlob)};
		return this.#names;
	}

	result(): BranchDiff {
		// Stable sorts: a file's findings keep their line order.
		return {
			...this.names(),
			binaries: this.#binaries.sort((a, b) => a.at - b.at).map(({file, blob}) => ({file, blob})),
			lineIssues: this.#issues.sort((a, b) => a.at - b.at).map(({issue}) => issue),
			scope: this.scope,
			blocks: this.#modifiedBlocks.length === 0 ? this.#blocks.blocks : this.#modifiedBlocks.concat(this.#blocks.blocks),
		};
	}
}

/** Every changed file of each pair, with its status and new blob: one raw `diff-tree`, no content. */
async function readRawChanges(git: GitRunner, pairs: Array<{tip: string; mergeBase: string}>): Promise<Map<string, RawChange[]>> {
	const result = new Map<string, RawChange[]>();
	const input = pairs.map(pair => `${pair.tip} ${pair.mergeBase}`).join('\n') + '\n';
	// With --always every input line yields its tip as a header, in input order; with -z
	// a change is two records, ":<modes> <blobs> <status>" and its path.
	let pairIndex = -1;
	let changes: RawChange[] = [];
	// The change whose path record comes next: its status, new mode and new blob.
	let pending = false;
	let status = '';
	let newMode = '';
	let newBlob = '';
	// Read as bytes: of a change's first record only the new mode, blob and status are
	// decoded, at their places (116,000 records of 7.9 MB on the huge-diffs shape, where
	// decoding each record whole kept git waiting on a full pipe).
	const onRecord = (bytes: Buffer, start: number, end: number) => {
		if (pending) {
			changes.push({file: bytes.toString('utf8', start, end), status, newMode, newBlob});
			pending = false;
			return;
		}

		if (bytes[start] === 10) {
			start++;
		}

		if (bytes[start] === 58 /* : */) {
			// ":<old mode> <new mode> <old blob> <new blob> <status>": a one-letter status
			// and blobs as long as the tips, else found by their spaces.
			const statusAt = bytes[end - 2] === 32 ? end - 2 : bytes.lastIndexOf(32, end - 1);
			const guess = statusAt - (pairs[0]!.tip.length + 1);
			const blobAt = bytes[guess] === 32 ? guess : bytes.lastIndexOf(32, statusAt - 1);
			if (statusAt > start && blobAt > start) {
				status = String.fromCharCode(bytes[statusAt + 1] ?? 63);
				newMode = modeText(bytes, start + 8);
				newBlob = bytes.toString('latin1', blobAt + 1, statusAt);
				pending = true;
			}
		} else if (pairIndex + 1 < pairs.length && end - start === pairs[pairIndex + 1]!.tip.length && bytes.toString('latin1', start, end) === pairs[pairIndex + 1]!.tip) {
			pairIndex++;
			changes = [];
			result.set(pairs[pairIndex]!.tip, changes);
		}
	};

	await git.runRecords(['diff-tree', '--stdin', '-r', '--raw', '-z', '--no-abbrev', '--always', '--no-renames'], onRecord, {input, separator: '\0', maxRecordBytes: maxPatchLineBytes});
	return result;
}

/** A raw diff's six-digit mode at `at`: the usual one without a new string. */
function modeText(bytes: Buffer, at: number): string {
	// "100644", byte by byte: Buffer.compare's checks cost more than the six reads.
	return bytes[at] === 49 && bytes[at + 1] === 48 && bytes[at + 2] === 48 && bytes[at + 3] === 54 && bytes[at + 4] === 52 && bytes[at + 5] === 52 ? '100644' : bytes.toString('latin1', at, at + 6);
}

/** The patch of each pair `mergeBase..tip`, one line at a time, each pair's patch after its tip on a line of its own. */
export async function streamBranchPatches(git: GitRunner, pairs: Array<{tip: string; mergeBase: string}>, onLine: (line: string) => void, options: {modifiedOnly?: boolean} = {}): Promise<void> {
	if (pairs.length === 0) {
		return;
	}

	// "<commit> <parent>" diffs parent → commit and prints the commit as a header line.
	const input = pairs.map(pair => `${pair.tip} ${pair.mergeBase}`).join('\n') + '\n';
	const args = ['-c', 'core.quotepath=off', 'diff-tree', '--stdin', '-r', '--always', '-p', '-U0', '--full-index', '--no-renames', '--no-color', '--no-ext-diff', '--no-textconv'];
	if (options.modifiedOnly) {
		// Filtered before git makes any patch text: added and deleted files cost nothing here.
		args.push('--diff-filter=MT');
	}

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
	/** The file of each of a branch's `lineIssues`, in the same order. */
	readonly #issueFiles = new WeakMap<BranchDiff, string[]>();

	/** The file each finding of `diff` is in, index for index. */
	issueFiles(diff: BranchDiff): string[] {
		return this.#issueFiles.get(diff) ?? [];
	}

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
			// A batch holds one file or more, in order: each file's lines are scanned apart so each finding knows its file.
			const files = this.#issueFiles.get(this.#current) ?? [];
			this.#issueFiles.set(this.#current, files);
			let start = 0;
			for (let end = 1; end <= this.#batch.length; end++) {
				if (end === this.#batch.length || this.#batch[end]!.file !== this.#batch[start]!.file) {
					for (const issue of scanAddedLines(this.#batch.slice(start, end))) {
						this.#current.lineIssues.push(issue);
						files.push(this.#batch[start]!.file);
					}

					start = end;
				}
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
	// As bytes: a header is told by its length and text before any path is decoded.
	const onRecord = (bytes: Buffer, start: number, end: number) => {
		if (bytes[start] === 10) {
			start++;
		}

		const next = pairs[pairIndex + 1];
		if (next && end - start === next.to.length && bytes.toString('latin1', start, end) === next.to) {
			pairIndex++;
			files = [];
			result.set(next.from, files);
		} else if (end > start && pairIndex >= 0) {
			files.push(bytes.toString('utf8', start, end));
		}
	};

	await git.runRecords(['diff-tree', '--stdin', '-r', '--always', '--name-only', '-z', '--no-renames'], onRecord, {input, separator: '\0', maxRecordBytes: maxPatchLineBytes});
	return result;
}
