/**
 * Claims from the coordination files (docs/design.md §3): in the working tree, on base,
 * and on every unmerged agent branch that changed one. A branch that did not touch a
 * coordination file holds the copy it forked from, an older copy of base's, so only
 * changed copies are read: one batched `cat-file` for all refs. Identical copies
 * (same blob) are parsed once.
 */
import {createHash} from 'node:crypto';
import {lstatSync, readFileSync, realpathSync, statSync, type Stats} from 'node:fs';
import path from 'node:path';
import {decodeCoordinationBytes, maxCoordinationFileBytes, parseCoordinationFile} from '../core/claims/index.js';
import type {AgentResolver, Claim, ParseWarning} from '../core/types.js';
import type {GitRunner} from '../git/git-runner.js';
import {readBlobs, type BlobSpec} from '../git/read-blobs.js';


export interface ClaimSourceFile {
	path: string;
	/** `worktree`, the base name, or a branch name. */
	ref: string;
	/** The commit to read from; absent for the working tree. */
	commit?: string;
	/**
	 * The blob `<commit>:<path>` holds when the caller knows it already (a raw diff
	 * names it); null when the file is absent there. A blob parsed before is then not
	 * read again: a new tip that left its coordination file alone costs no process.
	 */
	blob?: string | null;
}

export interface ClaimsRead {
	claims: Claim[];
	warnings: ParseWarning[];
}

/**
 * Kept between refreshes: parsed results by blob id and path, and which blob each
 * `<commit>:<path>` holds (a commit never changes, so it is never asked again).
 */
export interface ParseCache {
	parsed: Map<string, ClaimsRead>;
	blobOf: Map<string, string | null>;
	/** The resolver the parsed results were read with: who is an agent depends on it. */
	resolver?: AgentResolver;
}

export function newParseCache(): ParseCache {
	return {parsed: new Map(), blobOf: new Map()};
}

export async function readClaims(
	git: GitRunner,
	root: string,
	sources: ClaimSourceFile[],
	resolveAgent: AgentResolver,
	cache: ParseCache,
): Promise<ClaimsRead> {
	const result: ClaimsRead = {claims: [], warnings: []};
	if (cache.resolver !== resolveAgent) {
		// A new branch prefix can make a name an agent: what was parsed before is read again.
		cache.parsed.clear();
		cache.blobOf.clear();
		cache.resolver = resolveAgent;
	}

	const fromGit = sources.filter((source): source is ClaimSourceFile & {commit: string} => source.commit !== undefined);
	const specKey = (source: {commit: string; path: string}) => `${source.commit}:${source.path}`;
	for (const source of fromGit) {
		if (source.blob === null) {
			cache.blobOf.set(specKey(source), null);
		} else if (source.blob !== undefined && cache.parsed.has(`${source.blob} ${source.path}`)) {
			cache.blobOf.set(specKey(source), `${source.blob} ${source.path}`);
		}
	}

	const unread = fromGit.filter(source => !cache.blobOf.has(specKey(source)));
	const specs: BlobSpec[] = unread.map(source => ({commit: source.commit, path: source.path}));
	const blobs = specs.length > 0 ? await readBlobs(git, specs, maxCoordinationFileBytes) : [];
	for (const spec of specs) {
		cache.blobOf.set(specKey(spec), null);
	}

	for (const blob of blobs) {
		const source = unread[specs.indexOf(blob.spec)]!;
		const key = `${blob.blob} ${source.path}`;
		cache.blobOf.set(specKey(source), key);
		if (!cache.parsed.has(key)) {
			cache.parsed.set(key, parseBytes(blob.bytes, blob.size, source, resolveAgent));
		}
	}

	const seenBlobs = new Set<string>();
	for (const source of fromGit) {
		const key = cache.blobOf.get(specKey(source));
		// Absent on that ref, or the same content on several refs: the first (base before branches) speaks for all.
		if (!key || seenBlobs.has(key)) {
			continue;
		}

		seenBlobs.add(key);
		append(result, cache.parsed.get(key)!, source.ref);
	}

	for (const source of sources.filter(source => source.commit === undefined)) {
		const file = path.join(root, source.path);
		let bytes: Buffer;
		try {
			const refusal = unreadable(root, file);
			if (refusal) {
				result.warnings.push({file: source.path, ref: source.ref, line: 0, message: refusal});
				continue;
			}

			const size = statSync(file).size;
			if (size > maxCoordinationFileBytes) {
				result.warnings.push(tooLarge(source, size));
				continue;
			}

			bytes = readFileSync(file);
		} catch {
			continue;
		}

		// A working-tree file identical to a committed copy says nothing new; that copy speaks for it.
		if (seenBlobs.has(`${gitBlobId(bytes)} ${source.path}`)) {
			continue;
		}

		append(result, parseBytes(bytes, bytes.length, source, resolveAgent), source.ref);
	}

	return result;
}

/**
 * Why a working-tree coordination file is not read, if it is not: a link that leads out
 * of the repository is not followed (the repository is not trusted to point switchyard
 * at other files), and anything but a regular file (a FIFO would block the read
 * forever, a device could be endless) is skipped. Undefined for a file that is read.
 */
function unreadable(root: string, file: string): string | undefined {
	let stats: Stats = lstatSync(file);
	if (stats.isSymbolicLink()) {
		const target = realpathSync(file);
		const inside = path.relative(realpathSync(root), target);
		if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
			return 'is a link out of the repository; not followed';
		}

		stats = statSync(target);
	}

	return stats.isFile() ? undefined : 'is not a regular file (a FIFO, a device or a folder); skipped';
}

/** The id git gives this content as a blob (SHA-1 repositories; others simply never match). */
function gitBlobId(bytes: Buffer): string {
	return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Files over the limit are named, not read: their size is known before their content. */
function tooLarge(source: ClaimSourceFile, size: number): ParseWarning {
	return {file: source.path, ref: source.ref, line: 0, message: `file of ${Math.round(size / 1024)} KB is too large to read; skipped`};
}

function parseBytes(bytes: Buffer | null, size: number, source: ClaimSourceFile, resolveAgent: AgentResolver): ClaimsRead {
	const location = {file: source.path, ref: source.ref};
	if (bytes === null) {
		return {claims: [], warnings: [tooLarge(source, size)]};
	}

	const decoded = decodeCoordinationBytes(bytes, location);
	if (decoded.text === null) {
		return {claims: [], warnings: decoded.warnings};
	}

	const parsed = parseCoordinationFile(source.path, decoded.text, {file: source.path, ref: source.ref, resolveAgent});
	return {claims: parsed.claims, warnings: [...decoded.warnings, ...parsed.warnings]};
}

/** Cached results carry the ref they were first parsed on; restamp them with this one. */
function append(result: ClaimsRead, parsed: ClaimsRead, ref: string): void {
	for (const claim of parsed.claims) {
		result.claims.push({...claim, source: {...claim.source, ref}});
	}

	for (const warning of parsed.warnings) {
		result.warnings.push({...warning, ref});
	}
}
