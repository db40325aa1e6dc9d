/**
 * Which files are coordination files, and which shape each one has, by path alone
 * (docs/design.md §3). Paths are relative to the repository root, with forward slashes.
 */
import {matchesAnyGlob} from '../glob.js';

/** The coordination files that live at the top of the repository by name. */
export const rootCoordinationFiles: readonly string[] = ['AI_CURRENT_WORK.md', 'AI_SYNC_STATUS.json', 'AI_HANDOFF.md'];

export type CoordinationFileKind = 'current-work' | 'sync-status' | 'ai-coordination' | 'coordination-status' | 'handoff';

function normalizePath(path: string): string {
	return path.replaceAll('\\', '/').replace(/^(?:\.\/)+/, '').replace(/^\/+/, '');
}

function baseName(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The shape a file has by its name, wherever it sits: a configured
 * `docs/AI_HANDOFF.md` is still a handoff. Null for files only the generic reader reads.
 */
export function coordinationFileKind(path: string): CoordinationFileKind | null {
	const name = baseName(normalizePath(path)).toUpperCase();
	if (name === 'AI_CURRENT_WORK.MD') {
		return 'current-work';
	}

	if (name === 'AI_SYNC_STATUS.JSON') {
		return 'sync-status';
	}

	if (name === 'AI_HANDOFF.MD') {
		return 'handoff';
	}

	if (name.endsWith('COORDINATION-STATUS.MD')) {
		return 'coordination-status';
	}

	if (name.endsWith('_COORDINATION.MD')) {
		return 'ai-coordination';
	}

	return null;
}

/**
 * Whether a file is read for claims: the three named files at the root, any
 * `*COORDINATION-STATUS.md`, `.github/ai-coordination/*_COORDINATION.md`, and the
 * `coordinationFiles` globs of `.switchyard.json` (matched as config paths are elsewhere).
 */
export function matchesCoordinationPath(path: string, extraGlobs: readonly string[]): boolean {
	const file = normalizePath(path);
	const name = baseName(file);
	const folder = file.slice(0, file.length - name.length);
	if (folder === '' && rootCoordinationFiles.includes(name)) {
		return true;
	}

	if (name.endsWith('COORDINATION-STATUS.md')) {
		return true;
	}

	if (folder === '.github/ai-coordination/' && name.endsWith('_COORDINATION.md')) {
		return true;
	}

	return extraGlobs.length > 0 && matchesAnyGlob(file, extraGlobs);
}

/**
 * `matchesCoordinationPath` as a predicate for asking about many paths: a status asks
 * about every changed file of every branch (58,000 on the huge-diffs shape), several
 * times. Without configured globs, a path holding neither `COORDINATION` (both named
 * shapes) nor `AI_` (every root name) is no coordination file, and is rejected by two
 * substring tests, unnormalised and unremembered; with globs, each path is matched once.
 */
export function coordinationPathTest(extraGlobs: readonly string[]): (path: string) => boolean {
	if (extraGlobs.length === 0) {
		return path => (path.includes('COORDINATION') || path.includes('AI_')) && matchesCoordinationPath(path, extraGlobs);
	}

	const answers = new Map<string, boolean>();
	return path => {
		let answer = answers.get(path);
		if (answer === undefined) {
			answer = matchesCoordinationPath(path, extraGlobs);
			answers.set(path, answer);
		}

		return answer;
	};
}

/** A folder to watch for coordination files, relative to the root ('' is the root). */
export interface CoordinationFolder {
	folder: string;
	/** Files may sit in any folder below it (a `**` or a glob in a folder name). */
	recursive: boolean;
}

/**
 * Where new coordination files can appear, from the patterns alone: the root (the
 * named files, and patterns without a slash, which match in any folder: watching the
 * whole tree for those would cost too much, so below the root they are found where
 * status finds them), `.github/ai-coordination`, and each configured glob's fixed
 * leading folders.
 */
export function coordinationFolders(extraGlobs: readonly string[]): CoordinationFolder[] {
	const folders = new Map<string, boolean>([['', false], ['.github/ai-coordination', false]]);
	for (const pattern of extraGlobs) {
		const segments = normalizePath(pattern).split('/');
		if (segments.length < 2) {
			continue;
		}

		const fixed: string[] = [];
		for (const segment of segments.slice(0, -1)) {
			if (/[*?[]/.test(segment)) {
				break;
			}

			fixed.push(segment);
		}

		const folder = fixed.join('/');
		const recursive = fixed.length < segments.length - 1;
		folders.set(folder, (folders.get(folder) ?? false) || recursive);
	}

	return [...folders].map(([folder, recursive]) => ({folder, recursive}));
}

/** The shapes switchyard can write claims in. */
export type WritableClaimsKind = Extract<CoordinationFileKind, 'current-work' | 'ai-coordination'>;

export function writableClaimsKind(path: string): WritableClaimsKind | undefined {
	const kind = coordinationFileKind(path);
	return kind === 'current-work' || kind === 'ai-coordination' ? kind : undefined;
}

/** What an unwritable `claimsFile` is told. */
export const writableShapesHint = 'name a file AI_CURRENT_WORK.md (in any folder) or *_COORDINATION.md';

/**
 * The file claims are written to: `claimsFile` when configured, else the first plain
 * path of `coordinationFiles` in a shape switchyard writes, else `AI_CURRENT_WORK.md`.
 */
export function claimsFileTarget(config: {claimsFile?: string; coordinationFiles: readonly string[]}): {path: string; kind: WritableClaimsKind} {
	const configured = [config.claimsFile, ...config.coordinationFiles.filter(pattern => !/[*?[]/.test(pattern))]
		.filter((candidate): candidate is string => candidate !== undefined)
		.map(candidate => normalizePath(candidate))
		.find(candidate => writableClaimsKind(candidate) !== undefined);
	const file = configured ?? 'AI_CURRENT_WORK.md';
	return {path: file, kind: writableClaimsKind(file)!};
}
