/**
 * The readers under fuzz, run inside a worker thread so that the watchdog can stop one
 * that never returns. Each input fails on a throw, on a result of the wrong shape, or
 * on a parse that takes more than a second of CPU time.
 */
import {makeAgentResolver} from '../../../source/core/agents.js';
import {
	decodeCoordinationBytes,
	parseAiCoordination,
	parseCoordinationFile,
	parseCoordinationStatus,
	parseCurrentWork,
	parseGeneric,
	parseHandoff,
	parseSyncStatus,
} from '../../../source/core/claims/index.js';
import {parseClaimDate} from '../../../source/core/dates.js';
import type {ClaimParser, ParseContext, ParseResult} from '../../../source/core/types.js';
import {cpuMs} from '../../cpu-time.js';
import {serve} from './serve.js';

/** CPU time, not wall time: the main thread only waits while a worker parses. */
const slowLimitMs = 1000;

const parsers: Array<[string, ClaimParser]> = [
	['AI_CURRENT_WORK.md', parseCurrentWork],
	['AI_SYNC_STATUS.json', parseSyncStatus],
	['.github/ai-coordination/X_COORDINATION.md', parseAiCoordination],
	['X-COORDINATION-STATUS.md', parseCoordinationStatus],
	['AI_HANDOFF.md', parseHandoff],
	['state/agents.json', parseGeneric],
	['logs/events.jsonl', parseGeneric],
	['AGENT_STATUS.md', parseGeneric],
];

const resolveAgent = makeAgentResolver({agents: {trae: {aliases: ['Trae AI']}}});

/** Runs one parser, failing on a throw, on slowness, or on a result of the wrong shape. */
function check(name: string, run: () => ParseResult, context: ParseContext): void {
	const {result, ms: elapsed} = cpuMs(run);
	if (elapsed > slowLimitMs) {
		throw new Error(`${name} took ${Math.round(elapsed)} ms of CPU time`);
	}

	for (const claim of result.claims) {
		if (!claim.agent || claim.source.file !== context.file || !Array.isArray(claim.files) || !Number.isInteger(claim.source.line)) {
			throw new Error(`${name} returned a malformed claim: ${JSON.stringify(claim).slice(0, 300)}`);
		}

		for (const date of [claim.startedAt, claim.expectedCompletion, claim.lastCheckin]) {
			if (date !== undefined && Number.isNaN(Date.parse(date))) {
				throw new Error(`${name} returned an invalid date ${date}`);
			}
		}
	}

	for (const warning of result.warnings) {
		if (warning.file !== context.file || !Number.isInteger(warning.line) || warning.line < 0 || typeof warning.message !== 'string') {
			throw new Error(`${name} returned a malformed warning: ${JSON.stringify(warning).slice(0, 300)}`);
		}
	}
}

serve({
	everywhere(bytes) {
		const decoded = decodeCoordinationBytes(bytes, {file: 'fuzz', ref: 'worktree'});
		// The readers also get text that decoding would have refused, such as binary.
		const text = decoded.text ?? new TextDecoder().decode(bytes);
		for (const [file, parser] of parsers) {
			const context = {file, ref: 'worktree', resolveAgent};
			check(file, () => parser(text, context), context);
			check(`parseCoordinationFile(${file})`, () => parseCoordinationFile(file, text, context), context);
		}
	},
	date(bytes) {
		const text = new TextDecoder().decode(bytes);
		const {result: date, ms} = cpuMs(() => parseClaimDate(text));
		if (ms > slowLimitMs) {
			throw new Error(`parseClaimDate took ${Math.round(ms)} ms of CPU time`);
		}

		if (!['date', 'unknown', 'invalid'].includes(date.kind)) {
			throw new Error(`parseClaimDate answered ${JSON.stringify(date)}`);
		}

		if (date.kind === 'date' && new Date(date.iso).toISOString() !== date.iso) {
			throw new Error(`parseClaimDate gave a non-canonical date ${date.iso}`);
		}
	},
});
