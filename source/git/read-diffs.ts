/**
 * What each branch changed since its merge base, and what base changed since then,
 * for all branches in two `diff-tree --stdin` processes (one with patches, one with
 * names only). The patch gives the added lines that hygiene checks read.
 */
import type {GitRunner} from './git-runner.js';
import {readQuotedPath, unquotePath} from './unquote-path.js';

export interface AddedLine {
	file: string;
	line: number;
	text: string;
}

export interface BranchDiff {
	files: string[];
	/** Lines added by the branch, capped per branch to bound memory on huge diffs. */
	added: AddedLine[];
	/** Binary files added or changed, with the new blob (for a size check). */
	binaries: Array<{file: string; blob: string}>;
}

const maxAddedLinesPerBranch = 20_000;
const shaLine = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** Diffs `mergeBase..tip` for each pair; keyed by tip (pairs must have distinct tips). */
export async function readBranchDiffs(git: GitRunner, pairs: Array<{tip: string; mergeBase: string}>): Promise<Map<string, BranchDiff>> {
	if (pairs.length === 0) {
		return new Map();
	}

	// "<commit> <parent>" diffs parent → commit and prints the commit as a header line.
	const input = pairs.map(pair => `${pair.tip} ${pair.mergeBase}`).join('\n') + '\n';
	const output = await git.run(['-c', 'core.quotepath=off', 'diff-tree', '--stdin', '-r', '--always', '-p', '-U0', '--full-index', '--no-renames', '--no-color', '--no-ext-diff', '--no-textconv'], {input});
	return parsePatches(output);
}

export function parsePatches(output: string): Map<string, BranchDiff> {
	const diffs = new Map<string, BranchDiff>();
	let current: BranchDiff | undefined;
	let file = '';
	let newLine = 0;
	let pendingBlob = '';
	for (const line of output.split('\n')) {
		if (shaLine.test(line)) {
			current = {files: [], added: [], binaries: []};
			diffs.set(line, current);
			continue;
		}

		if (!current) {
			continue;
		}

		if (line.startsWith('+') && !line.startsWith('+++ ')) {
			if (current.added.length < maxAddedLinesPerBranch) {
				current.added.push({file, line: newLine, text: line.slice(1)});
			}

			newLine++;
		} else if (line.startsWith('@@ ')) {
			const match = /\+(\d+)/.exec(line);
			newLine = match ? Number(match[1]) : 0;
		} else if (line.startsWith('diff --git ')) {
			file = pathFromDiffHeader(line.slice('diff --git '.length));
			current.files.push(file);
		} else if (line.startsWith('index ')) {
			const match = /\.\.([0-9a-f]+)/.exec(line);
			if (match) {
				pendingBlob = match[1]!;
			}
		} else if (line.startsWith('Binary files ')) {
			current.binaries.push({file, blob: pendingBlob});
		}
	}

	return diffs;
}

/** `a/P b/P` (no renames, so both sides are the same path), bare or quoted. */
function pathFromDiffHeader(rest: string): string {
	if (rest.startsWith('"')) {
		return readQuotedPath(rest, 0).path.slice(2);
	}

	const length = (rest.length - 5) / 2;
	return Number.isInteger(length) && length > 0 ? rest.slice(2, 2 + length) : unquotePath(rest.slice(2));
}

/** Files changed between each pair `from..to`, in one process; keyed by `from` (each from once). */
export async function readChangedFiles(git: GitRunner, pairs: Array<{from: string; to: string}>): Promise<Map<string, string[]>> {
	if (pairs.length === 0) {
		return new Map();
	}

	const input = pairs.map(pair => `${pair.to} ${pair.from}`).join('\n') + '\n';
	const output = await git.run(['diff-tree', '--stdin', '-r', '--always', '--name-only', '-z', '--no-renames'], {input});
	// With --always every input line yields a header, in input order.
	const result = new Map<string, string[]>();
	let pairIndex = -1;
	let files: string[] = [];
	for (const token of output.split('\0')) {
		const clean = token.replace(/^\n/, '');
		if (shaLine.test(clean) && pairIndex + 1 < pairs.length && clean === pairs[pairIndex + 1]!.to) {
			pairIndex++;
			files = [];
			result.set(pairs[pairIndex]!.from, files);
			continue;
		}

		if (clean && pairIndex >= 0) {
			files.push(clean);
		}
	}

	return result;
}
