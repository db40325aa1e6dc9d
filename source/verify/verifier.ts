/**
 * Verification by tree (DESIGN §2 readiness, §4 repo-local state, §6): the build and
 * test commands run against a tree, and their result is kept by (tree id, command) in
 * the state folder, so an identical tree — the same commit asked again, or another
 * commit with the same files — is never verified twice.
 *
 * Without a folder to run in, the commands run in a temporary detached worktree at
 * the commit under the state folder, never in the user's checkout (§7.1); it is
 * removed afterwards, also on cancel or error, and after a crash at the next start.
 */
import type {GitRunner} from '../git/git-runner.js';
import {addWorktree, removeStaleWorktrees, removeWorktree, reserveWorktreeFolder} from '../git/worktrees.js';
import type {StateStore} from '../store/state-store.js';
import {type CommandResult, type OutputLine, passed, runCommand} from './run-command.js';

export interface VerificationRequest {
	/** The commit to check out when no `cwd` is given. */
	commit: string;
	/** The commit's tree id: the key of the results. */
	tree: string;
	/** Run in order; the first failure stops the rest. */
	commands: string[];
	/** A worktree that already holds the tree (a flow's); else a temporary one is made. */
	cwd?: string;
	signal?: AbortSignal;
	onLine?: (line: OutputLine) => void;
	/** Called before a command runs (not for a result that comes from the cache). */
	onStart?: (command: string) => void;
	/** Run even when a result for this tree is kept (the user asked again). */
	rerun?: boolean;
}

export type VerificationResult = CommandResult & {
	tree: string;
	/** Kept from an earlier run of the same command on the same tree. */
	cached: boolean;
};

export interface VerificationOutcome {
	/** Every command ran (or was kept) and exited 0. */
	passed: boolean;
	results: VerificationResult[];
}

/** The state document of results. */
const resultsDocument = 'verify/results.json';
const resultsVersion = 1;
const resultsLock = 'verify/results.lock';
/** Temporary worktrees, found and removed after a crash. */
export const verifyWorktrees = 'worktrees/verify';
/** The document stays small: the newest results (500 by default), each with a short tail. */
const maxResults = 500;
const keptTailLines = 40;
const keptTailBytes = 4096;

interface StoredResult {
	tree: string;
	command: string;
	/** ISO time it was recorded; the oldest go first when the document is full. */
	at: string;
	result: CommandResult;
}

export class Verifier {
	#staleRemoved = false;

	readonly #maxResults: number;

	constructor(
		readonly store: StateStore,
		readonly git: GitRunner,
		options: {maxResults?: number} = {},
	) {
		this.#maxResults = options.maxResults ?? maxResults;
	}

	/** The kept result of `command` on `tree`, if any. */
	cachedResult(tree: string, command: string): CommandResult | undefined {
		return this.#read().find(entry => entry.tree === tree && entry.command === command)?.result;
	}

	async verify(request: VerificationRequest): Promise<VerificationOutcome> {
		const results: VerificationResult[] = [];
		let worktree: {folder: string; release(): void} | undefined;
		try {
			for (const command of request.commands) {
				const kept = request.rerun ? undefined : this.cachedResult(request.tree, command);
				let result: CommandResult;
				if (kept) {
					result = kept;
					results.push({...kept, tree: request.tree, cached: true});
				} else {
					let cwd = request.cwd;
					if (cwd === undefined) {
						worktree ??= await this.#temporaryWorktree(request.commit);
						cwd = worktree.folder;
					}

					request.onStart?.(command);
					result = await runCommand(command, {cwd, signal: request.signal, onLine: request.onLine});
					results.push({...result, tree: request.tree, cached: false});
					await this.#record(request.tree, result);
				}

				if (!passed(result)) {
					break;
				}
			}
		} finally {
			if (worktree) {
				await removeWorktree(this.git, worktree.folder);
				worktree.release();
			}
		}

		return {passed: results.length === request.commands.length && results.every(result => passed(result)), results};
	}

	async #temporaryWorktree(commit: string): Promise<{folder: string; release(): void}> {
		if (!this.#staleRemoved) {
			this.#staleRemoved = true;
			await removeStaleWorktrees(this.git, this.store, verifyWorktrees);
		}

		const owned = reserveWorktreeFolder(this.store, verifyWorktrees, commit.slice(0, 12));
		try {
			await addWorktree(this.git, owned.folder, commit);
		} catch (error) {
			await removeWorktree(this.git, owned.folder);
			owned.release();
			throw error;
		}

		return owned;
	}

	/**
	 * Keeps a result, unless it says nothing about the tree: a cancelled run, or a
	 * command the shell did not find (installing it should not need a forced rerun).
	 */
	async #record(tree: string, result: CommandResult): Promise<void> {
		if (result.cancelled || result.notFound) {
			return;
		}

		const stored: StoredResult = {tree, command: result.command, at: new Date().toISOString(), result: {...result, tail: shortTail(result.tail)}};
		await this.store.withLock(resultsLock, () => {
			const entries = this.#read().filter(entry => !(entry.tree === tree && entry.command === result.command));
			entries.push(stored);
			this.store.write(resultsDocument, resultsVersion, entries.slice(-this.#maxResults));
		});
	}

	#read(): StoredResult[] {
		return this.store.read(resultsDocument, resultsVersion, isStoredResults) ?? [];
	}
}

function shortTail(tail: string[]): string[] {
	const kept: string[] = [];
	let bytes = 0;
	for (const line of tail.slice(-keptTailLines).reverse()) {
		bytes += Buffer.byteLength(line);
		if (bytes > keptTailBytes) {
			break;
		}

		kept.unshift(line);
	}

	return kept;
}

function isStoredResults(data: unknown): data is StoredResult[] {
	return (
		Array.isArray(data) &&
		data.every(entry => {
			const candidate = entry as Partial<StoredResult> | null;
			return typeof candidate?.tree === 'string' && typeof candidate.command === 'string' && typeof candidate.result === 'object' && candidate.result !== null && Array.isArray(candidate.result.tail);
		})
	);
}
