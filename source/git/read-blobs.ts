/**
 * File contents at many refs in one or two `cat-file` processes: `<sha>:<path>`
 * specs go on stdin (never on a command line), sizes are checked first when there
 * are many, so that a huge file is named, not read.
 */
import type {GitRunner} from './git-runner.js';

export interface BlobSpec {
	commit: string;
	path: string;
}

export interface BlobResult {
	spec: BlobSpec;
	/** The blob id, so that identical copies on many refs are parsed once. */
	blob: string;
	size: number;
	/** null when the file is larger than the limit (not read). */
	bytes: Buffer | null;
}

/** With few specs a single `--batch` is cheaper than asking sizes first. */
const singlePassLimit = 24;

export async function readBlobs(git: GitRunner, specs: BlobSpec[], maxBytes: number): Promise<BlobResult[]> {
	// A path with a newline cannot be written on a batch line; such a file is skipped.
	const usable = specs.filter(spec => !spec.path.includes('\n'));
	if (usable.length === 0) {
		return [];
	}

	if (usable.length <= singlePassLimit) {
		const contents = await catFileBatch(git, usable.map(specName));
		return usable.flatMap((spec, index) => {
			const entry = contents[index];
			return entry ? [{spec, blob: entry.blob, size: entry.size, bytes: entry.size <= maxBytes ? entry.bytes : null}] : [];
		});
	}

	const infos = parseBatchCheck(await git.run(['cat-file', '--batch-check'], {input: usable.map(specName).join('\n') + '\n'}), usable.length);
	const wanted = [...new Set(infos.filter(info => info && info.type === 'blob' && info.size <= maxBytes).map(info => info!.blob))];
	const contents = wanted.length > 0 ? await catFileBatch(git, wanted) : [];
	const byBlob = new Map(contents.filter(Boolean).map(entry => [entry!.blob, entry!.bytes]));
	return usable.flatMap((spec, index) => {
		const info = infos[index];
		if (!info || info.type !== 'blob') {
			return [];
		}

		return [{spec, blob: info.blob, size: info.size, bytes: byBlob.get(info.blob) ?? null}];
	});
}

function specName(spec: BlobSpec): string {
	return `${spec.commit}:${spec.path}`;
}

interface ObjectInfo {
	blob: string;
	type: string;
	size: number;
}

function parseBatchCheck(output: string, count: number): Array<ObjectInfo | null> {
	const lines = output.split('\n');
	const infos: Array<ObjectInfo | null> = [];
	for (let index = 0; index < count; index++) {
		infos.push(parseHeader(lines[index] ?? ''));
	}

	return infos;
}

function parseHeader(line: string): ObjectInfo | null {
	const match = /^([0-9a-f]{40,64}) (\w+) (\d+)$/.exec(line);
	return match ? {blob: match[1]!, type: match[2]!, size: Number(match[3])} : null;
}

/** `--batch` answers `<oid> <type> <size>\n<bytes>\n`, or `<name> missing\n`, in input order. */
async function catFileBatch(git: GitRunner, names: string[]): Promise<Array<(ObjectInfo & {bytes: Buffer}) | null>> {
	const output = await git.runBytes(['cat-file', '--batch'], names.join('\n') + '\n');
	const results: Array<(ObjectInfo & {bytes: Buffer}) | null> = [];
	let offset = 0;
	for (let index = 0; index < names.length && offset < output.length; index++) {
		const newline = output.indexOf(10, offset);
		if (newline === -1) {
			break;
		}

		const header = parseHeader(output.subarray(offset, newline).toString('utf8'));
		offset = newline + 1;
		if (!header) {
			results.push(null);
			continue;
		}

		results.push({...header, bytes: output.subarray(offset, offset + header.size)});
		offset += header.size + 1;
	}

	return results;
}

/** Every path in a commit's tree, one `ls-tree` process. */
export async function listTreePaths(git: GitRunner, commit: string): Promise<string[]> {
	const output = await git.run(['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit]);
	return output.split('\0').filter(Boolean);
}

/** Sizes of objects by id, in one `cat-file --batch-check` (for the large-binary check). */
export async function readObjectSizes(git: GitRunner, objects: string[]): Promise<Map<string, number>> {
	if (objects.length === 0) {
		return new Map();
	}

	const infos = parseBatchCheck(await git.run(['cat-file', '--batch-check'], {input: objects.join('\n') + '\n'}), objects.length);
	return new Map(infos.filter((info): info is ObjectInfo => info !== null).map(info => [info.blob, info.size]));
}
