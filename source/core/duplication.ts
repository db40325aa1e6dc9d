/**
 * Code duplicated between agents' unmerged branches (DESIGN §6.2 "no code duplicated
 * from other agents' branches"): blocks of consecutive added lines that another
 * branch adds too. Only hashes of the blocks are kept, bounded per branch, so the
 * added lines themselves can be dropped as soon as a diff is scanned.
 */
import type {HygieneIssue} from './types.js';

/** A block of `blockLines` consecutive added lines, by hash, and where it starts. */
export interface AddedBlock {
	hash: string;
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

/** A window's hash: its lines' two hashes folded in order, as FNV folds characters. */
function foldHashes(run: readonly LineDigest[]): string {
	let first = 0x81_1c_9d_c5;
	let second = 0x01_00_01_93;
	for (const entry of run) {
		first = Math.imul(first ^ entry.first, 0x01_00_01_93) >>> 0;
		second = Math.imul(second ^ entry.second, 0x5b_d1_e9_95) >>> 0;
		second ^= second >>> 15;
	}

	return blockHash(first, second >>> 0);
}

/** A block's hash as text, from its two 32-bit halves (`blockHashHalves` takes it apart). */
export function blockHash(first: number, second: number): string {
	return first.toString(36) + ':' + second.toString(36);
}

/** The two 32-bit halves of a block's hash, for a compact copy of it. */
export function blockHashHalves(hash: string): [number, number] {
	const colon = hash.indexOf(':');
	return [Number.parseInt(hash.slice(0, colon), 36) >>> 0, Number.parseInt(hash.slice(colon + 1), 36) >>> 0];
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
	const owners = new Map<string, Array<{branch: string; block: AddedBlock}>>();
	for (const branch of branches) {
		for (const block of branch.blocks) {
			const list = owners.get(block.hash) ?? [];
			if (!list.some(entry => entry.branch === branch.name)) {
				list.push({branch: branch.name, block});
				owners.set(block.hash, list);
			}
		}
	}

	const result = new Map<string, HygieneIssue[]>();
	for (const branch of branches) {
		const issues: HygieneIssue[] = [];
		let lastDuplicated: AddedBlock | undefined;
		for (const block of branch.blocks) {
			const other = owners.get(block.hash)?.find(entry => entry.branch !== branch.name);
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
	}

	return result;
}
