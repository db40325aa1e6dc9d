/**
 * AI_SYNC_STATUS.json: `{lastUpdate, lastAuthor, lastCommitMessage, modifiedFiles, needsSync}`,
 * one claim for the last author. Keys are matched without regard to case or underscores.
 */
import type {ClaimParser, ParseWarning} from '../types.js';
import {applyDate, applyField, finishDraft, startDraft} from './claim.js';
import {makeWarning} from './document.js';
import {isRecord, parseJson} from './json.js';
import {normalizeLabel} from './labels.js';
import {normalizeText} from '../text.js';

export const parseSyncStatus: ClaimParser = (text, context) => {
	const warnings: ParseWarning[] = [];
	const source = normalizeText(text);
	const parsed = parseJson(source);
	if (!parsed.ok) {
		return {claims: [], warnings: [makeWarning(context, parsed.line, parsed.message)]};
	}

	if (!isRecord(parsed.value)) {
		return {claims: [], warnings: [makeWarning(context, 1, 'expected a JSON object with lastAuthor and lastUpdate')]};
	}

	const keys = new Map<string, unknown>();
	for (const [key, value] of Object.entries(parsed.value)) {
		keys.set(normalizeLabel(key), value);
	}

	const author = keys.get('last author') ?? keys.get('author') ?? keys.get('agent');
	if (typeof author !== 'string' || author.trim() === '') {
		return {claims: [], warnings: [makeWarning(context, 1, 'no lastAuthor: nothing to attribute')]};
	}

	const draft = startDraft(author, context, lineOfKey(source, 'lastAuthor'), 'parsed');
	if (!draft) {
		return {claims: [], warnings: [makeWarning(context, 1, `lastAuthor "${author.slice(0, 40)}" is not a name`)]};
	}

	const target = {draft, context, warnings};
	const update = keys.get('last update') ?? keys.get('updated') ?? keys.get('timestamp');
	if (typeof update === 'string') {
		applyDate(target, 'lastCheckin', 'lastUpdate', update, lineOfKey(source, 'lastUpdate'));
	} else if (typeof update === 'number') {
		applyDate(target, 'lastCheckin', 'lastUpdate', new Date(update < 1e12 ? update * 1000 : update).toISOString(), 1);
	}

	const message = keys.get('last commit message') ?? keys.get('commit message');
	if (typeof message === 'string') {
		applyField(target, 'work', 'lastCommitMessage', message.split('\n')[0]!, [], 1);
	}

	const files = keys.get('modified files') ?? keys.get('files');
	if (Array.isArray(files)) {
		applyField(target, 'files', 'modifiedFiles', '', files.filter(file => typeof file === 'string').map((file, index) => ({text: file, line: index})), 1);
	} else if (typeof files === 'string') {
		applyField(target, 'files', 'modifiedFiles', files, [], 1);
	}

	if (keys.get('needs sync') === true) {
		draft.claim.notes.push('needs sync');
	}

	return {claims: [finishDraft(draft)], warnings};
};

/** The line of a key's first occurrence, case-insensitively; 1 when absent. */
function lineOfKey(text: string, key: string): number {
	const index = text.toLowerCase().indexOf(`"${key.toLowerCase()}"`);
	if (index < 0) {
		return 1;
	}

	let line = 1;
	for (let position = text.indexOf('\n'); position >= 0 && position < index; position = text.indexOf('\n', position + 1)) {
		line++;
	}

	return line;
}
