/**
 * The generic reader for any configured coordination file that is none of the five
 * known shapes: JSON, JSON Lines or markdown, told apart by name and content.
 * Everything it finds is `inferred`.
 */
import type {ClaimParser, ParseResult, ParseWarning} from '../../types.js';
import {normalizeText} from '../../text.js';
import {makeWarning, readDocument} from '../document.js';
import {parseJson} from '../json.js';
import {splitLines} from '../markdown.js';
import {readJsonDocument} from './json-reader.js';
import {readJsonLines} from './jsonl-reader.js';
import {readMarkdownDocument} from './markdown-reader.js';

export const parseGeneric: ClaimParser = (text, context) => {
	const source = normalizeText(text);
	const warnings: ParseWarning[] = [];
	const lower = context.file.toLowerCase();
	const start = source.trimStart()[0];
	const result = (claims: ParseResult['claims']): ParseResult => {
		if (claims.length === 0 && warnings.length === 0) {
			warnings.push(makeWarning(context, 0, 'no agent section, table, record, ledger line or JSON object naming an agent found; nothing read'));
		}

		return {claims, warnings};
	};

	if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) {
		return result(readJsonLines(splitLines(source), context, warnings));
	}

	if (lower.endsWith('.json') || start === '{' || start === '[') {
		const parsed = parseJson(source);
		if (parsed.ok) {
			return result(readJsonDocument(parsed.value, source, context, warnings));
		}

		// Several objects one per line is JSON Lines under another name.
		const lines = splitLines(source).filter(line => line.trim());
		if (lines.length > 1 && lines.every(line => line.trimStart().startsWith('{'))) {
			return result(readJsonLines(splitLines(source), context, warnings));
		}

		if (lower.endsWith('.json')) {
			warnings.push(makeWarning(context, parsed.line, parsed.message));
			return {claims: [], warnings};
		}
	}

	return result(readMarkdownDocument(readDocument(source), context, warnings));
};
