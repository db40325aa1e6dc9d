/**
 * Conflict prediction without touching any working tree: `git merge-tree --write-tree
 * --stdin` (git 2.38+), a few processes side by side when there are many merges (one
 * per core, at most 8: on a long history one merge can take 100–300 ms). merge-tree
 * writes its result trees into the object database, and looking must never write
 * (docs/design.md §7.7), so each process's objects go to its own scratch directory that
 * borrows the repository's objects as alternates, and is removed afterwards. (git's
 * loose-object writes are safe to share between processes, but a folder each needs
 * no such argument and is removed as soon as its process ends.)
 */
import {spawn} from 'node:child_process';
import {accessSync, constants, mkdtempSync, rmSync} from 'node:fs';
import {rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import type {GitRunner} from './git-runner.js';

export interface MergeQuestion {
	ours: string;
	theirs: string;
	/** A guess of how costly the merge is (e.g. files changed since the merge base): spreads work evenly. */
	weight?: number;
}

export interface MergeAnswer {
	clean: boolean;
	conflictedFiles: string[];
}

/** Answers keyed by the pair of commit ids: a pair is never asked twice while both tips stay. */
export class MergeCache {
	readonly #answers = new Map<string, MergeAnswer>();

	static key(question: MergeQuestion): string {
		// Conflicts are symmetric, so the pair is stored in one order.
		return question.ours < question.theirs ? `${question.ours} ${question.theirs}` : `${question.theirs} ${question.ours}`;
	}

	get(question: MergeQuestion): MergeAnswer | undefined {
		return this.#answers.get(MergeCache.key(question));
	}

	set(question: MergeQuestion, answer: MergeAnswer): void {
		this.#answers.set(MergeCache.key(question), answer);
	}
}

/**
 * Answers every question, asking git only for the ones the cache lacks.
 * Returns the answers in question order, and how many merges git was asked.
 */
export async function predictMerges(
	git: GitRunner,
	commonDir: string,
	questions: MergeQuestion[],
	cache = new MergeCache(),
	options: {
		processes?: number;
		alternates?: readonly string[];
		/** How many files the diffs Node reads (and hashes) meanwhile add: `mergeProcesses`. */
		addedFiles?: number;
	} = {},
): Promise<{answers: MergeAnswer[]; asked: number; processes: number}> {
	const unknown = new Map<string, MergeQuestion>();
	for (const question of questions) {
		if (!cache.get(question)) {
			unknown.set(MergeCache.key(question), question);
		}
	}

	const groups = splitQuestions([...unknown.values()], options.processes ?? mergeProcesses(unknown.size, options.addedFiles));
	await Promise.all(groups.map(async group => {
		const answers = await runMergeTree(git, commonDir, group, options.alternates ?? []);
		for (const [index, question] of group.entries()) {
			cache.set(question, answers[index]!);
		}
	}));

	return {answers: questions.map(question => cache.get(question)!), asked: unknown.size, processes: groups.length};
}

/** Below this many merges a second process costs more to start than it saves. */
const mergesPerProcess = 16;

/** From this many added files to read beside the merges, Node's main thread keeps a core for the reading. */
export const addedFilesLeavingACore = 1000;

/**
 * How many merge-tree processes for `count` merges: one per core, at most 8, each with a
 * fair share; never every core while Node reads diffs that add `addedFilesLeavingACore`
 * files or more (`addedFiles`).
 *
 * Node's main thread reads and hashes the added blobs (up to 16 MB) while the merges
 * run. On the huge-diffs shape (58,000 added files) one merge process instead of two on
 * 2 cores took a cold status from 0.81 to 0.76 s (medians of 15 cold runs, alternated):
 * a second process parses base's large tree again, on the core the reading needs. Where
 * little is read (the long history, 500 branches: their diffs are read before the merges
 * start) a core fewer cost a fifth to a quarter of the time, so the rule counts the
 * files to read, and the same repository always runs the same processes.
 */
export function mergeProcesses(count: number, addedFiles = 0): number {
	const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
	const forMerges = addedFiles >= addedFilesLeavingACore ? Math.max(1, cores - 1) : cores;
	return Math.max(0, Math.min(forMerges, 8, Math.ceil(count / mergesPerProcess)));
}

/** Heaviest first, each to the lightest group so far: groups of about equal total weight. */
export function splitQuestions(questions: MergeQuestion[], processes: number): MergeQuestion[][] {
	if (questions.length === 0 || processes <= 0) {
		return [];
	}

	const count = Math.min(processes, questions.length);
	const groups: MergeQuestion[][] = Array.from({length: count}, () => []);
	const loads = Array.from({length: count}, () => 0);
	const byWeight = [...questions].sort((a, b) => (b.weight ?? 1) - (a.weight ?? 1));
	for (const question of byWeight) {
		let lightest = 0;
		for (let index = 1; index < count; index++) {
			if (loads[index]! < loads[lightest]!) {
				lightest = index;
			}
		}

		groups[lightest]!.push(question);
		loads[lightest]! += Math.max(1, question.weight ?? 1);
	}

	return groups;
}

/**
 * merge-tree writes each result object as a file; on a disk that costs 1–2 ms a file
 * (measured: 1.1 s of a 2 s status at 100 branches), in memory almost nothing. So the
 * scratch folder goes to a memory-backed folder when the machine has one.
 */
export function scratchParent(): string {
	for (const candidate of [process.env['XDG_RUNTIME_DIR'], '/dev/shm']) {
		if (candidate) {
			try {
				accessSync(candidate, constants.W_OK);
				return candidate;
			} catch {
				// Not there or not ours: try the next.
			}
		}
	}

	return os.tmpdir();
}

/** Scratch folders still in use, removed even when the process is ended by a signal. */
const liveScratchFolders = new Set<string>();
let cleanupRegistered = false;

function makeScratchFolder(): string {
	if (!cleanupRegistered) {
		cleanupRegistered = true;
		process.once('exit', () => {
			for (const folder of liveScratchFolders) {
				rmSync(folder, {recursive: true, force: true});
			}
		});
	}

	const folder = mkdtempSync(path.join(scratchParent(), 'switchyard-merge-'));
	liveScratchFolders.add(folder);
	return folder;
}

/**
 * Runs `action` with an environment that sends new objects to a scratch folder
 * borrowing the repository's objects as alternates; the folder is removed after.
 * For everything that must write objects while only looking (merge-tree, a dry run's
 * commit-tree).
 */
export async function withScratchObjects<T>(commonDir: string, action: (env: Record<string, string>) => Promise<T>, alternates: readonly string[] = []): Promise<T> {
	const scratch = makeScratchFolder();
	try {
		return await action({
			GIT_OBJECT_DIRECTORY: scratch,
			// Other scratch folders whose objects are asked about (uncommitted work as commits).
			GIT_ALTERNATE_OBJECT_DIRECTORIES: [path.join(commonDir, 'objects'), ...alternates].join(path.delimiter),
		});
	} finally {
		removeInBackground(scratch);
	}
}

/**
 * Hundreds of merges leave thousands of object files (1,339 files in 257 folders for
 * 445 merges). Node's own recursive removal is an lstat and an unlink per file on the
 * main thread, 30–60 ms that a cold status waited for at its end; `rm -rf`, a process
 * of its own, takes ~15 ms on another core. Where there is no `rm`, Node removes it.
 * The exit handler still removes whatever is left.
 */
function removeInBackground(folder: string): void {
	let settled = false;
	const finish = (removed: boolean) => {
		if (settled) {
			return;
		}

		settled = true;
		if (removed) {
			liveScratchFolders.delete(folder);
		} else {
			void removeByNode(folder);
		}
	};

	try {
		const child = spawn('rm', ['-rf', '--', folder], {stdio: 'ignore'});
		child.once('error', () => finish(false));
		child.once('close', code => finish(code === 0));
	} catch {
		finish(false);
	}
}

async function removeByNode(folder: string): Promise<void> {
	await rm(folder, {recursive: true, force: true});
	liveScratchFolders.delete(folder);
}

async function runMergeTree(git: GitRunner, commonDir: string, questions: MergeQuestion[], alternates: readonly string[]): Promise<MergeAnswer[]> {
	return withScratchObjects(commonDir, async env => {
		const input = questions.map(question => `${question.ours} ${question.theirs}`).join('\n') + '\n';
		// The scratch objects are read once and removed: stored, not deflated (a fifth of merge-tree's time).
		const output = await git.run(['-c', 'core.looseCompression=0', 'merge-tree', '--write-tree', '--stdin', '--name-only', '--no-messages', '--allow-unrelated-histories'], {input, env});
		return parseMergeTreeOutput(output, questions.length);
	}, alternates);
}

/** Per merge: `<1 clean | 0 conflicted>\0<tree>\0` then conflicted names, each `\0`-ended, then `\0`. */
export function parseMergeTreeOutput(output: string, count: number): MergeAnswer[] {
	const tokens = output.split('\0');
	const answers: MergeAnswer[] = [];
	let index = 0;
	while (answers.length < count && index < tokens.length) {
		const status = tokens[index++]!.replace(/^\n/, '');
		index++; // The result tree: unused, it lives only in the scratch directory.
		const conflictedFiles: string[] = [];
		while (index < tokens.length && tokens[index] !== '') {
			conflictedFiles.push(tokens[index++]!);
		}

		index++;
		answers.push({clean: status === '1', conflictedFiles});
	}

	return answers;
}
