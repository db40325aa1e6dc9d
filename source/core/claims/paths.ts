/**
 * Which files are coordination files, and which shape each one has, by path alone
 * (DESIGN.md §3). Paths are relative to the repository root, with forward slashes.
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
