/**
 * Entry points of the claim readers (DESIGN.md §3): pick the reader by file name,
 * and make sure that nothing in a coordination file can make a reader throw.
 */
import type {ClaimParser, ParseContext, ParseResult} from '../types.js';
import {normalizeText} from '../text.js';
import {parseAiCoordination} from './ai-coordination.js';
import {parseCoordinationStatus} from './coordination-status.js';
import {parseCurrentWork} from './current-work.js';
import {parseGeneric} from './generic/index.js';
import {parseHandoff} from './handoff.js';
import {coordinationFileKind, type CoordinationFileKind} from './paths.js';
import {parseSyncStatus} from './sync-status.js';

export {decodeCoordinationBytes, maxCoordinationFileBytes, normalizeText, type DecodedText, type FileLocation} from '../text.js';
export {parseClaimDate, type ClaimDate} from '../dates.js';
export {coordinationFileKind, coordinationFolders, matchesCoordinationPath, rootCoordinationFiles, type CoordinationFileKind, type CoordinationFolder} from './paths.js';
export {mergeAgentClaims, type ClaimDisagreement, type MergedAgentClaim} from './merge.js';
export {parseAiCoordination, parseCoordinationStatus, parseCurrentWork, parseGeneric, parseHandoff, parseSyncStatus};

const readers: Record<CoordinationFileKind, ClaimParser> = {
	'current-work': parseCurrentWork,
	'sync-status': parseSyncStatus,
	'ai-coordination': parseAiCoordination,
	'coordination-status': parseCoordinationStatus,
	handoff: parseHandoff,
};

/** The reader for a path: one of the five shapes by name, else the generic reader. */
export function readerFor(path: string): ClaimParser {
	const kind = coordinationFileKind(path);
	return kind ? readers[kind] : parseGeneric;
}

/** Reads one file's text. Never throws: a reader's own failure becomes a warning. */
export function parseCoordinationFile(path: string, text: string, context: ParseContext): ParseResult {
	return neverThrow(readerFor(path))(normalizeText(text), context);
}

/** Wraps a reader so that a bug in it costs one file's claims, not the program. */
export function neverThrow(parser: ClaimParser): ClaimParser {
	return (text, context) => {
		try {
			return parser(text, context);
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			return {claims: [], warnings: [{file: context.file, ref: context.ref, line: 0, message: `could not be read (${message}); skipped`}]};
		}
	};
}
