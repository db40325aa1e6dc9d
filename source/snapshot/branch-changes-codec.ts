/**
 * How a branch's diff facts (`BranchChanges`) are kept in the state folder's answers
 * (`kept-answers.ts`), compactly: a branch that adds thousands of files keeps up to
 * 8,192 duplication blocks, and written as objects (`{hash, file, line}`, the file's
 * name in each) one such branch took ~0.6 MB, so the answers' cap held only a part of
 * a repository of test-vector branches and a warm `status` diffed the rest again.
 *
 * - Files: one table per branch, the changed files first (`files`), then any other
 *   file a block names; blocks name files by index.
 * - Blocks: runs of consecutive windows of one file, `[file, firstLine, count]`
 *   triples (a window starts one line after the one before, unless a short window was
 *   left out), as the block list keeps them; their hashes (53-bit numbers) as
 *   little-endian 64-bit floats, as one base64 string: the list's own array, written
 *   without a pass over 8,192 blocks (a pass in a fresh process, where the loop is
 *   not yet compiled, cost ~40 ms of a cold status on the huge-diffs shape).
 *
 * Decoding checks the outline and every index: anything else is `undefined`, and the
 * branch is diffed again.
 */
import {BlockList} from '../core/duplication.js';
import type {BranchChanges} from './collector.js';
import type {DiffCodec} from './kept-answers.js';

interface Stored {
	/** The file table; the first `changed` are the branch's changed files. */
	files: string[];
	changed: number;
	binaries: BranchChanges['binaries'];
	lineIssues: BranchChanges['lineIssues'];
	scope?: BranchChanges['scope'];
	/** Triples: file index, first window's line, windows in the run. */
	runs: number[];
	/** Base64 of a little-endian float64 per block (its hash), in block order. */
	hashes: string;
	coordinationBlobs?: Record<string, string>;
}

export const branchChangesCodec: DiffCodec<BranchChanges> = {
	encode(changes: BranchChanges): Stored {
		const {blocks} = changes;
		// Each block file's place in the table: its first in `files`, else after them. Only
		// the files blocks name are looked for (a branch may change thousands and read few).
		const wanted = new Map(blocks.files.map((file, id) => [file, id]));
		const stored = blocks.files.map(() => -1);
		for (let at = 0; at < changes.files.length && wanted.size > 0; at++) {
			const id = wanted.get(changes.files[at]!);
			if (id !== undefined) {
				stored[id] = at;
				wanted.delete(changes.files[at]!);
			}
		}

		const files = wanted.size === 0 ? changes.files : [...changes.files];
		for (const [file, id] of wanted) {
			stored[id] = files.length;
			files.push(file);
		}

		const runs = [...blocks.runs()];
		for (let at = 0; at < runs.length; at += 3) {
			runs[at] = stored[runs[at]!]!;
		}

		return {
			files,
			changed: changes.files.length,
			binaries: changes.binaries,
			lineIssues: changes.lineIssues,
			...(changes.scope ? {scope: changes.scope} : {}),
			runs,
			hashes: hashesText(blocks.columns().hashes),
			...(changes.coordinationBlobs ? {coordinationBlobs: changes.coordinationBlobs} : {}),
		};
	},

	decode(stored: unknown): BranchChanges | undefined {
		if (!isStored(stored)) {
			return undefined;
		}

		const hashes = hashesOf(stored.hashes);
		const blocks = hashes && BlockList.fromRuns(stored.files, hashes, stored.runs);
		if (!blocks) {
			return undefined;
		}

		return {
			files: stored.files.slice(0, stored.changed),
			binaries: stored.binaries,
			lineIssues: stored.lineIssues,
			...(stored.scope ? {scope: stored.scope} : {}),
			blocks,
			...(stored.coordinationBlobs ? {coordinationBlobs: stored.coordinationBlobs} : {}),
		};
	},
};

const littleEndian = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

function hashesText(hashes: Float64Array): string {
	if (littleEndian) {
		return Buffer.from(hashes.buffer, hashes.byteOffset, hashes.byteLength).toString('base64');
	}

	const bytes = Buffer.alloc(hashes.byteLength);
	hashes.forEach((hash, at) => bytes.writeDoubleLE(hash, at * 8));
	return bytes.toString('base64');
}

/** The hashes, or undefined unless each is a whole number of 53 bits at most (duplication.ts's). */
function hashesOf(text: string): Float64Array<ArrayBuffer> | undefined {
	const bytes = Buffer.from(text, 'base64');
	if (bytes.length % 8 !== 0) {
		return undefined;
	}

	const hashes = new Float64Array(bytes.length / 8);
	if (littleEndian) {
		new Uint8Array(hashes.buffer).set(bytes);
	} else {
		hashes.forEach((_, at) => (hashes[at] = bytes.readDoubleLE(at * 8)));
	}

	for (const hash of hashes) {
		if (!(hash >= 0 && hash <= Number.MAX_SAFE_INTEGER && Number.isInteger(hash))) {
			return undefined;
		}
	}

	return hashes;
}

function isStored(data: unknown): data is Stored {
	if (typeof data !== 'object' || data === null) {
		return false;
	}

	const stored = data as Partial<Stored>;
	return Array.isArray(stored.files)
		&& stored.files.every(file => typeof file === 'string')
		&& typeof stored.changed === 'number' && stored.changed >= 0 && stored.changed <= stored.files.length
		&& Array.isArray(stored.binaries)
		&& Array.isArray(stored.lineIssues)
		&& Array.isArray(stored.runs) && stored.runs.length % 3 === 0
		&& typeof stored.hashes === 'string';
}
