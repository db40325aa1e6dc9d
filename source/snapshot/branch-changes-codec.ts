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
 *   left out); their hashes (53-bit numbers), low and high 32 bits, as one base64 string.
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
	/** Base64 of two little-endian uint32 per block (a hash's low, then high bits), in block order. */
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

		const runs: number[] = [];
		const hashes = Buffer.alloc(blocks.length * 8);
		const view = new DataView(hashes.buffer, hashes.byteOffset, hashes.byteLength);
		const columns = blocks.columns();
		for (let at = 0; at < blocks.length; at++) {
			const hash = columns.hashes[at]!;
			view.setUint32(at * 8, hash % 0x1_00_00_00_00, true);
			view.setUint32(at * 8 + 4, Math.floor(hash / 0x1_00_00_00_00), true);
			if (at > 0 && columns.fileIds[at - 1] === columns.fileIds[at] && columns.lines[at - 1]! + 1 === columns.lines[at]) {
				runs[runs.length - 1]!++;
			} else {
				runs.push(stored[columns.fileIds[at]!]!, columns.lines[at]!, 1);
			}
		}

		return {
			files,
			changed: changes.files.length,
			binaries: changes.binaries,
			lineIssues: changes.lineIssues,
			...(changes.scope ? {scope: changes.scope} : {}),
			runs,
			hashes: hashes.toString('base64'),
			...(changes.coordinationBlobs ? {coordinationBlobs: changes.coordinationBlobs} : {}),
		};
	},

	decode(stored: unknown): BranchChanges | undefined {
		if (!isStored(stored)) {
			return undefined;
		}

		const hashes = Buffer.from(stored.hashes, 'base64');
		const view = new DataView(hashes.buffer, hashes.byteOffset, hashes.byteLength);
		const blocks = new BlockList();
		for (let at = 0; at < stored.runs.length; at += 3) {
			const file = stored.files[stored.runs[at]!];
			const line = stored.runs[at + 1]!;
			const count = stored.runs[at + 2]!;
			if (file === undefined || !Number.isInteger(line) || !Number.isInteger(count) || line < 0 || count < 1 || line + count > 0x7f_ff_ff_ff || (blocks.length + count) * 8 > hashes.length) {
				return undefined;
			}

			for (let window = 0; window < count; window++) {
				const offset = blocks.length * 8;
				// 53 bits at most (duplication.ts's hashes), so a corrupt high half cannot make an inexact number.
				blocks.add((view.getUint32(offset + 4, true) & 0x1f_ff_ff) * 0x1_00_00_00_00 + view.getUint32(offset, true), file, line + window);
			}
		}

		if (blocks.length * 8 !== hashes.length) {
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
