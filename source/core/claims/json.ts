/** JSON.parse that reports where it failed instead of throwing. */
import {lineOfOffset} from '../text.js';

export type JsonResult = {ok: true; value: unknown} | {ok: false; message: string; line: number};

export function parseJson(text: string): JsonResult {
	// The failure's stack trace is never used, and capturing it is most of the cost of a
	// line that is not JSON: 2 MB of random bytes in an event log is 8,000 such lines.
	const stackTraceLimit = Error.stackTraceLimit;
	Error.stackTraceLimit = 0;
	try {
		return {ok: true, value: JSON.parse(text) as unknown};
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		const position = /at position (\d+)/.exec(message);
		const line = position ? lineOfOffset(text, Number(position[1])) : lineOfOffset(text, text.trimEnd().length);
		return {ok: false, message: `invalid JSON: ${message.split(' (line')[0]}`, line: Math.max(line, 1)};
	} finally {
		Error.stackTraceLimit = stackTraceLimit;
	}
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
