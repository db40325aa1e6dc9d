/**
 * Building one claim from labelled values, the same way for every reader: values are
 * cleaned of markdown, remarks after them go to notes, dates that cannot be read
 * become warnings.
 */
import {parseClaimDate} from '../dates.js';
import type {Claim, ClaimConfidence, ParseContext, ParseWarning} from '../types.js';
import {agentKey, isSectionTitle, resolveAgentName} from './agent-names.js';
import type {FieldItem} from './fields.js';
import type {ClaimField} from './labels.js';
import {cleanValue, splitRemark} from './markdown.js';
import {statusFromText} from './status.js';

export interface ClaimDraft {
	claim: Claim;
	/** The agent said it works on nothing ("Currently Working On: None"). */
	saidNoWork: boolean;
	/** How many values were read into it. */
	fieldCount: number;
}

/** Values that say "nothing here". */
const emptyWords = new Set(['', 'none', 'n/a', 'na', 'n.a.', '-', '--', '—', '–', 'nothing', 'tbd', 'null', 'nil', 'idle', 'available', 'no', 'nobody', '(none)', 'unknown']);

export function isEmptyValue(value: string): boolean {
	if (value.length > 40) {
		return false;
	}

	return emptyWords.has(value.trim().toLowerCase().replace(/[.!]+$/, ''));
}

/** A new draft, or undefined when the name has no letters or digits to make a key of. */
export function startDraft(
	agentName: string,
	context: ParseContext,
	line: number,
	confidence: ClaimConfidence,
): ClaimDraft | undefined {
	const name = cleanValue(agentName).slice(0, 100);
	// A stage, deliverable or section title in an agent's place is not an agent ("S1", "Recently Completed").
	const agent = !resolveAgentName(name, context.resolveAgent) && isSectionTitle(name) ? '' : agentKey(name, context.resolveAgent);
	if (!agent) {
		return undefined;
	}

	return {
		claim: {
			agent,
			agentName: name,
			files: [],
			status: 'unknown',
			blockers: [],
			dependencies: [],
			notes: [],
			confidence,
			source: {file: context.file, ref: context.ref, line},
		},
		saidNoWork: false,
		fieldCount: 0,
	};
}

/** Settles what the values imply together: "working on: none" with no status is a released claim. */
export function finishDraft(draft: ClaimDraft): Claim {
	const {claim} = draft;
	if (draft.saidNoWork && claim.work === undefined && claim.status === 'unknown') {
		claim.status = 'released';
	}

	claim.files = unique(claim.files);
	claim.notes = unique(claim.notes);
	return claim;
}

function unique(values: string[]): string[] {
	return [...new Set(values)];
}

export interface ApplyTarget {
	draft: ClaimDraft;
	context: ParseContext;
	warnings: ParseWarning[];
}

/** Reads one labelled value (with the list items under it) into the draft. */
export function applyField(
	target: ApplyTarget,
	field: ClaimField,
	label: string,
	rawValue: string,
	items: readonly FieldItem[],
	line: number,
): void {
	const {draft} = target;
	const {claim} = draft;
	draft.fieldCount++;
	const {value, remark} = splitRemark(cleanValue(rawValue));
	const note = (text: string | undefined) => {
		if (text) {
			claim.notes.push(text);
		}
	};

	switch (field) {
		case 'work':
		case 'module': {
			const text = value || items.map(item => cleanValue(item.text)).join('; ');
			if (isEmptyValue(text)) {
				if (field === 'work') {
					draft.saidNoWork = true;
				}
			} else {
				claim[field] ??= text;
				note(remark);
			}

			break;
		}

		case 'branch': {
			const [branch, ...rest] = value.split(/\s+/);
			if (branch && !isEmptyValue(branch)) {
				claim.branch ??= branch;
				note(rest.join(' ').replace(/^[/|,;-]\s*/, '') || undefined);
			}

			note(remark);
			break;
		}

		case 'files': {
			for (const part of [...splitList(rawValue, ','), ...items.map(item => item.text)]) {
				addFile(claim, part);
			}

			break;
		}

		case 'status': {
			const text = value || items.map(item => item.text).join(' ');
			const status = statusFromText(text) ?? statusFromText(rawValue);
			if (status && (claim.status === 'unknown' || status !== 'unknown')) {
				claim.status = status;
			}

			note(remark);
			break;
		}

		case 'startedAt':
		case 'expectedCompletion':
		case 'lastCheckin': {
			applyDate(target, field, label, rawValue, line);
			break;
		}

		case 'completedAt': {
			applyDate(target, 'lastCheckin', label, rawValue, line);
			if (claim.status === 'unknown') {
				claim.status = 'complete';
			}

			break;
		}

		case 'blockers':
		case 'dependencies': {
			for (const part of [...splitList(value, /[;,]/), ...items.map(item => cleanValue(item.text))]) {
				if (!isEmptyValue(part)) {
					claim[field].push(part);
				}
			}

			note(remark);
			break;
		}

		case 'expires': {
			const date = parseClaimDate(rawValue);
			note(date.kind === 'date' ? `expires ${date.iso}` : isEmptyValue(value) ? undefined : `expires ${value}`);
			break;
		}

		case 'pr': {
			note(isEmptyValue(value) ? undefined : `PR ${value}`);
			break;
		}

		case 'id': {
			note(isEmptyValue(value) ? undefined : `id ${value}`);
			break;
		}

		case 'notes': {
			note(isEmptyValue(value) ? undefined : value);
			note(remark);
			for (const item of items) {
				note(cleanValue(item.text) || undefined);
			}

			break;
		}

		default: {
			// Agent, event and checklist fields are read by the readers that know them.
			draft.fieldCount--;
		}
	}
}

/** Sets a date field, or warns that the date cannot be read. Writes the remark to notes. */
export function applyDate(
	target: ApplyTarget,
	field: 'startedAt' | 'expectedCompletion' | 'lastCheckin',
	label: string,
	rawValue: string,
	line: number,
): void {
	const {claim} = target.draft;
	const cleaned = cleanValue(rawValue);
	const date = parseClaimDate(cleaned);
	if (date.kind === 'date') {
		// For check-ins the newest of several wins; for the others the first one written.
		if (field === 'lastCheckin' && claim.lastCheckin && claim.lastCheckin > date.iso) {
			return;
		}

		if (field !== 'lastCheckin' && claim[field]) {
			return;
		}

		claim[field] = date.iso;
		const {remark} = splitRemark(cleaned);
		if (remark && !/^unknown/i.test(remark)) {
			claim.notes.push(remark);
		}
	} else if (date.kind === 'invalid') {
		target.warnings.push({
			file: target.context.file,
			ref: target.context.ref,
			line,
			message: `cannot read the date in "${label}": "${shorten(cleaned)}"`,
		});
	}
}

/** Splits an inline list, but not inside parentheses: "a.ts (new, empty), b.ts". */
export function splitList(text: string, separator: string | RegExp): string[] {
	const parts: string[] = [];
	let depth = 0;
	let start = 0;
	for (let index = 0; index < text.length; index++) {
		const char = text[index]!;
		if (char === '(' || char === '[') {
			depth++;
		} else if ((char === ')' || char === ']') && depth > 0) {
			depth--;
		} else if (depth === 0 && (typeof separator === 'string' ? char === separator : separator.test(char))) {
			parts.push(text.slice(start, index));
			start = index + 1;
		}
	}

	parts.push(text.slice(start));
	return parts.map(part => part.trim()).filter(part => part !== '');
}

/** One file entry: "`src/a.ts` (new file)", "src/b.ts - tests", "see below" (a note, not a file). */
export function addFile(claim: Claim, text: string): void {
	const {value, remark} = splitRemark(cleanValue(text));
	let file = value;
	let fileRemark = remark;
	for (const separator of [' - ', ' — ', ' – ', ': ', ' # ']) {
		const index = file.indexOf(separator);
		if (index > 0) {
			fileRemark = [file.slice(index + separator.length).trim(), fileRemark].filter(Boolean).join('; ');
			file = file.slice(0, index).trim();
		}
	}

	if (isEmptyValue(file)) {
		return;
	}

	// Prose such as "see below" or "all of the auth module" is a note, not a path.
	if (/\s/.test(file) && !/[/\\.]/.test(file)) {
		claim.notes.push(file);
		return;
	}

	claim.files.push(file);
	if (fileRemark) {
		claim.notes.push(`${file}: ${fileRemark}`);
	}
}

/** push(...source) without spreading: a huge list must not overflow the argument stack. */
export function appendAll<T>(target: T[], source: readonly T[]): void {
	for (const item of source) {
		target.push(item);
	}
}

export function shorten(text: string, max = 80): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
