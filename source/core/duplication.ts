/**
 * Code duplicated between agents' unmerged branches (DESIGN §6.2 "no code duplicated
 * from other agents' branches"): blocks of consecutive added lines that another
 * branch adds too. Only hashes of the blocks are kept, bounded per branch, so the
 * added lines themselves can be dropped as soon as a diff is scanned.
 */
import type {HygieneIssue} from './types.js';

/** A block of `blockLines` consecutive added lines, by hash, and where it starts. */
export interface AddedBlock {
	/** The window's trimmed lines hashed: a 53-bit number, so a Map keys it without a string. */
	hash: number;
	file: string;
	line: number;
}

/** Four lines is a short function body or a copied condition: less would match boilerplate. */
export const blockLines = 4;
/** Per branch: a branch adding more than this many blocks keeps its first ones only. */
export const maxBlocksPerBranch = 8192;
/** A block whose lines hold less text than this is braces and blank lines, not code worth reporting. */
const minBlockChars = 40;
const maxReportsPerBranch = 50;

/** Shared by every empty BlockList (a typed array is written only after `#grow` replaced these). */
const noHashes = new Float64Array(0);
const noIndexes = new Int32Array(0);

/**
 * A branch's blocks, in block order, in typed arrays: a branch of test vectors keeps
 * 8,192 of them, and forty such branches as `AddedBlock` objects were 300,000 objects
 * alive through the whole run (their garbage collection cost more than their hashing).
 * Files are named by index into `files`.
 */
export class BlockList {
	readonly files: string[] = [];
	// Allocated by the first block: most branches of a repository with thousands have none.
	#hashes = noHashes;
	#fileIds = noIndexes;
	#lines = noIndexes;
	#length = 0;
	readonly #idOfFile = new Map<string, number>();
	#lastFile = '';
	#lastFileId = -1;
	/**
	 * Runs of blocks that follow each other in one file (each one line after the one
	 * before), as triples: file id, first line, blocks. Kept as blocks are added, so the
	 * kept answers store a branch's 8,192 blocks as a few runs without a pass over them.
	 */
	readonly #runs: number[] = [];

	get length(): number {
		return this.#length;
	}

	add(hash: number, file: string, line: number): void {
		if (this.#length === this.#hashes.length) {
			this.#grow();
		}

		const fileId = this.#fileId(file);
		this.#hashes[this.#length] = hash;
		this.#fileIds[this.#length] = fileId;
		this.#lines[this.#length] = line;
		this.#length++;
		const runs = this.#runs;
		const last = runs.length - 3;
		if (last >= 0 && runs[last] === fileId && runs[last + 1]! + runs[last + 2]! === line) {
			runs[last + 2]!++;
		} else {
			runs.push(fileId, line, 1);
		}
	}

	/**
	 * The list of `files` whose blocks are `hashes`, in runs (file index, first line,
	 * blocks: as `runs()` gives them). Undefined when the runs do not fit the hashes or
	 * name a file that is not there.
	 */
	static fromRuns(files: readonly string[], hashes: Float64Array<ArrayBuffer>, runs: readonly number[]): BlockList | undefined {
		const list = new BlockList();
		list.#hashes = hashes;
		list.#fileIds = new Int32Array(hashes.length);
		list.#lines = new Int32Array(hashes.length);
		for (let at = 0; at + 2 < runs.length; at += 3) {
			const file = files[runs[at]!];
			const line = runs[at + 1]!;
			const count = runs[at + 2]!;
			if (file === undefined || !Number.isInteger(line) || !Number.isInteger(count) || line < 0 || count < 1 || line + count > 0x7f_ff_ff_ff || list.#length + count > hashes.length) {
				return undefined;
			}

			const fileId = list.#fileId(file);
			list.#fileIds.fill(fileId, list.#length, list.#length + count);
			for (let window = 0; window < count; window++) {
				list.#lines[list.#length + window] = line + window;
			}

			list.#length += count;
			list.#runs.push(fileId, line, count);
		}

		return list.#length === hashes.length && runs.length % 3 === 0 ? list : undefined;
	}

	/** The runs of blocks, as triples: file id (into `files`), first line, blocks in the run. */
	runs(): readonly number[] {
		return this.#runs;
	}

	/** The blocks' hashes, files (ids into `files`) and lines, as views of the arrays: for loops over all of them. */
	columns(): {hashes: Float64Array; fileIds: Int32Array; lines: Int32Array} {
		return {hashes: this.#hashes.subarray(0, this.#length), fileIds: this.#fileIds.subarray(0, this.#length), lines: this.#lines.subarray(0, this.#length)};
	}

	hash(index: number): number {
		return this.#hashes[index]!;
	}

	file(index: number): string {
		return this.files[this.#fileIds[index]!]!;
	}

	fileId(index: number): number {
		return this.#fileIds[index]!;
	}

	line(index: number): number {
		return this.#lines[index]!;
	}

	/** This list, then `other`'s blocks. */
	concat(other: BlockList): BlockList {
		const list = new BlockList();
		for (const from of [this, other]) {
			for (let index = 0; index < from.length; index++) {
				list.add(from.hash(index), from.file(index), from.line(index));
			}
		}

		return list;
	}

	/** The blocks whose file `drop` does not want; each file asked once. */
	without(drop: (file: string) => boolean): BlockList {
		const dropped = this.files.map(file => drop(file));
		if (!dropped.includes(true)) {
			return this;
		}

		const list = new BlockList();
		for (let index = 0; index < this.#length; index++) {
			if (!dropped[this.#fileIds[index]!]) {
				list.add(this.#hashes[index]!, this.file(index), this.#lines[index]!);
			}
		}

		return list;
	}

	toArray(): AddedBlock[] {
		return Array.from({length: this.#length}, (_, index) => ({hash: this.hash(index), file: this.file(index), line: this.line(index)}));
	}

	#fileId(file: string): number {
		if (file !== this.#lastFile || this.#lastFileId === -1) {
			let id = this.#idOfFile.get(file);
			if (id === undefined) {
				id = this.files.length;
				this.files.push(file);
				this.#idOfFile.set(file, id);
			}

			this.#lastFile = file;
			this.#lastFileId = id;
		}

		return this.#lastFileId;
	}

	#grow(): void {
		const size = Math.max(64, this.#hashes.length * 2);
		const hashes = new Float64Array(size);
		hashes.set(this.#hashes);
		const fileIds = new Int32Array(size);
		fileIds.set(this.#fileIds);
		const lines = new Int32Array(size);
		lines.set(this.#lines);
		this.#hashes = hashes;
		this.#fileIds = fileIds;
		this.#lines = lines;
	}
}

/**
 * Every window of `blockLines` consecutive added lines of one file (consecutive line
 * numbers), hashed on its trimmed text. Lines are pushed in diff order, in as many
 * calls as the reader likes (a streamed diff pushes batch after batch): a window
 * spanning two pushes is still found. Keeps at most `limit` blocks.
 */
export class BlockCollector {
	readonly blocks = new BlockList();
	/**
	 * The last `blockLines` lines of the current run, each hashed and measured once: a
	 * ring, by `#run % blockLines`. Plain arrays of numbers: a typed array each cost a
	 * buffer per branch (thousands of branches, two readers each).
	 */
	readonly #first = ring();
	readonly #second = ring();
	readonly #chars = ring();
	readonly #lines = ring();
	/** Lines in the current run of consecutive lines of one file. */
	#run = 0;
	#file = '';
	#line = -1;

	constructor(readonly limit = maxBlocksPerBranch) {}

	push(lines: ReadonlyArray<{file: string; line: number; text: string}>): void {
		for (const added of lines) {
			if (this.blocks.length >= this.limit) {
				return;
			}

			this.#add(added.file, added.line, added.text, 0, added.text.length);
		}
	}

	/**
	 * Lines `firstLine`, `firstLine + 1`, … of `file`, as UTF-8 bytes from `start` to
	 * `end`: the lines separated by newlines (none after the last). A file read from its
	 * blob hands over a chunk of lines this way: hashed where they lie, no string or
	 * object per line. The blocks are those `push` finds for the same lines decoded.
	 */
	pushBytes(file: string, firstLine: number, bytes: Uint8Array, start: number, end: number): void {
		let line = firstLine;
		while (this.blocks.length < this.limit) {
			const found = bytes.indexOf(10, start);
			const newline = found === -1 || found > end ? end : found;
			this.#add(file, line, bytes, start, newline);
			if (newline >= end) {
				return;
			}

			start = newline + 1;
			line++;
		}
	}

	/** One line: `source` (a text, or UTF-8 bytes) from `start` to `end`. */
	#add(file: string, line: number, source: string | Uint8Array, start: number, end: number): void {
		if (this.#file !== file || this.#line + 1 !== line) {
			this.#run = 0;
		}

		this.#file = file;
		this.#line = line;
		// Each line is hashed once, on its trimmed text; a window's hash folds its lines'
		// hashes (a window re-hashing its four lines' text cost most of a large branch's reading).
		const slot = this.#run % blockLines;
		if (typeof source === 'string') {
			digestText(source, start, end, this.#first, this.#second, this.#chars, slot);
		} else {
			digestBytes(source, start, end, this.#first, this.#second, this.#chars, slot);
		}

		this.#lines[slot] = line;
		this.#run++;
		if (this.#run < blockLines) {
			return;
		}

		let chars = 0;
		for (let index = 0; index < blockLines; index++) {
			chars += this.#chars[index]!;
		}

		if (chars >= minBlockChars) {
			const oldest = this.#run % blockLines;
			this.blocks.add(foldHashes(this.#first, this.#second, oldest), file, this.#lines[oldest]!);
		}
	}
}

const whiteSpace = /\s/;

function ring(): number[] {
	return Array.from({length: blockLines}, () => 0);
}

/** What `String.prototype.trim` strips: white space and line terminators (the same set as `\s`). */
function isSpace(text: string, index: number): boolean {
	const code = text.charCodeAt(index);
	return code === 32 || (code >= 9 && code <= 13) || (code >= 128 && whiteSpace.test(text.charAt(index)));
}

/** The ASCII white space of `isSpace`. */
function isAsciiSpace(code: number | undefined): boolean {
	return code === 32 || (code !== undefined && code >= 9 && code <= 13);
}

/*
 * A line's digest: two 32-bit FNV-1a variants of its trimmed text's UTF-8 bytes, taken
 * four bytes a step (a 32-bit word, little-endian; the last one to three bytes one a
 * step), and how many of its characters are not white space (UTF-16 units, as
 * `isSpace` sees them). A line read from a blob is hashed from its bytes where they
 * lie; a line of a patch from its text, encoded: both give one digest for one line. A
 * line of bytes with any outside ASCII is decoded and digested as text (so bytes that
 * are not UTF-8 hash as the U+FFFD that decoding made of them, in both).
 */

/** Where a patch line's text is encoded to be hashed: no Buffer per line. */
const lineBytes = Buffer.allocUnsafe(3 * 64 * 1024);

/** The digest of `text` from `start` to `end`, written at `slot`. */
function digestText(text: string, start: number, end: number, firsts: number[], seconds: number[], counts: number[], slot: number): void {
	while (start < end && isSpace(text, start)) {
		start++;
	}

	while (end > start && isSpace(text, end - 1)) {
		end--;
	}

	const line = text.slice(start, end);
	// A UTF-16 unit is at most three bytes of UTF-8.
	const bytes = line.length * 3 <= lineBytes.length ? lineBytes : Buffer.from(line, 'utf8');
	const digest = hashBytes(bytes, 0, bytes === lineBytes ? lineBytes.write(line, 0, 'utf8') : bytes.length);
	firsts[slot] = digest.first;
	seconds[slot] = digest.second;
	counts[slot] = digest.high < 128 ? digest.chars : nonSpaceCharacters(line);
}

/** The digest of UTF-8 `bytes` from `start` to `end`, written at `slot`: the same as `digestText` of them decoded. */
function digestBytes(bytes: Uint8Array, start: number, end: number, firsts: number[], seconds: number[], counts: number[], slot: number): void {
	const from = start;
	const to = end;
	while (start < end && isAsciiSpace(bytes[start])) {
		start++;
	}

	while (end > start && isAsciiSpace(bytes[end - 1])) {
		end--;
	}

	const digest = hashBytes(bytes, start, end);
	if (digest.high >= 128) {
		const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', from, to);
		digestText(text, 0, text.length, firsts, seconds, counts, slot);
		return;
	}

	firsts[slot] = digest.first;
	seconds[slot] = digest.second;
	counts[slot] = digest.chars;
}

/** The characters of `text` that are not white space, as `isSpace` sees them. */
function nonSpaceCharacters(text: string): number {
	let chars = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code > 32 && (code < 128 || !whiteSpace.test(text.charAt(index)))) {
			chars++;
		}
	}

	return chars;
}

/**
 * The word hashes of `bytes` from `start` to `end`, the bytes over 32 among them, and
 * every byte or-ed (128 or more: not ASCII). Hashes are kept as signed 32-bit numbers
 * here and in the rings (`foldHashes` folds them as such): small integers to V8, so the
 * fields never change representation (unsigned ones over 2^31 did, and cost the
 * hottest loop five deoptimizations a run).
 */
const hashed = {first: 0, second: 0, chars: 0, high: 0};

function hashBytes(bytes: Uint8Array, start: number, end: number): typeof hashed {
	let first = 0x81_1c_9d_c5;
	let second = 0x01_00_01_93;
	let chars = 0;
	let high = 0;
	let index = start;
	for (; index + 4 <= end; index += 4) {
		const a = bytes[index]!;
		const b = bytes[index + 1]!;
		const c = bytes[index + 2]!;
		const d = bytes[index + 3]!;
		high |= a | b | c | d;
		chars += (a > 32 ? 1 : 0) + (b > 32 ? 1 : 0) + (c > 32 ? 1 : 0) + (d > 32 ? 1 : 0);
		const word = a | (b << 8) | (c << 16) | (d << 24);
		first = Math.imul(first ^ word, 0x01_00_01_93);
		second = Math.imul(second ^ word, 0x5b_d1_e9_95);
		second ^= second >>> 15;
	}

	for (; index < end; index++) {
		const code = bytes[index]!;
		high |= code;
		chars += code > 32 ? 1 : 0;
		first = Math.imul(first ^ code, 0x01_00_01_93);
		second = Math.imul(second ^ code, 0x5b_d1_e9_95);
		second ^= second >>> 15;
	}

	hashed.first = first | 0;
	hashed.second = second | 0;
	hashed.chars = chars;
	hashed.high = high;
	return hashed;
}

/**
 * A window's hash: its lines' two hashes folded in order, as FNV folds characters; 21
 * bits of one and 32 of the other make an exact integer (a chance collision among a
 * million blocks is about one in ten thousand).
 */
function foldHashes(firsts: readonly number[], seconds: readonly number[], oldest: number): number {
	let first = 0x81_1c_9d_c5;
	let second = 0x01_00_01_93;
	for (let step = 0; step < blockLines; step++) {
		const slot = (oldest + step) % blockLines;
		first = Math.imul(first ^ firsts[slot]!, 0x01_00_01_93) >>> 0;
		second = Math.imul(second ^ seconds[slot]!, 0x5b_d1_e9_95) >>> 0;
		second ^= second >>> 15;
	}

	return (first & 0x1f_ff_ff) * 0x1_00_00_00_00 + (second >>> 0);
}

/** The blocks of one list of added lines: a BlockCollector fed once. */
export function addedBlocks(lines: ReadonlyArray<{file: string; line: number; text: string}>, limit = maxBlocksPerBranch): BlockList {
	const collector = new BlockCollector(limit);
	collector.push(lines);
	return collector.blocks;
}

/**
 * For each branch, the blocks it adds that another branch adds too: one issue per run
 * of overlapping duplicated windows, naming the other branch and where it has them.
 */
export function findDuplicates(branches: ReadonlyArray<{name: string; blocks: BlockList}>): Map<string, HygieneIssue[]> {
	// The first two branches adding each hash, as `branch * stride + block` (no object per
	// hash: a repository of test-vector branches has hundreds of thousands of them).
	const stride = Math.max(1, ...branches.map(branch => branch.blocks.length));
	const first = new Map<number, number>();
	const second = new Map<number, number>();
	branches.forEach(({blocks}, index) => {
		const {hashes} = blocks.columns();
		for (let at = 0; at < hashes.length; at++) {
			const hash = hashes[at]!;
			const owner = first.get(hash);
			if (owner === undefined) {
				first.set(hash, index * stride + at);
			} else if (Math.floor(owner / stride) !== index && !second.has(hash)) {
				second.set(hash, index * stride + at);
			}
		}
	});
	const ownerOf = (packed: number) => {
		const branch = branches[Math.floor(packed / stride)]!;
		const at = packed % stride;
		return {branch: branch.name, file: branch.blocks.file(at), line: branch.blocks.line(at)};
	};

	const otherThan = (index: number, hash: number) => {
		const owner = first.get(hash);
		if (owner === undefined) {
			return undefined;
		}

		const other = Math.floor(owner / stride) === index ? second.get(hash) : owner;
		return other === undefined ? undefined : ownerOf(other);
	};

	const result = new Map<string, HygieneIssue[]>();
	branches.forEach(({name, blocks}, index) => {
		const issues: HygieneIssue[] = [];
		let lastDuplicated = -1;
		const {hashes} = blocks.columns();
		for (let at = 0; at < hashes.length; at++) {
			const other = otherThan(index, hashes[at]!);
			if (!other) {
				continue;
			}

			// A window overlapping the last duplicated one belongs to the same run: reported once.
			const continues = lastDuplicated !== -1 && blocks.fileId(lastDuplicated) === blocks.fileId(at) && blocks.line(at) - blocks.line(lastDuplicated) < blockLines;
			lastDuplicated = at;
			if (!continues && issues.length < maxReportsPerBranch) {
				issues.push({kind: 'duplicate-code', detail: `${blocks.file(at)}:${blocks.line(at)} (also added by ${other.branch} at ${other.file}:${other.line})`});
			}
		}

		if (issues.length > 0) {
			result.set(name, issues);
		}
	});

	return result;
}
