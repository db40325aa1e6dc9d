/**
 * Claim fields from one JSON object, under whatever key names it uses
 * (`working_on`, `currentTask`, `last_seen`, `as_of`, `files`, …).
 */
import {fieldForLabel, normalizeLabel} from '../labels.js';
import {applyDate, applyField, type ApplyTarget} from '../claim.js';
import {isRecord} from '../json.js';
import {statusOfEvent} from './events.js';

/** Keys that hold a task's own description when a task is an object. */
const titleKeys = new Set(['title', 'name', 'description', 'summary', 'task', 'work']);

/** Reads every key of the object it knows; returns how many it read. */
export function applyObject(target: ApplyTarget, object: Record<string, unknown>, line: number, depth = 0): number {
	let read = 0;
	for (const [key, value] of Object.entries(object)) {
		const field = fieldForLabel(key);
		const normalized = normalizeLabel(key);
		if (normalized === 'active' && typeof value === 'boolean') {
			target.draft.claim.status = value ? 'in-progress' : 'released';
			read++;
			continue;
		}

		if (!field || field === 'agent') {
			continue;
		}

		if (field === 'event') {
			const status = typeof value === 'string' ? statusOfEvent(value) : undefined;
			if (status) {
				target.draft.claim.status = status;
				read++;
			}

			continue;
		}

		if (typeof value === 'string') {
			applyField(target, field, key, value, [], line);
			read++;
		} else if (typeof value === 'number' && Number.isFinite(value)) {
			if (field === 'startedAt' || field === 'expectedCompletion' || field === 'lastCheckin') {
				applyDate(target, field, key, epochToIso(value) ?? String(value), line);
			} else {
				applyField(target, field, key, String(value), [], line);
			}

			read++;
		} else if (Array.isArray(value)) {
			const items = value
				.map(item => (typeof item === 'string' ? item : isRecord(item) ? firstString(item, ['path', 'file', 'name', 'title']) : undefined))
				.filter((item): item is string => item !== undefined)
				.map(text => ({text, line}));
			if (items.length > 0) {
				applyField(target, field, key, '', items, line);
				read++;
			}
		} else if (isRecord(value) && depth < 2 && (field === 'work' || field === 'status')) {
			// "current_task": {"title": …, "files": […], "started": …}
			const title = firstString(value, [...titleKeys]);
			if (title) {
				applyField(target, 'work', key, title, [], line);
				read++;
			}

			read += applyObject(target, value, line, depth + 1);
		}
	}

	return read;
}

export function firstString(object: Record<string, unknown>, keys: readonly string[]): string | undefined {
	for (const [key, value] of Object.entries(object)) {
		if (typeof value === 'string' && value.trim() && keys.includes(normalizeLabel(key))) {
			return value;
		}
	}

	return undefined;
}

/** Seconds or milliseconds since 1970, as written by scripts; undefined for other numbers. */
function epochToIso(value: number): string | undefined {
	const milliseconds = value > 1e12 ? value : value > 1e9 ? value * 1000 : undefined;
	return milliseconds === undefined || milliseconds > 8.64e15 ? undefined : new Date(milliseconds).toISOString();
}
