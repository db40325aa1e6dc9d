/** Every path of the integration machine, walked without git (STYLE §6 item 10). */
import {describe, expect, it} from 'vitest';
import {enumeratePaths, replay, type Effect, type JournalRecord, type Outcome} from '../../source/flows/engine/index.js';
import {integrationMachine, type IntegrationInput} from '../../source/flows/integration/machine.js';

const input = (count: number, overrides: Partial<IntegrationInput> = {}): IntegrationInput => ({
	base: 'main',
	baseTip: 'base',
	branches: Array.from({length: count}, (_, index) => ({name: `agent/${index + 1}`, tip: `tip${index + 1}`, agent: 'agent'})),
	integrationBranch: 'test/integration-20260105-0900',
	folder: '/state/flows/x/worktree',
	commands: ['npm test'],
	onConflict: 'skip',
	...overrides,
});

/** Every outcome an effect can have; merges of tip N produce head `mN`; a `continue` finds files unresolved once per path. */
function outcomes(effect: Effect, steps: ReadonlyArray<{effect: Effect; outcome: Outcome}> = []): Outcome[] {
	switch (effect.type) {
		case 'conclude': {
			const once = steps.some(step => step.effect.type === 'conclude' && !step.outcome.ok);
			return once ? [{ok: true, head: `r-${effect.commit}`}] : [{ok: true, head: `r-${effect.commit}`}, {ok: false, files: ['x.ts'], message: 'unresolved'}];
		}

		case 'merge': {
			return [{ok: true, head: `m-${effect.commit}`}, {ok: false, files: ['x.ts']}];
		}

		case 'verify': {
			return [{ok: true, tree: 't'}, {ok: false, tree: 't'}, {ok: false, tree: 't', cancelled: true}];
		}

		case 'ask': {
			return effect.choices ? effect.choices.map(choice => ({ok: true, choice})) : [{ok: true, answer: true}, {ok: true, answer: false}];
		}

		case 'update-ref': {
			return [{ok: true}, {ok: false, moved: true}, {ok: false, files: ['README.md']}];
		}

		default: {
			return [{ok: true}];
		}
	}
}

describe('the integration machine', () => {
	const paths = [
		...enumeratePaths(integrationMachine, input(3), outcomes),
		...enumeratePaths(integrationMachine, input(3, {onConflict: 'abort'}), outcomes),
		...enumeratePaths(integrationMachine, input(3, {onConflict: 'ask'}), outcomes),
		...enumeratePaths(integrationMachine, input(2, {pushTo: 'origin'}), outcomes),
		...enumeratePaths(integrationMachine, input(2, {commands: []}), outcomes),
	];

	it('has many paths, every one of them ending with the worktree and the integration branch removed', () => {
		expect(paths.length).toBeGreaterThan(100);
		for (const path of paths) {
			expect(path.steps.slice(-2).map(step => step.effect.type)).toEqual(['remove-worktree', 'delete-branch']);
			expect(path.final.outcome).toBeDefined();
		}
	});

	it('moves base only after backing it up, from the tip it started on, to a commit that was verified green', () => {
		for (const path of paths) {
			path.steps.forEach(({effect}, index) => {
				if (effect.type !== 'update-ref') {
					return;
				}

				const before = path.steps.slice(0, index);
				expect(before.some(step => step.effect.type === 'backup-ref' && step.effect.ref === effect.ref && step.effect.value === effect.old)).toBe(true);
				expect(effect.old).toBe('base');
				const verified = before.some(step => step.effect.type === 'verify' && step.effect.commit === effect.new && step.outcome.ok);
				const noCommands = path.final.input.commands.length === 0;
				expect(verified || noCommands).toBe(true);
				// Promotion was asked first and answered yes.
				expect(before.some(step => step.effect.type === 'ask' && step.outcome.answer === true)).toBe(true);
			});
		}
	});

	it('pushes only after base moved, and never when promotion was refused', () => {
		for (const path of paths) {
			const push = path.steps.findIndex(step => step.effect.type === 'push');
			if (push >= 0) {
				expect(path.steps[push - 1]!.effect.type).toBe('update-ref');
				expect(path.steps[push - 1]!.outcome.ok).toBe(true);
			}
		}
	});

	it('stops at the first conflict under --on-conflict abort, and merges nothing after it', () => {
		const aborting = enumeratePaths(integrationMachine, input(3, {onConflict: 'abort'}), outcomes);
		for (const path of aborting) {
			const conflict = path.steps.findIndex(step => step.effect.type === 'merge' && !step.outcome.ok);
			if (conflict >= 0) {
				expect(path.steps.slice(conflict + 1).map(step => step.effect.type)).toEqual(['abort-merge', 'remove-worktree', 'delete-branch']);
				expect(path.final.outcome).toBe('conflict');
			}
		}
	});

	it('asks on a conflict with the merge kept: skip aborts it and goes on, abort ends, continue commits the hand resolution or asks again', () => {
		const asking = enumeratePaths(integrationMachine, input(2, {onConflict: 'ask'}), outcomes);
		const seen = {skip: 0, abort: 0, resolved: 0, again: 0};
		for (const path of asking) {
			path.steps.forEach((step, index) => {
				if (step.effect.type !== 'merge' || step.outcome.ok) {
					return;
				}

				// No abort before the question: the stopped merge is what the person resolves.
				const [ask, after] = path.steps.slice(index + 1);
				expect(ask!.effect).toMatchObject({type: 'ask', choices: ['continue', 'skip', 'abort'], question: expect.stringContaining('conflicts in x.ts: resolve it by hand in /state/flows/x/worktree and continue') as unknown});
				if (ask!.outcome.choice === 'skip') {
					seen.skip++;
					expect(after!.effect.type).toBe('abort-merge');
					expect(['merge', 'verify', 'ask', 'remove-worktree']).toContain(path.steps[index + 3]!.effect.type);
				} else if (ask!.outcome.choice === 'abort') {
					seen.abort++;
					expect(path.steps.slice(index + 2).map(each => each.effect.type)).toEqual(['abort-merge', 'remove-worktree', 'delete-branch']);
					expect(path.final.outcome).toBe('conflict');
				} else {
					expect(after!.effect).toMatchObject({type: 'conclude', operation: 'merge', files: ['x.ts']});
					if (after!.outcome.ok) {
						seen.resolved++;
						expect(path.final.merged.some(entry => entry.head === after!.outcome.head && entry.byHand)).toBe(true);
					} else {
						seen.again++;
						expect(path.steps[index + 3]!.effect).toMatchObject({type: 'ask', question: expect.stringContaining('still unresolved: x.ts') as unknown});
					}
				}
			});
		}

		expect(Object.values(seen).every(count => count > 0)).toBe(true);
	});

	it('with inspect, holds every red end (worktree on the whole integration) before the cleanup; without, never holds', () => {
		const inspecting = enumeratePaths(integrationMachine, input(3, {inspect: true}), outcomes);
		const red = inspecting.filter(path => path.final.outcome === 'red');
		expect(red.length).toBeGreaterThan(0);
		for (const path of red) {
			const last = path.steps.slice(-3);
			expect(last.map(step => step.effect.type)).toEqual(['hold', 'remove-worktree', 'delete-branch']);
			expect(last[0]!.effect).toMatchObject({folder: '/state/flows/x/worktree', commit: path.final.merged.at(-1)!.head});
		}

		expect(inspecting.filter(path => path.final.outcome !== 'red').every(path => !path.steps.some(step => step.effect.type === 'hold'))).toBe(true);
		expect(paths.every(path => !path.steps.some(step => step.effect.type === 'hold'))).toBe(true);
	});

	it('ends at once, promoting nothing, when the person cancels a verification run', () => {
		const cancelled = paths.filter(path => path.steps.some(step => step.effect.type === 'verify' && step.outcome.cancelled));
		expect(cancelled.length).toBeGreaterThan(0);
		for (const path of cancelled) {
			const at = path.steps.findIndex(step => step.outcome.cancelled);
			expect(path.steps.slice(at + 1).map(step => step.effect.type)).toEqual(['remove-worktree', 'delete-branch']);
			expect(path.final.outcome).toBe('cancelled');
		}
	});

	it('names the culprit in at most 1 + ceil(log2 n) verification runs', () => {
		const four = enumeratePaths(integrationMachine, input(4), effect => (effect.type === 'merge' ? [{ok: true, head: `m-${effect.commit}`}] : outcomes(effect)));
		const red = four.filter(path => path.final.culprit);
		expect(red.length).toBeGreaterThan(0);
		for (const path of red) {
			expect(path.final.runs).toBeLessThanOrEqual(3);
			// And base's own run, before the bisection.
			expect(path.steps.filter(step => step.effect.type === 'verify')).toHaveLength(path.final.runs + 1);
		}
	});

	it('verifies base itself before bisecting, and names no culprit when base is red too', () => {
		const four = enumeratePaths(integrationMachine, input(4), effect => (effect.type === 'merge' ? [{ok: true, head: `m-${effect.commit}`}] : outcomes(effect)));
		let baseRed = 0;
		for (const path of four) {
			const verifies = path.steps.filter(step => step.effect.type === 'verify');
			if (verifies[0]?.outcome.ok !== false || verifies[0].outcome.cancelled) {
				continue;
			}

			// The run after the red full run is base's tip.
			expect(verifies[1]?.effect).toMatchObject({commit: 'base'});
			if (verifies[1]!.outcome.ok || verifies[1]!.outcome.cancelled) {
				continue;
			}

			baseRed++;
			expect(verifies).toHaveLength(2);
			expect(path.final.culprit).toBeUndefined();
			expect(path.final.outcome).toBe('red');
			expect(path.final.baseCheck).toMatchObject({pending: false, passed: false});
			expect(path.steps.some(step => step.effect.type === 'update-ref')).toBe(false);
		}

		expect(baseRed).toBeGreaterThan(0);
	});

	it('rebuilds the same state from a journal of any path prefix, performing nothing', () => {
		for (const path of paths.slice(0, 60)) {
			const records: JournalRecord[] = [{kind: 'start', flow: 'integration', id: 'x', input: path.final.input, pid: 1, at: ''}];
			path.steps.forEach((step, index) => {
				records.push({kind: 'effect', step: index + 1, effect: step.effect}, {kind: 'outcome', step: index + 1, outcome: step.outcome});
			});
			const replayed = replay(integrationMachine, JSON.parse(JSON.stringify(records)) as JournalRecord[]);
			expect(replayed.state).toEqual(path.final);
			expect(replayed.queue).toEqual([]);
			const cut = replay(integrationMachine, records.slice(0, -1));
			expect(cut.pending).toEqual(path.steps.at(-1)!.effect);
		}
	});
});
