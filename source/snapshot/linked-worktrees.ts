/**
 * Where agents work: the branches checked out in linked worktrees (`git worktree
 * list --porcelain -z`, read again when git's records of them changed) and what
 * each of those worktrees holds uncommitted (`git status` in each, on every collect,
 * the clock's ticks too: an agent's edits there touch nothing the watcher sees).
 */
import type {GitRunner} from '../git/git-runner.js';
import {linkedWorktreesStamp, listWorktrees, readWorktreeChanges, type WorktreeEntry} from '../git/worktrees.js';
import type {BranchWorktree} from '../core/snapshot.js';

const headsPrefix = 'refs/heads/';

export class LinkedWorktrees {
	#linked: WorktreeEntry[] | undefined;
	#stamp = '';

	constructor(private readonly git: GitRunner, private readonly commonDir: string) {}

	/** By branch name: the linked worktree it is checked out in, and its uncommitted files. */
	async read(): Promise<Map<string, BranchWorktree>> {
		const stamp = linkedWorktreesStamp(this.commonDir);
		if (!this.#linked || stamp !== this.#stamp) {
			this.#stamp = stamp;
			// None linked: nothing to ask git.
			this.#linked = stamp === '' ? [] : await this.#list();
		}

		const found = await Promise.all(this.#linked.map(async entry => {
			const changes = await readWorktreeChanges(this.git, entry.path).catch(() => null);
			return changes ? [entry.branch!.slice(headsPrefix.length), {path: entry.path, dirtyFiles: changes.count, files: changes.files}] as const : null;
		}));
		return new Map(found.filter(entry => entry !== null));
	}

	async #list(): Promise<WorktreeEntry[]> {
		try {
			return (await listWorktrees(this.git)).slice(1).filter(entry => !entry.bare && !entry.prunable && entry.branch?.startsWith(headsPrefix));
		} catch {
			// git before 2.36 has no `worktree list -z`: no worktree column then.
			return [];
		}
	}
}
