/**
 * The added lines of added files, read from their blobs rather than from a patch:
 * an added file's added lines are its new blob's lines, 1 to n. One
 * `cat-file --batch-command` process serves every branch, asked while it answers:
 *
 * 1. `info` for every added blob: sizes (empty files are skipped, large unread files
 *    are checked for being binary, the prefetch window is bounded in bytes);
 * 2. `contents` of the files hygiene opens, in `readingOrder`, a bounded window ahead:
 *    a branch whose budget is spent (its lines, or its fair share of the run's bytes,
 *    `addedLineLimits.perRepositoryBytes`) is asked nothing more, so git never reads
 *    the rest of a 20 MB-a-branch pile of test vectors, and forty such branches
 *    together stream 16 MB. A blob that is opened is streamed
 *    whole (cat-file cannot stop in the middle): its first lines are decoded and
 *    scanned within the limits, the rest only counted;
 * 3. `contents` of unread files of 1 MB or more whose attributes leave it open
 *    whether they are binary, to look at their first 8,000 bytes (the large-binary check).
 *
 * Binary or text is decided as git's diff does: the `diff` attribute, else a blob over
 * 512 MiB (core.bigFileThreshold's default) is binary, else a NUL in its first 8,000
 * bytes. One `check-attr --stdin` process is asked for the paths whose blobs are
 * opened, as they are chosen (a window ahead of the reading, so its answers are in
 * before their blobs come): a branch of 2,400 test vectors whose budget is spent after
 * a hundred asks about a hundred paths, not 2,400.
 */
import {addedLineLimits, fairShares, largeBinaryBytes, scanAddedText} from '../core/hygiene.js';
import type {HygieneIssue} from '../core/types.js';
import {GitCommandError, type BatchInput, type GitRunner} from './git-runner.js';
import {RecordSplitter} from './record-splitter.js';

/** One added file of a branch, and where its findings go. */
export interface AddedFile {
	file: string;
	blob: string;
	/** 160000: a submodule commit, whose one added line is `Subproject commit <sha>`. */
	mode: string;
	branch: AddedLinesSink;
}

/** What the reader adds to a branch; `at` is the file's place in the branch's file list. */
export interface AddedLinesSink {
	scope: {linesRead: number; linesSkipped: number; filesSkipped: number};
	issue(file: string, issue: HygieneIssue): void;
	binary(file: string, blob: string): void;
	/** Read lines, in order, for what else looks at them (duplicated blocks): lines `firstLine`… of `file`, UTF-8 `bytes` from `start` to `end`, separated by newlines. */
	lines(file: string, firstLine: number, bytes: Uint8Array, start: number, end: number): void;
}

/** Git's `FIRST_FEW_BYTES`: a NUL among them makes a blob binary. */
const sniffBytes = 8000;
/** core.bigFileThreshold's default: git's diff calls a larger blob binary unread. */
const bigFileBytes = 512 * 1024 * 1024;
/** How far ahead of the file being read blobs are asked for. */
const windowFiles = 64;
const windowBytes = 8 * 1024 * 1024;
/** Like a patch line cut at 64 KB with its `+`. */
const maxLineBytes = 64 * 1024 - 1;

type Attribute = 'set' | 'unset' | 'auto';

/**
 * Reads the added lines of `opened` (per branch in reading order; branches one after
 * another) within the limits, and looks at `unopened` only for binaries and counts.
 */
export async function readAddedFiles(git: GitRunner, opened: AddedFile[], unopened: AddedFile[], budgetBytes: number = addedLineLimits.perRepositoryBytes): Promise<void> {
	const blobSet = new Set<string>();
	for (const list of [opened, unopened]) {
		for (const added of list) {
			if (added.mode !== '160000') {
				blobSet.add(added.blob);
			}
		}
	}

	const blobs = [...blobSet];
	if (blobs.length === 0) {
		opened.forEach(readSubmodule);
		unopened.forEach(skipSubmodule);
		return;
	}

	const attributes = new DiffAttributes(git);
	const replies = new BatchReplies();
	try {
		await git.runAsking(['cat-file', '--batch-command', '--buffer'], stdin => {
			const sizes = new Map<string, number | null>();
			for (const blob of blobs) {
				replies.expect({info: size => sizes.set(blob, size)});
			}

			stdin.write(blobs.map(blob => `info ${blob}\n`).join('') + 'flush\n');
			replies.whenIdle(() => new Reading(stdin, replies, sizes, attributes, budgetBytes).start(opened, unopened));
		}, chunk => replies.push(chunk));
	} finally {
		attributes.end();
		await attributes.done;
	}
}

/** The added line of a submodule, which has no blob to read. */
function readSubmodule(added: AddedFile): void {
	if (added.branch.scope.linesRead < addedLineLimits.perBranch) {
		added.branch.scope.linesRead++;
	} else {
		skipSubmodule(added);
	}
}

function skipSubmodule(added: AddedFile): void {
	added.branch.scope.linesSkipped++;
	added.branch.scope.filesSkipped++;
}

/** Steps 2 and 3, once sizes and attributes are known. */
class Reading {
	#next = 0;
	#inFlight = 0;
	#inFlightBytes = 0;
	#opened: AddedFile[] = [];
	/** Unread files: counted, and looked at for a large binary after the reading. */
	readonly #unread: AddedFile[] = [];
	/** The last batch of blobs waiting for its attributes: the next one is written after it. */
	#asking: Promise<void> = Promise.resolve();
	/** Per branch: files asked for and not yet read, files read, and the lines read from them. */
	readonly #branches = new Map<AddedLinesSink, {inFlight: number; opened: number; read: number; asked: number; share: number}>();

	constructor(
		readonly stdin: BatchInput,
		readonly replies: BatchReplies,
		readonly sizes: ReadonlyMap<string, number | null>,
		readonly attributes: DiffAttributes,
		readonly budgetBytes: number,
	) {}

	start(opened: AddedFile[], unopened: AddedFile[]): void {
		// Each branch's fair share of the run's bytes, by what its opened blobs would stream.
		const demands = new Map<AddedLinesSink, number>();
		for (const added of opened) {
			demands.set(added.branch, (demands.get(added.branch) ?? 0) + (added.mode === '160000' ? 0 : this.sizes.get(added.blob) ?? 0));
		}

		const shares = fairShares([...demands.values()], this.budgetBytes);
		[...demands.keys()].forEach((sink, index) => this.#branches.set(sink, {inFlight: 0, opened: 0, read: 0, asked: 0, share: shares[index]!}));
		this.#opened = opened;
		this.#unread.push(...unopened);
		this.#ask();
	}

	/** Asks for the next opened files, a window ahead; then for the unread large files; then ends. */
	#ask(): void {
		const requests: Array<{added: AddedFile; reply: Expected}> = [];
		while (this.#next < this.#opened.length && this.#inFlight < windowFiles && (this.#inFlight === 0 || this.#inFlightBytes < windowBytes)) {
			const added = this.#opened[this.#next++]!;
			const size = this.sizes.get(added.blob);
			if (added.mode === '160000') {
				// In order with the files around it: it spends the budget when the files before it are read.
				if (this.#inFlight > 0) {
					this.#next--;
					break;
				}

				readSubmodule(added);
				continue;
			}

			if (size === undefined || size === null || size === 0) {
				continue;
			}

			const branch = this.#branches.get(added.branch)!;
			// Its lines, or its share of the run's bytes, spent (the last blob asked may go past the share).
			if (added.branch.scope.linesRead >= addedLineLimits.perBranch || branch.asked >= branch.share) {
				this.#unread.push(added);
				continue;
			}

			// Not much further ahead in a branch than its budget will likely reach: a blob
			// asked for after the budget is spent is streamed for nothing.
			const remaining = addedLineLimits.perBranch - added.branch.scope.linesRead;
			const likely = branch.opened === 0 ? 4 : Math.ceil(remaining / Math.max(1, branch.read / branch.opened)) + 1;
			if (branch.inFlight >= likely) {
				this.#next--;
				break;
			}

			branch.inFlight++;
			branch.asked += size;
			this.#inFlight++;
			this.#inFlightBytes += size;
			requests.push({added, reply: {
				contents: () => {
					// Decided in order, when its turn comes: the budget may have been spent meanwhile.
					branch.inFlight--;
					if (added.branch.scope.linesRead >= addedLineLimits.perBranch) {
						this.#unread.push(added);
						return {data() {}, end: () => this.#done(() => (this.#inFlightBytes -= size))};
					}

					const before = added.branch.scope.linesRead;
					const reader = new BlobLineReader(added, size, this.attributes.of(added.file));
					return {
						data: (chunk, start, end) => reader.data(chunk, start, end),
						end: () => this.#done(() => {
							this.#inFlightBytes -= size;
							reader.end();
							branch.opened++;
							branch.read += added.branch.scope.linesRead - before;
						}),
					};
				},
			}});
		}

		if (requests.length > 0) {
			// Blobs are asked once their paths' attributes are in, batch after batch in order.
			this.#asking = this.#asking.then(() => this.attributes.ask(requests.map(request => request.added.file))).then(() => {
				for (const request of requests) {
					this.replies.expect(request.reply);
				}

				this.stdin.write(requests.map(request => `contents ${request.added.blob}\n`).join('') + 'flush\n');
			});
		}

		if (this.#inFlight === 0 && this.#next >= this.#opened.length) {
			this.#askUnread();
		}
	}

	#done(body: () => void): void {
		body();
		this.#inFlight--;
		this.replies.afterReply(() => this.#ask());
	}

	/** Step 3: counts the unread files, and looks at the large ones for a binary (their attributes asked first). */
	#askUnread(): void {
		const large = this.#unread.filter(added => added.mode !== '160000' && (this.sizes.get(added.blob) ?? 0) >= largeBinaryBytes);
		this.#asking = this.#asking.then(() => this.attributes.ask(large.map(added => added.file))).then(() => this.#lookAtUnread());
	}

	#lookAtUnread(): void {
		const requests: string[] = [];
		for (const added of this.#unread) {
			const size = this.sizes.get(added.blob);
			if (added.mode === '160000') {
				skipSubmodule(added);
				continue;
			}

			if (size === undefined || size === null || size === 0) {
				continue;
			}

			const attribute = size < largeBinaryBytes ? 'auto' : this.attributes.of(added.file);
			if (size < largeBinaryBytes || attribute === 'set') {
				added.branch.scope.filesSkipped++;
			} else if (attribute === 'unset' || size > bigFileBytes) {
				added.branch.binary(added.file, added.blob);
			} else {
				let binary: boolean | undefined;
				const sniffer = new Sniffer(found => (binary = found));
				this.replies.expect({
					contents: () => ({
						data: (chunk, start, end) => sniffer.data(chunk, start, end),
						end() {
							sniffer.end();
							if (binary) {
								added.branch.binary(added.file, added.blob);
							} else {
								added.branch.scope.filesSkipped++;
							}
						},
					}),
				});
				requests.push(`contents ${added.blob}\n`);
			}
		}

		this.#unread.length = 0;
		this.stdin.write(requests.join('') + 'flush\n');
		this.stdin.end();
	}
}

/** Decides binary or text from a blob's first 8,000 bytes, as they stream. */
class Sniffer {
	#seen = 0;
	#decided = false;

	constructor(readonly onDecided: (binary: boolean) => void) {}

	/** Returns true once decided. */
	data(chunk: Buffer, start: number, end: number): boolean {
		if (this.#decided) {
			return true;
		}

		const until = Math.min(end, start + (sniffBytes - this.#seen));
		if (chunk.subarray(start, until).includes(0)) {
			this.#decide(true);
		} else {
			this.#seen += until - start;
			if (this.#seen >= sniffBytes) {
				this.#decide(false);
			}
		}

		return this.#decided;
	}

	end(): void {
		if (!this.#decided) {
			this.#decide(false);
		}
	}

	#decide(binary: boolean): void {
		this.#decided = true;
		this.onDecided(binary);
	}
}

/**
 * One opened added file: binary or text first (its first 8,000 bytes are held until
 * that is known), then its lines 1 to n; those within the limits are read a chunk at
 * a time (the chunk's whole lines decoded as one text, scanned and hashed in place:
 * no string or object per line), the rest only counted. Holds at most one cut line
 * and one chunk's text.
 */
class BlobLineReader {
	readonly #added: AddedFile;
	#binary: boolean | undefined;
	#held: Buffer[] = [];
	#sniffer: Sniffer | undefined;
	/** Lines seen, and read. */
	#lines = 0;
	#read = 0;
	/** Reading stopped (a limit, or a NUL in a line): the rest is only counted. */
	#counting = false;
	#line: Buffer[] = [];
	#lineBytes = 0;
	/** Bytes after the last newline: a last line without one. */
	#partial = false;

	constructor(added: AddedFile, size: number, attribute: Attribute) {
		this.#added = added;
		if (attribute === 'unset' || (attribute === 'auto' && size > bigFileBytes)) {
			this.#binary = true;
		} else if (attribute === 'set') {
			this.#binary = false;
		} else {
			this.#sniffer = new Sniffer(binary => (this.#binary = binary));
		}
	}

	data(chunk: Buffer, start: number, end: number): void {
		if (this.#binary === undefined) {
			this.#sniffer!.data(chunk, start, end);
			if (this.#binary === undefined) {
				// Held until decided: at most the first 8,000 bytes.
				this.#held.push(Buffer.from(chunk.subarray(start, end)));
				return;
			}

			if (this.#held.length > 0) {
				// Decided in a later piece: what was held is read first, then this piece as it lies.
				const held = Buffer.concat(this.#held);
				this.#held = [];
				if (!this.#binary) {
					this.#text(held, 0, held.length);
				}
			}
		}

		if (!this.#binary) {
			this.#text(chunk, start, end);
		}
	}

	end(): void {
		if (this.#binary === undefined) {
			this.#sniffer!.end();
			const held = Buffer.concat(this.#held);
			this.#held = [];
			if (!this.#binary) {
				this.#text(held, 0, held.length);
			}
		}

		const branch = this.#added.branch;
		if (this.#binary) {
			branch.binary(this.#added.file, this.#added.blob);
			return;
		}

		if (this.#partial) {
			this.#endLine();
		}

		branch.scope.linesSkipped += this.#lines - this.#read;
		if (this.#lines > 0 && this.#read === 0) {
			branch.scope.filesSkipped++;
		}
	}

	#text(chunk: Buffer, start: number, end: number): void {
		if (end <= start) {
			return;
		}

		// The end of a line cut by the last chunk.
		let at = this.#lineBytes > 0 || this.#partial ? this.#lineInPieces(chunk, start, end) : start;

		while (at < end) {
			if (this.#counting) {
				this.#lines += countNewlines(chunk, at, end);
				const last = chunk.lastIndexOf(10, end - 1);
				this.#partial = last < at || last + 1 < end;
				return;
			}

			// Whole lines that can be read as they are: within the limits, short enough, no NUL.
			const room = Math.min(addedLineLimits.perFile - this.#read, addedLineLimits.perBranch - this.#added.branch.scope.linesRead);
			const nul = chunk.indexOf(0, at);
			let regionEnd = at;
			let lines = 0;
			let newline = chunk.indexOf(10, at);
			while (lines < room && newline !== -1 && newline < end && newline - regionEnd <= maxLineBytes && (nul === -1 || nul >= end || nul > newline)) {
				lines++;
				regionEnd = newline + 1;
				newline = chunk.indexOf(10, regionEnd);
			}

			if (lines > 0) {
				this.#readLines(chunk, at, regionEnd - 1, lines);
				at = regionEnd;
				continue;
			}

			// One line the fast way cannot take: a limit reached, a long line, a NUL, or the chunk's last bytes.
			at = this.#lineInPieces(chunk, at, end);
		}

		if (at === end) {
			this.#partial = false;
		}
	}

	/**
	 * The line from `at` kept and ended where its newline is in this chunk; else kept to
	 * the chunk's end, to be ended by the next. Returns where the next line starts (`end`
	 * past the chunk when the line goes on).
	 */
	#lineInPieces(chunk: Buffer, at: number, end: number): number {
		const newline = chunk.indexOf(10, at);
		if (newline === -1 || newline >= end) {
			this.#keep(chunk, at, end);
			this.#partial = true;
			return end + 1;
		}

		this.#keep(chunk, at, newline);
		this.#endLine();
		return newline + 1;
	}

	#keep(chunk: Buffer, start: number, end: number): void {
		if (this.#counting) {
			return;
		}

		const room = maxLineBytes - this.#lineBytes;
		if (room > 0 && end > start) {
			const piece = Buffer.from(chunk.subarray(start, Math.min(end, start + room)));
			this.#line.push(piece);
			this.#lineBytes += piece.length;
		}
	}

	/** The line kept in pieces ends. */
	#endLine(): void {
		this.#partial = false;
		if (this.#counting) {
			this.#lines++;
			return;
		}

		const line = Buffer.concat(this.#line, this.#lineBytes);
		this.#line = [];
		this.#lineBytes = 0;
		const scope = this.#added.branch.scope;
		if (this.#read >= addedLineLimits.perFile || scope.linesRead >= addedLineLimits.perBranch || line.includes(0)) {
			// Text with NUL bytes is a binary file that attributes made git diff as text.
			this.#counting = true;
			this.#lines++;
			return;
		}

		this.#readLines(line, 0, line.length, 1);
	}

	/**
	 * `count` lines, the next ones of the file, separated by newlines in `bytes` from
	 * `start` to `end`: decoded as one text and scanned, and handed on as bytes for
	 * duplicated blocks.
	 */
	#readLines(bytes: Buffer, start: number, end: number, count: number): void {
		const firstLine = this.#lines + 1;
		this.#lines += count;
		this.#read += count;
		this.#added.branch.scope.linesRead += count;
		for (const issue of scanAddedText(this.#added.file, firstLine, bytes.toString('utf8', start, end))) {
			this.#added.branch.issue(this.#added.file, issue);
		}

		this.#added.branch.lines(this.#added.file, firstLine, bytes, start, end);
	}
}

function countNewlines(chunk: Buffer, start: number, end: number): number {
	let count = 0;
	for (let newline = chunk.indexOf(10, start); newline !== -1 && newline < end; newline = chunk.indexOf(10, newline + 1)) {
		count++;
	}

	return count;
}

interface ContentSink {
	data(chunk: Buffer, start: number, end: number): void;
	end(): void;
}

type Expected = {info: (size: number | null) => void} | {contents: () => ContentSink};

/**
 * Cuts `cat-file --batch-command` output into the replies expected, in order:
 * `<oid> <type> <size>` or `<oid> missing` headers, and after a `contents` header
 * its bytes and a newline. Content is handed on as it streams, never held.
 */
class BatchReplies {
	readonly #expected: Expected[] = [];
	#head = 0;
	#header: Buffer[] = [];
	#sink: ContentSink | undefined;
	#remaining = 0;
	/** The newline after a content. */
	#trailer = false;
	#idle: Array<() => void> = [];
	#after: Array<() => void> = [];

	expect(reply: Expected): void {
		this.#expected.push(reply);
	}

	/** Runs `body` once every reply expected so far has come. */
	whenIdle(body: () => void): void {
		this.#idle.push(body);
		this.#settle();
	}

	/** Runs `body` after the reply being handled, outside the chunk loop. */
	afterReply(body: () => void): void {
		this.#after.push(body);
	}

	push(chunk: Buffer): void {
		let at = 0;
		while (at < chunk.length) {
			if (this.#sink) {
				const take = Math.min(this.#remaining, chunk.length - at);
				this.#sink.data(chunk, at, at + take);
				this.#remaining -= take;
				at += take;
				if (this.#remaining === 0) {
					const sink = this.#sink;
					this.#sink = undefined;
					this.#trailer = true;
					sink.end();
				}

				continue;
			}

			if (this.#trailer) {
				at++;
				this.#trailer = false;
				this.#reply();
				continue;
			}

			const newline = chunk.indexOf(10, at);
			if (newline === -1) {
				this.#header.push(Buffer.from(chunk.subarray(at)));
				return;
			}

			this.#header.push(chunk.subarray(at, newline));
			at = newline + 1;
			this.#headerLine(Buffer.concat(this.#header).toString('utf8'));
			this.#header = [];
		}

		this.#settle();
	}

	#headerLine(line: string): void {
		const expected = this.#expected[this.#head];
		if (!expected) {
			throw new GitCommandError(['cat-file'], `cat-file --batch-command: unexpected reply "${line.slice(0, 80)}"`, null);
		}

		const size = / (?:blob|tree|commit|tag) (\d+)$/.exec(line);
		if ('info' in expected) {
			expected.info(size ? Number(size[1]) : null);
			this.#reply();
		} else if (size) {
			this.#sink = expected.contents();
			this.#remaining = Number(size[1]);
			if (this.#remaining === 0) {
				this.#sink.end();
				this.#sink = undefined;
				this.#trailer = true;
			}
		} else {
			// Missing: no content follows; the file reads as empty.
			expected.contents().end();
			this.#reply();
		}
	}

	#reply(): void {
		this.#expected[this.#head] = undefined as unknown as Expected;
		this.#head++;
		this.#runAfter();
	}

	#runAfter(): void {
		const after = this.#after;
		this.#after = [];
		for (const body of after) {
			body();
		}
	}

	#settle(): void {
		if (this.#head >= this.#expected.length && !this.#sink && !this.#trailer && this.#idle.length > 0) {
			const idle = this.#idle;
			this.#idle = [];
			for (const body of idle) {
				body();
			}
		}
	}
}

/** The `diff` attribute of each path, in one `check-attr --stdin` process. */
/**
 * The `diff` attribute of paths, from one `check-attr -z --stdin diff` process asked as
 * the reading goes (git flushes each answer to a pipe). Answers come in the order asked.
 * If the process fails, every path is 'auto' (decided by its content), as before.
 */
class DiffAttributes {
	readonly done: Promise<void>;
	readonly #values = new Map<string, Attribute>();
	/** Paths asked and not answered yet, in order, each with what waits on it (the batch's last). */
	readonly #waiting: Array<{path: string; answered?: () => void}> = [];
	#stdin: BatchInput | undefined;
	#ended = false;
	#failed = false;
	#field = 0;
	#path = '';

	constructor(git: GitRunner) {
		const splitter = new RecordSplitter(0);
		this.done = git.runAsking(['check-attr', '-z', '--stdin', 'diff'], stdin => {
			this.#stdin = stdin;
			if (this.#ended) {
				stdin.end();
			}
		}, chunk => splitter.push(chunk, record => this.#record(record)), {inputSeparator: '\0'}).catch(() => {
			this.#failed = true;
			for (const waiting of this.#waiting.splice(0)) {
				waiting.answered?.();
			}
		});
	}

	/** Resolves once every path of `paths` has its answer. */
	async ask(paths: string[]): Promise<void> {
		const unknown = [...new Set(paths)].filter(path => !this.#values.has(path));
		if (unknown.length === 0 || this.#failed || !this.#stdin) {
			return;
		}

		await new Promise<void>(resolve => {
			unknown.forEach((path, index) => this.#waiting.push(index === unknown.length - 1 ? {path, answered: resolve} : {path}));
			this.#stdin!.write(unknown.map(path => `${path}\0`).join(''));
		});
	}

	of(path: string): Attribute {
		return this.#values.get(path) ?? 'auto';
	}

	end(): void {
		this.#ended = true;
		this.#stdin?.end();
	}

	#record(record: string): void {
		if (this.#field === 0) {
			this.#path = record;
		} else if (this.#field === 2) {
			this.#values.set(this.#path, record === 'set' || record === 'unset' ? record : 'auto');
			this.#waiting.shift()?.answered?.();
		}

		this.#field = (this.#field + 1) % 3;
	}
}
