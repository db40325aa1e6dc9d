/**
 * The data a flow is made of (DESIGN §8.1, STYLE §4): effects are named records with
 * parameters, outcomes are what performing one gave, and a machine is two pure
 * functions. Everything here goes through JSON unchanged: it is what the journal holds.
 */

/** Something a flow wants done. Each is idempotent or carries the expected old value. */
export type Effect =
	/** `git worktree add` of `commit` at `folder` (on a new `branch` when given). Redo: an existing worktree there is removed first. */
	| {type: 'add-worktree'; folder: string; commit: string; branch?: string}
	/**
	 * `git merge --no-ff` in the worktree. Redo: a merge already made (HEAD is `expectHead`'s
	 * merge of `commit`) is not repeated. With `bySection` (the agents whose sections each
	 * side may change), a conflict confined to coordination files where each side changed
	 * only its own agents' sections is merged section by section and committed.
	 */
	| {type: 'merge'; folder: string; commit: string; message: string; expectHead: string; bySection?: {ours: string[]; theirs: string | null}}
	/**
	 * `git revert --no-edit [-m 1]` of `commit` (`mainline` for a merge) in the flow's worktree, on `expectHead`
	 * (the worktree is put there first when it is elsewhere). Redo: a revert already made (HEAD is the
	 * revert of `commit` whose parent is `expectHead`) is not repeated.
	 */
	| {type: 'revert'; folder: string; commit: string; mainline?: 1; expectHead: string}
	/** `git revert --abort` in the worktree; nothing to abort is fine. */
	| {type: 'abort-revert'; folder: string}
	/** `git merge --abort` in the worktree; nothing to abort is fine. */
	| {type: 'abort-merge'; folder: string}
	/** Runs the verification commands on `commit` in the worktree (checked out there first). */
	| {type: 'verify'; folder: string; commit: string; commands: string[]}
	/** Keeps `value` as `refs/switchyard/backup/<flow id>/<ref>` before `ref` moves. */
	| {type: 'backup-ref'; ref: string; value: string}
	/** Moves `ref` from `old` to `new` by compare-and-swap (in its worktree when checked out). */
	| {type: 'update-ref'; ref: string; new: string; old: string}
	/** `git push <remote> <ref>:<ref>`, never with force. */
	| {type: 'push'; remote: string; ref: string}
	/** Removes the flow's worktree; absent is fine. */
	| {type: 'remove-worktree'; folder: string}
	/** Deletes a branch the flow created itself; absent is fine. */
	| {type: 'delete-branch'; branch: string}
	/**
	 * A question for the user: `--yes` answers yes; without a terminal the flow refuses.
	 * With `choices` it is a choice among them (answered in `choice`, never by `--yes`).
	 */
	| {type: 'ask'; question: string; choices?: string[]}
	/**
	 * Waits while the person inspects the flow's worktree (kept after a red verification,
	 * `commit` checked out there first), until they close the flow; at once when no one can
	 * (`--yes`, no terminal).
	 */
	| {type: 'hold'; folder: string; commit: string; question: string}
	/**
	 * Ends a merge or revert that conflicted in the worktree and that the person resolved
	 * by hand: `files` (those that conflicted) free of conflict markers and nothing left
	 * unmerged, then `git commit --no-edit`. Redo: a commit already made (HEAD is the
	 * merge of `commit` on `expectHead`, or the revert of `commit` on it) is not repeated.
	 */
	| {type: 'conclude'; folder: string; operation: 'merge' | 'revert'; commit: string; expectHead: string; files: string[]};

export type EffectType = Effect['type'];

/** What performing an effect gave. `ok: false` is an answer (a conflict, a red run, a moved ref), not a crash. */
export interface Outcome {
	ok: boolean;
	/** One line for the user when `ok` is false. */
	message?: string;
	/** merge, revert, conclude: the new HEAD. */
	head?: string;
	/** merge: the coordination files it merged section by section. */
	sectionMerged?: string[];
	/** merge, revert: conflicted files; conclude: files still unresolved; update-ref: files in the way. */
	files?: string[];
	/** update-ref: the ref moved meanwhile (compare-and-swap failed). */
	moved?: boolean;
	/** verify: the verified tree and one line per command. */
	tree?: string;
	summary?: string[];
	/** verify: the last lines of output of the command that failed (none when all passed). */
	tail?: string[];
	/** verify: the person stopped the run. */
	cancelled?: boolean;
	/** ask: the answer. */
	answer?: boolean;
	/** ask with choices: the one chosen. */
	choice?: string;
}

/** What a machine is told: the outcome of the effect it asked for. */
export interface FlowEvent {
	effect: Effect;
	outcome: Outcome;
}

export interface Transition<State> {
	state: State;
	/** Performed in order; each outcome comes back as an event. */
	effects: Effect[];
}

/**
 * A flow: pure functions only, so every path can be walked without git, and a
 * journal replayed through them gives back the same state (nothing is re-run).
 */
export interface FlowMachine<Input, State> {
	/** Names the flow in journals and failpoints (`SWITCHYARD_FAILPOINT=<name>:<step>`). */
	name: string;
	start(input: Input): Transition<State>;
	step(state: State, event: FlowEvent): Transition<State>;
}

/** One line of `<state>/flows/<id>/journal.jsonl`. */
export type JournalRecord =
	| {kind: 'start'; flow: string; id: string; input: unknown; pid: number; at: string}
	/** Written (fsync) before the effect is performed; `step` counts from 1. */
	| {kind: 'effect'; step: number; effect: Effect}
	/** Written after. */
	| {kind: 'outcome'; step: number; outcome: Outcome}
	| {kind: 'finish'; at: string}
	| {kind: 'rollback'; at: string}
	| {kind: 'rolled-back'; at: string}
	| {kind: 'undone'; at: string};
