/**
 * Any JSON document: registries of agents or tasks under many key names
 * (`agents`, `agent_registry`, `tasks`, …), objects that name an agent by a key such as
 * `agent`, `assignee`, `owner`, or are keyed by the agent's name. A timestamp on an
 * enclosing object (`as_of`, `updated`) stands for the check-in of those inside it.
 */
import type {Claim, ParseContext, ParseWarning} from '../../types.js';
import {looksLikeAgent, resolveAgentName} from '../agent-names.js';
import {applyDate, finishDraft, isEmptyValue, startDraft} from '../claim.js';
import {makeWarning} from '../document.js';
import {isRecord} from '../json.js';
import {fieldForLabel, normalizeLabel} from '../labels.js';
import {parseClaimDate} from '../../dates.js';
import {lineLocator} from '../../text.js';
import {bestPerAgent} from './events.js';
import {applyObject, firstString} from './object-fields.js';

const maxDepth = 64;

/** Keys whose object values are keyed by agent name, or whose array items are agents. */
const collections = new Set(['agents', 'agent registry', 'registry', 'sessions', 'workers', 'members', 'team', 'active agents', 'agent status', 'agent statuses', 'instances', 'bots']);

/** Keys that name the agent inside an object. "name" only counts inside an agent collection. */
const agentKeys = ['agent', 'agent name', 'agent id', 'assignee', 'assigned to', 'owner', 'claimed by', 'author', 'last author', 'model', 'session', 'worker', 'who', 'by', 'from'];

export function readJsonDocument(value: unknown, text: string, context: ParseContext, warnings: ParseWarning[]): Claim[] {
	const claims: Claim[] = [];
	let cursor = 0;
	let deepWarned = false;
	const locate = lineLocator(text);
	const lineOf = (name: string) => {
		const needle = JSON.stringify(name);
		let index = text.indexOf(needle, cursor);
		if (index < 0) {
			index = text.indexOf(needle);
		}

		if (index < 0) {
			return 1;
		}

		cursor = index + needle.length;
		return locate(index);
	};

	const walk = (node: unknown, key: string | undefined, inCollection: boolean, inheritedCheckin: string | undefined, depth: number): void => {
		if (depth > maxDepth) {
			if (!deepWarned) {
				deepWarned = true;
				warnings.push(makeWarning(context, 0, `JSON nested deeper than ${maxDepth} levels; the deeper part is skipped`));
			}

			return;
		}

		if (Array.isArray(node)) {
			for (const item of node) {
				walk(item, key, inCollection, inheritedCheckin, depth + 1);
			}

			return;
		}

		if (!isRecord(node)) {
			return;
		}

		const name = agentNameOf(node, key, inCollection, context);
		const checkin = ownCheckin(node) ?? inheritedCheckin;
		if (name) {
			const claim = readAgentObject(node, name, checkin, lineOf(name), context, warnings);
			if (claim) {
				claims.push(claim);
				return;
			}
		}

		for (const [childKey, child] of Object.entries(node)) {
			if (typeof child === 'object' && child !== null) {
				walk(child, childKey, collections.has(normalizeLabel(childKey)), checkin, depth + 1);
			}
		}
	};

	walk(value, undefined, false, undefined, 0);
	return bestPerAgent(claims);
}

function agentNameOf(node: Record<string, unknown>, key: string | undefined, inCollection: boolean, context: ParseContext): string | undefined {
	const named = firstString(node, inCollection ? [...agentKeys, 'name', 'id'] : agentKeys);
	if (named && !isEmptyValue(named)) {
		return named;
	}

	// {"agents": {"claude": {…}}} or {"codex": {"working_on": …}}
	if (key && (inCollection || resolveAgentName(key, context.resolveAgent) || looksLikeAgent(key, undefined, context.resolveAgent))) {
		return key;
	}

	return undefined;
}

/** A valid timestamp on the object itself, as ISO; the claim reader warns about invalid ones. */
function ownCheckin(node: Record<string, unknown>): string | undefined {
	for (const [key, value] of Object.entries(node)) {
		if (fieldForLabel(key) === 'lastCheckin' && typeof value === 'string') {
			const date = parseClaimDate(value);
			if (date.kind === 'date') {
				return date.iso;
			}
		}
	}

	return undefined;
}

function readAgentObject(
	node: Record<string, unknown>,
	name: string,
	inheritedCheckin: string | undefined,
	line: number,
	context: ParseContext,
	warnings: ParseWarning[],
): Claim | undefined {
	const draft = startDraft(name, context, line, 'inferred');
	if (!draft) {
		return undefined;
	}

	const target = {draft, context, warnings};
	const read = applyObject(target, node, line);
	if (read === 0) {
		return undefined;
	}

	if (!draft.claim.lastCheckin && inheritedCheckin) {
		applyDate(target, 'lastCheckin', 'as_of', inheritedCheckin, line);
	}

	return finishDraft(draft);
}
