/**
 * Every git process switchyard starts is recorded here: the `L` panel shows it, and
 * tests count processes with it (docs/design.md §9 budgets are about process counts).
 */

export interface GitCommandRecord {
	/** The argument array after `git`, exactly as run. */
	args: string[];
	startedAt: number;
	durationMs: number;
	/** null while it runs. */
	exitCode: number | null;
	/** The command writes (a merge, a ref update, a worktree): the log shows it apart from the reads. */
	writes?: boolean;
	/** For batch commands fed on stdin: how many questions were asked (lines written). */
	inputLines?: number;
}

type Listener = (record: GitCommandRecord) => void;

export class GitCommandLog {
	readonly records: GitCommandRecord[] = [];
	readonly #listeners = new Set<Listener>();
	readonly #limit: number;

	constructor(limit = 500) {
		this.#limit = limit;
	}

	add(record: GitCommandRecord): void {
		this.records.push(record);
		if (this.records.length > this.#limit) {
			this.records.splice(0, this.records.length - this.#limit);
		}

		for (const listener of this.#listeners) {
			listener(record);
		}
	}

	/** Calls `listener` after each finished command; returns the unsubscribe function. */
	subscribe(listener: Listener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Counts records whose arguments start with the given subcommand, e.g. `merge-tree`. */
	count(subcommand?: string): number {
		return subcommand === undefined
			? this.records.length
			: this.records.filter(record => record.args.find(arg => !arg.startsWith('-') && !arg.includes('=')) === subcommand).length;
	}
}
