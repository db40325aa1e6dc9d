/**
 * Git hygiene of a branch (docs/design.md §2, §6.2): what a reviewer would bounce.
 * Pure: reads commit subjects, file names and added lines given to it.
 */
import type {HygieneIssue} from './types.js';

export interface HygieneInput {
	commits: Array<{sha: string; subject: string}>;
	files: string[];
	/** What `scanAddedLines` found in the branch's added lines. */
	lineIssues: HygieneIssue[];
	binaries: Array<{file: string; size: number | null}>;
}

const largeBinaryBytes = 1024 * 1024;
// "(?!\w)" rather than \b: after "fixup!" the next character is a space, where \b does not match.
const wipSubject = /^(?:wip|fixup!|squash!|amend!|asdf|tmp|temp|xxx|foo|test commit|\.+)(?!\w)|^\W*wip\W*$/i;
const conflictMarker = /^(?:<{7}(?: |$)|={7}$|>{7}(?: |$))/;
const consoleLog = /\bconsole\.(?:log|debug)\s*\(/;
const secretPatterns: Array<[RegExp, string]> = [
	[/AKIA[0-9A-Z]{16}/, 'AWS access key'],
	[/-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----/, 'private key'],
	[/\bgh[pousr]_[A-Za-z0-9]{36,}/, 'GitHub token'],
	[/\bsk-[A-Za-z0-9_-]{20,}/, 'API secret key'],
	[/\bxox[baprs]-[A-Za-z0-9-]{10,}/, 'Slack token'],
	[/\b(?:password|passwd|secret|api[_-]?key|access[_-]?token)\b["']?\s*[:=]\s*["'][^"'\s]{8,}["']/i, 'hardcoded credential'],
];

export function checkHygiene(input: HygieneInput): HygieneIssue[] {
	const issues: HygieneIssue[] = [];
	for (const commit of input.commits) {
		if (wipSubject.test(commit.subject.trim())) {
			issues.push({kind: 'wip-commit', detail: `${commit.sha.slice(0, 7)} ${commit.subject}`});
		}
	}

	for (const file of input.files) {
		const name = file.slice(file.lastIndexOf('/') + 1);
		if (name === '.env' || (name.startsWith('.env.') && !/\.(?:example|sample|template)$/.test(name))) {
			issues.push({kind: 'env-file', detail: file});
		}
	}

	for (const binary of input.binaries) {
		if (binary.size !== null && binary.size >= largeBinaryBytes) {
			issues.push({kind: 'large-binary', detail: `${binary.file} (${(binary.size / 1024 / 1024).toFixed(1)} MB)`});
		}
	}

	issues.push(...input.lineIssues);
	return issues;
}

/**
 * Conflict markers, console.log calls and secrets among added lines. Kept apart from
 * `checkHygiene` so that a branch's diff can be scanned once, when it is read, and
 * its lines dropped: only the findings stay in memory.
 */
export function scanAddedLines(addedLines: ReadonlyArray<{file: string; line: number; text: string}>): HygieneIssue[] {
	const issues: HygieneIssue[] = [];
	for (const added of addedLines) {
		const where = `${added.file}:${added.line}`;
		if (conflictMarker.test(added.text)) {
			issues.push({kind: 'conflict-marker', detail: where});
		} else if (consoleLog.test(added.text) && isScriptFile(added.file)) {
			issues.push({kind: 'console-log', detail: where});
		}

		for (const [pattern, label] of secretPatterns) {
			if (added.text.length < 2000 && pattern.test(added.text)) {
				issues.push({kind: 'secret', detail: `${where} (${label})`});
				break;
			}
		}
	}

	return issues;
}

function isScriptFile(file: string): boolean {
	return /\.(?:[cm]?[jt]sx?|vue|svelte)$/.test(file);
}

/** One short phrase per kind for readiness reasons: "2 wip commits". */
export function summarizeHygiene(issues: HygieneIssue[]): string[] {
	const counts = new Map<HygieneIssue['kind'], HygieneIssue[]>();
	for (const issue of issues) {
		counts.set(issue.kind, [...(counts.get(issue.kind) ?? []), issue]);
	}

	const labels: Record<HygieneIssue['kind'], [string, string]> = {
		'wip-commit': ['wip commit', 'wip commits'],
		'conflict-marker': ['conflict marker', 'conflict markers'],
		'env-file': ['.env file', '.env files'],
		'large-binary': ['large binary', 'large binaries'],
		'console-log': ['console.log added', 'console.log calls added'],
		secret: ['possible secret', 'possible secrets'],
	};
	return [...counts].map(([kind, list]) => {
		const [one, many] = labels[kind];
		const evidence = list.slice(0, 3).map(issue => issue.detail).join(', ');
		return `${list.length === 1 ? one : `${list.length} ${many}`}: ${evidence}${list.length > 3 ? ', …' : ''}`;
	});
}
