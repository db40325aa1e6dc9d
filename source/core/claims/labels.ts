/**
 * The one table of label synonyms: every reader maps the labels, column headers and
 * JSON keys it meets to these canonical fields.
 */

export type ClaimField =
	| 'agent'
	| 'work'
	| 'module'
	| 'branch'
	| 'pr'
	| 'files'
	| 'status'
	| 'startedAt'
	| 'expectedCompletion'
	| 'lastCheckin'
	| 'completedAt'
	| 'expires'
	| 'blockers'
	| 'dependencies'
	| 'notes'
	| 'id'
	| 'event'
	// Only through per-reader overrides (COORDINATION-STATUS.md checklists):
	| 'inProgressItem'
	| 'completedItem'
	| 'pendingItem'
	| 'timeline';

/** Synonyms, written already normalised (see normalizeLabel). */
const synonyms: Partial<Record<ClaimField, string[]>> = {
	agent: [
		'agent',
		'agent name',
		'agent id',
		'model',
		'ai',
		'assistant',
		'owner',
		'assignee',
		'assigned to',
		'assigned',
		'who',
		'by',
		'author',
		'last author',
		'claimed by',
		'side',
		'session',
		'worker',
		'from',
	],
	work: [
		'currently working on',
		'working on',
		'current work',
		'current task',
		'current focus',
		'focus',
		'task',
		'work',
		'what',
		'doing',
		'activity',
		'feature',
		'title',
		'summary',
		'description',
		'objective',
		'goal',
		'message',
		'last commit message',
	],
	module: ['module', 'modules', 'module claimed', 'component', 'area', 'domain', 'scope', 'role'],
	branch: ['branch', 'git branch', 'branch pr', 'working branch', 'feature branch'],
	pr: ['pr', 'pull request', 'mr', 'merge request'],
	files: [
		'files being modified',
		'files modified',
		'modified files',
		'files changed',
		'changed files',
		'files it touches',
		'files touched',
		'touched files',
		'files',
		'file',
		'paths',
		'path',
		'locked files',
		'locks',
	],
	status: ['status', 'state', 'current status', 'progress'],
	startedAt: ['started at', 'started', 'start', 'start time', 'started on', 'began', 'claimed at', 'since', 'created', 'created at'],
	expectedCompletion: ['expected completion', 'eta', 'expected', 'due', 'due date', 'deadline', 'expected done', 'target date', 'estimated completion'],
	lastCheckin: [
		'last checkin',
		'last check in',
		'last checked in',
		'checkin',
		'check in',
		'checked in',
		'last updated',
		'last update',
		'updated',
		'updated at',
		'last seen',
		'seen',
		'as of',
		'timestamp',
		'ts',
		'time',
		'date',
		'at',
		'when',
		'heartbeat',
		'last heartbeat',
		'last activity',
		'last active',
		'modified',
	],
	completedAt: ['completed at', 'completed on', 'finished', 'finished at', 'done at'],
	expires: ['expires', 'expires at', 'expiry', 'ttl until', 'lease until'],
	blockers: ['blockers', 'blocker', 'blocked by', 'blocking issues'],
	dependencies: ['dependencies', 'dependency', 'depends on', 'deps', 'waiting on', 'needs'],
	notes: ['notes', 'note', 'remarks', 'remark', 'comment', 'comments'],
	id: ['id', 'claim id', 'task id'],
	event: ['event', 'type', 'action', 'kind', 'op'],
};

const table = new Map<string, ClaimField>();
for (const [field, names] of Object.entries(synonyms) as Array<[ClaimField, string[]]>) {
	for (const name of names) {
		table.set(name, field);
	}
}

/**
 * "**WORKING_ON:**", "currentTask", "Files Being Modified", "Branch / PR" to plain
 * lower-case words: camelCase split, underscores, dashes and punctuation to spaces, emoji dropped.
 */
export function normalizeLabel(label: string): string {
	const key = label.slice(0, 80);
	let normalized = normalizedLabels.get(key);
	if (normalized === undefined) {
		// Labels repeat on every section of a file: remember them, within a bound.
		if (normalizedLabels.size > 5000) {
			normalizedLabels.clear();
		}

		normalized = normalizeUncached(key);
		normalizedLabels.set(key, normalized);
	}

	return normalized;
}

const normalizedLabels = new Map<string, string>();

function normalizeUncached(label: string): string {
	return label
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.replace(/check-in/g, 'checkin')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** The canonical field for a label, with per-reader overrides taking precedence. */
export function fieldForLabel(label: string, overrides?: ReadonlyMap<string, ClaimField>): ClaimField | undefined {
	const normalized = normalizeLabel(label);
	return overrides?.get(normalized) ?? table.get(normalized);
}

/** Builds an override table from plain label names. */
export function labelOverrides(entries: Array<[string, ClaimField]>): ReadonlyMap<string, ClaimField> {
	return new Map(entries.map(([label, field]) => [normalizeLabel(label), field]));
}
