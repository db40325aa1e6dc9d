/**
 * The flow engine (DESIGN §8.1, §7; STYLE §4 and §6 items 9–11).
 *
 * A flow is a `FlowMachine<Input, State>`: `start(input)` and `step(state, event)` are
 * pure and return `{state, effects}`. Effects (`types.ts`) are data — add-worktree,
 * merge, abort-merge, verify, backup-ref, update-ref (compare-and-swap), push,
 * remove-worktree, delete-branch, ask — and the event a machine receives is
 * `{effect, outcome}` for the effect it asked for. A new kind of effect is a case in
 * the `Effect` union and in `perform` (`perform.ts`), which must be idempotent or
 * carry the expected old value.
 *
 * Running:
 * - `runFlow(machine, id, input, context, purpose)` takes `flows/active.lock` (one flow
 *   per repository; a dead holder's lock is taken over, said through `context.say`),
 *   names the flow in `flows/current.json`, journals `start` with the input, then for
 *   each effect appends `{kind: 'effect', step}` (fsync) *before* performing it and
 *   `{kind: 'outcome', step}` after, and `finish` at the end. `newFlowId(name, now)`
 *   makes the id. A ref must be kept by a `backup-ref` effect before an `update-ref`
 *   moves it: rollback and undo restore from `refs/switchyard/backup/<id>/<ref>`.
 * - `SWITCHYARD_FAILPOINT=<flow name>:<step>` kills the process (SIGKILL) right after
 *   that step's effect record is written.
 * - `resumeFlow(machines, context)` replays the journal through the machine (nothing
 *   is performed again but the last effect without an outcome) and continues.
 * - `rollbackFlow(context)` restores every ref the interrupted flow moved, by
 *   compare-and-swap, removes its worktrees and the branches they created; twice is
 *   harmless. `undoFlow(context)` reverses the last finished flow's `update-ref` moves
 *   while each ref still holds what the flow left and nothing was pushed.
 * - `interruptedNotice(store)` is the one line commands print at their start;
 *   `latestFlow(store)` says what the latest flow's journal holds.
 * - `enumeratePaths(machine, input, outcomes)` walks every path without git, for tests.
 *
 * The `FlowContext` supplies the repository's `GitRunner` (every command logged, writes
 * marked), the state store, `answer(question)` (`--yes`, a terminal prompt, or a
 * refusal), `verify(...)` and `say(line)`. Errors meant for the user are `FlowError`
 * (one line and an exit code).
 */
export * from './types.js';
export * from './journal.js';
export * from './perform.js';
export * from './runner.js';
export * from './paths.js';
