/**
 * Entry points of the claim readers (docs/design.md §3): pick the reader by file name,
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
export {claimsFileTarget, writableClaimsKind, writableShapesHint, type WritableClaimsKind, coordinationFileKind, coordinationFolders, coordinationPathTest, matchesCoordinationPath, rootCoordinationFiles, type CoordinationFileKind, type CoordinationFolder} from './paths.js';
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
	return boundClaims(neverThrow(readerFor(path))(normalizeText(text), context), context);
}

/** No claim value is longer than this, nor a claim's list longer than `maxListLength`. */
export const maxValueLength = 1000;
export const maxListLength = 500;

/**
 * A log pasted into "Currently Working On" or a file list of every file in the repo
 * says nothing more past the first screenful, and would travel into every snapshot,
 * `--json` and frame: values and lists are cut, with one warning per claim cut.
 */
function boundClaims(result: ParseResult, context: ParseContext): ParseResult {
	for (const claim of result.claims) {
		let cut = false;
		const text = (value: string | undefined) => {
			if (value !== undefined && value.length > maxValueLength) {
				cut = true;
				return `${value.slice(0, maxValueLength)}…`;
			}

			return value;
		};

		const list = (values: string[]) => {
			if (values.length > maxListLength) {
				cut = true;
			}

			return values.slice(0, maxListLength).map(value => text(value)!);
		};

		claim.work = text(claim.work);
		claim.module = text(claim.module);
		claim.branch = text(claim.branch);
		claim.files = list(claim.files);
		claim.blockers = list(claim.blockers);
		claim.dependencies = list(claim.dependencies);
		claim.notes = list(claim.notes);
		if (cut) {
			result.warnings.push({
				file: context.file,
				ref: context.ref,
				line: claim.source.line,
				message: `claim of ${claim.agentName} is cut to ${maxValueLength} characters a value and ${maxListLength} entries a list`,
			});
		}
	}

	return result;
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
