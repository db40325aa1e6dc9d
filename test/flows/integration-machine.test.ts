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

/** Every outcome an effect can have; merges of tip N produce head `mN`. */
function outcomes(effect: Effect): Outcome[] {
	switch (effect.type) {
		case 'merge': {
			return [{ok: true, head: `m-${effect.commit}`}, {ok: false, files: ['x.ts']}];
		}

		case 'verify': {
			return [{ok: true, tree: 't'}, {ok: false, tree: 't'}, {ok: false, tree: 't', cancelled: true}];
		}

		case 'ask': {
			return [{ok: true, answer: true}, {ok: true, answer: false}];
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

	it('asks on a conflict after aborting the merge: yes skips the branch and goes on, no ends the integration', () => {
		const asking = enumeratePaths(integrationMachine, input(3, {onConflict: 'ask'}), outcomes);
		let skipped = 0;
		let aborted = 0;
		for (const path of asking) {
			path.steps.forEach((step, index) => {
				if (step.effect.type !== 'merge' || step.outcome.ok) {
					return;
				}

				const [abort, ask, after] = path.steps.slice(index + 1);
				expect(abort!.effect.type).toBe('abort-merge');
				expect(ask!.effect).toMatchObject({type: 'ask', question: expect.stringContaining('conflicts in x.ts: skip it') as unknown});
				if (ask!.outcome.answer) {
					skipped++;
					expect(['merge', 'verify', 'ask', 'remove-worktree']).toContain(after!.effect.type);
				} else {
					aborted++;
					expect(path.steps.slice(index + 3).map(each => each.effect.type)).toEqual(['remove-worktree', 'delete-branch']);
					expect(path.final.outcome).toBe('conflict');
				}
			});
		}

		expect(skipped).toBeGreaterThan(0);
		expect(aborted).toBeGreaterThan(0);
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
