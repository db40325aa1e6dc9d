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

/**
 * Every window of `blockLines` consecutive added lines of one file (consecutive line
 * numbers), hashed on its trimmed text. Lines are pushed in diff order, in as many
 * calls as the reader likes (a streamed diff pushes batch after batch): a window
 * spanning two pushes is still found. Keeps at most `limit` blocks.
 */
export class BlockCollector {
	readonly blocks: AddedBlock[] = [];
	/** The last `blockLines` lines of the current run, each hashed and measured once. */
	readonly #run: LineDigest[] = [];
	#file = '';
	#line = -1;

	constructor(readonly limit = maxBlocksPerBranch) {}

	push(lines: ReadonlyArray<{file: string; line: number; text: string}>): void {
		for (const added of lines) {
			if (this.blocks.length >= this.limit) {
				return;
			}

			if (this.#file !== added.file || this.#line + 1 !== added.line) {
				this.#run.length = 0;
			}

			this.#file = added.file;
			this.#line = added.line;
			// Each line is hashed once; a window's hash folds its lines' hashes (a window
			// re-hashing its four lines' text cost most of a large branch's reading).
			this.#run.push(digestLine(added.text.trim(), added.line));
			if (this.#run.length > blockLines) {
				this.#run.shift();
			}

			if (this.#run.length === blockLines) {
				let chars = 0;
				for (const entry of this.#run) {
					chars += entry.chars;
				}

				if (chars >= minBlockChars) {
					this.blocks.push({hash: foldHashes(this.#run), file: added.file, line: this.#run[0]!.line});
				}
			}
		}
	}
}

interface LineDigest {
	line: number;
	first: number;
	second: number;
	/** Characters that are not white space. */
	chars: number;
}

const whiteSpace = /\s/;

/** Two 32-bit FNV-1a variants of one trimmed line, and how much of it is not white space. */
function digestLine(text: string, line: number): LineDigest {
	let first = 0x81_1c_9d_c5;
	let second = 0x01_00_01_93;
	let chars = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		first = Math.imul(first ^ code, 0x01_00_01_93) >>> 0;
		second = Math.imul(second ^ code, 0x5b_d1_e9_95) >>> 0;
		second ^= second >>> 15;
		if (code > 32 && (code < 128 || !whiteSpace.test(text.charAt(index)))) {
			chars++;
		}
	}

	return {line, first, second, chars};
}

/**
 * A window's hash: its lines' two hashes folded in order, as FNV folds characters; 21
 * bits of one and 32 of the other make an exact integer (a chance collision among a
 * million blocks is about one in ten thousand).
 */
function foldHashes(run: readonly LineDigest[]): number {
	let first = 0x81_1c_9d_c5;
	let second = 0x01_00_01_93;
	for (const entry of run) {
		first = Math.imul(first ^ entry.first, 0x01_00_01_93) >>> 0;
		second = Math.imul(second ^ entry.second, 0x5b_d1_e9_95) >>> 0;
		second ^= second >>> 15;
	}

	return (first & 0x1f_ff_ff) * 0x1_00_00_00_00 + (second >>> 0);
}

/** The blocks of one list of added lines: a BlockCollector fed once. */
export function addedBlocks(lines: ReadonlyArray<{file: string; line: number; text: string}>, limit = maxBlocksPerBranch): AddedBlock[] {
	const collector = new BlockCollector(limit);
	collector.push(lines);
	return collector.blocks;
}

/**
 * For each branch, the blocks it adds that another branch adds too: one issue per run
 * of overlapping duplicated windows, naming the other branch and where it has them.
 */
export function findDuplicates(branches: ReadonlyArray<{name: string; blocks: readonly AddedBlock[]}>): Map<string, HygieneIssue[]> {
	// The first two branches adding each hash, as `branch * stride + block` (no object per
	// hash: a repository of test-vector branches has hundreds of thousands of them).
	const stride = Math.max(1, ...branches.map(branch => branch.blocks.length));
	const first = new Map<number, number>();
	const second = new Map<number, number>();
	branches.forEach((branch, index) => {
		branch.blocks.forEach((block, at) => {
			const owner = first.get(block.hash);
			if (owner === undefined) {
				first.set(block.hash, index * stride + at);
			} else if (Math.floor(owner / stride) !== index && !second.has(block.hash)) {
				second.set(block.hash, index * stride + at);
			}
		});
	});
	const ownerOf = (packed: number) => ({branch: branches[Math.floor(packed / stride)]!.name, block: branches[Math.floor(packed / stride)]!.blocks[packed % stride]!});
	const otherThan = (index: number, hash: number) => {
		const owner = first.get(hash);
		if (owner === undefined) {
			return undefined;
		}

		const other = Math.floor(owner / stride) === index ? second.get(hash) : owner;
		return other === undefined ? undefined : ownerOf(other);
	};

	const result = new Map<string, HygieneIssue[]>();
	branches.forEach((branch, index) => {
		const issues: HygieneIssue[] = [];
		let lastDuplicated: AddedBlock | undefined;
		for (const block of branch.blocks) {
			const other = otherThan(index, block.hash);
			if (!other) {
				continue;
			}

			// A window overlapping the last duplicated one belongs to the same run: reported once.
			const continues = lastDuplicated?.file === block.file && block.line - lastDuplicated.line < blockLines;
			lastDuplicated = block;
			if (!continues && issues.length < maxReportsPerBranch) {
				issues.push({kind: 'duplicate-code', detail: `${block.file}:${block.line} (also added by ${other.branch} at ${other.block.file}:${other.block.line})`});
			}
		}

		if (issues.length > 0) {
			result.set(branch.name, issues);
		}
	});

	return result;
}
