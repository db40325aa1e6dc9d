/** Every path of the revert machine, walked without git (STYLE §6 item 10). */
import {describe, expect, it} from 'vitest';
import {enumeratePaths, type Effect, type Outcome} from '../../source/flows/engine/index.js';
import {integrationMachine} from '../../source/flows/integration/machine.js';
import {revertMachine, type RevertInput} from '../../source/flows/revert/machine.js';

const input = (count: number, overrides: Partial<RevertInput> = {}): RevertInput => ({
	base: 'main',
	baseTip: 'tip',
	folder: '/state/flows/x/worktree',
	commands: ['npm test'],
	// Newest first: s1 is the tip itself.
	suspects: Array.from({length: count}, (_, index) => ({commit: `s${index + 1}`, merge: index % 2 === 0, label: `agent/${index + 1}`})),
	strategy: 'newest-first',
	checkBase: true,
	onConflict: 'abort',
	...overrides,
});

/** Every outcome an effect can have; the revert of X on H gives head `H-X`. */
function outcomes(effect: Effect): Outcome[] {
	switch (effect.type) {
		case 'revert': {
			return [{ok: true, head: `${effect.expectHead}-${effect.commit}`}, {ok: false, files: ['x.ts'], message: 'conflict'}];
		}

		case 'verify': {
			return [{ok: true, tree: 't'}, {ok: false, tree: 't', tail: ['boom']}];
		}

		case 'ask': {
			return effect.choices ? effect.choices.map(choice => ({ok: true, choice})) : [{ok: true, answer: true}, {ok: true, answer: false}];
		}

		case 'conclude': {
			return [{ok: true, head: `${effect.expectHead}-${effect.commit}`}];
		}

		case 'update-ref': {
			return [{ok: true}, {ok: false, moved: true}, {ok: false, files: ['README.md']}];
		}

		default: {
			return [{ok: true}];
		}
	}
}

describe('the revert machine', () => {
	it('asks on a conflicting revert with it kept: continue commits the hand resolution and verifies it, skip and abort abort it first', () => {
		const asking = enumeratePaths(revertMachine, input(3, {onConflict: 'ask'}), outcomes);
		const seen = new Set<string>();
		for (const path of asking) {
			path.steps.forEach((step, index) => {
				if (step.effect.type !== 'revert' || step.outcome.ok || path.final.phase === 'single') {
					return;
				}

				const [ask, after, next] = path.steps.slice(index + 1);
				if (ask!.effect.type !== 'ask') {
					return;
				}

				expect(ask!.effect.question).toContain('resolve it by hand in /state/flows/x/worktree and continue');
				seen.add(ask!.outcome.choice!);
				if (ask!.outcome.choice === 'continue') {
					expect(after!.effect).toMatchObject({type: 'conclude', operation: 'revert', commit: step.effect.commit, expectHead: step.effect.expectHead});
					expect(next!.effect).toMatchObject({type: 'verify', commit: after!.outcome.head});
				} else {
					expect(after!.effect.type).toBe('abort-revert');
				}
			});
		}

		expect([...seen].sort()).toEqual(['abort', 'continue', 'skip']);
	});

	const paths = [
		...enumeratePaths(revertMachine, input(3, {onConflict: 'ask'}), outcomes),
		...enumeratePaths(revertMachine, input(3), outcomes),
		...enumeratePaths(revertMachine, input(3, {onConflict: 'skip'}), outcomes),
		...enumeratePaths(revertMachine, input(6, {strategy: 'bisect'}), outcomes),
		...enumeratePaths(revertMachine, input(2, {strategy: 'bisect', checkBase: false, pushTo: 'origin'}), outcomes),
	];

	it('has many paths, every one ending with its worktree removed and an outcome', () => {
		expect(paths.length).toBeGreaterThan(100);
		for (const path of paths) {
			expect(path.steps.at(-1)!.effect.type).toBe('remove-worktree');
			expect(path.final.outcome).toBeDefined();
		}
	});

	it('moves base only after backing it up, from the tip it started on, to a revert that was verified green', () => {
		for (const path of paths) {
			path.steps.forEach(({effect}, index) => {
				if (effect.type !== 'update-ref') {
					return;
				}

				expect(path.steps[index - 1]!.effect).toEqual({type: 'backup-ref', ref: 'refs/heads/main', value: 'tip'});
				expect(effect.old).toBe('tip');
				const green = path.steps.filter(step => step.effect.type === 'verify' && step.outcome.ok).map(step => (step.effect as Extract<Effect, {type: 'verify'}>).commit);
				expect(green).toContain(effect.new);
				// What is promoted is a revert made by the flow, never a commit of base's history.
				expect(path.steps.some(step => (step.effect.type === 'revert' || step.effect.type === 'conclude') && step.outcome.head === effect.new)).toBe(true);
			});
		}
	});

	it('aborts every revert that conflicts before doing anything else, or (--on-conflict ask) asks first', () => {
		for (const path of paths) {
			path.steps.forEach((step, index) => {
				if (step.effect.type === 'revert' && !step.outcome.ok) {
					expect(path.steps[index + 1]!.effect.type).toBe(path.final.input.onConflict === 'ask' && path.final.phase !== 'single' && path.steps[index + 1]!.effect.type === 'ask' ? 'ask' : 'abort-revert');
				}
			});
		}
	});

	it('ends at a cancelled verification, wherever it comes, without moving base', () => {
		const withCancel = (effect: Effect): Outcome[] => effect.type === 'verify' ? [...outcomes(effect), {ok: false, tree: 't', cancelled: true}] : outcomes(effect);
		const cancelled = [
			...enumeratePaths(revertMachine, input(2), withCancel),
			...enumeratePaths(revertMachine, input(3, {strategy: 'bisect'}), withCancel),
		].filter(path => path.steps.some(step => step.outcome.cancelled));
		expect(cancelled.length).toBeGreaterThan(5);
		for (const path of cancelled) {
			const at = path.steps.findIndex(step => step.outcome.cancelled);
			expect(path.steps.slice(at + 1).map(step => step.effect.type)).toEqual(['remove-worktree']);
			expect(path.final.outcome).toBe('cancelled');
		}
	});

	it('stops at once when base passes', () => {
		const green = paths.filter(path => path.final.outcome === 'base-green');
		expect(green.length).toBeGreaterThan(0);
		for (const path of green) {
			expect(path.steps.map(step => step.effect.type)).toEqual(['add-worktree', 'verify', 'remove-worktree']);
		}
	});

	it('bisects over six suspects in at most three probes, reverting only the culprit on the tip', () => {
		for (const path of enumeratePaths(revertMachine, input(6, {strategy: 'bisect'}), outcomes)) {
			const types = path.steps.map(step => step.effect.type);
			const firstRevert = types.indexOf('revert');
			if (firstRevert < 0) {
				continue;
			}

			// The tip, then the probes: never more than ceil(log2 6) = 3.
			expect(firstRevert - 2).toBeLessThanOrEqual(3);
			expect(types.filter(type => type === 'revert')).toHaveLength(1);
			const revert = path.steps[firstRevert]!.effect as Extract<Effect, {type: 'revert'}>;
			expect(revert.expectHead).toBe('tip');
			expect(revert.commit).toBe(path.final.culprit);
		}
	});

	it('names the culprit a bisection must find, for every position', () => {
		for (let culprit = 1; culprit <= 6; culprit++) {
			// Suspect k (1 = newest) broke base: base at suspect j is red when j <= culprit.
			const answer = (effect: Effect): Outcome[] => {
				if (effect.type === 'verify') {
					// The tip is red; a probe at suspect j is red when j <= culprit; the culprit's revert is green.
					const position = Number(/^s(\d+)$/.exec(effect.commit)?.[1] ?? 0);
					return [{ok: effect.commit === 'tip' ? false : position > 0 ? position > culprit : true, tree: 't'}];
				}

				return outcomes(effect).slice(0, 1);
			};

			const [path] = enumeratePaths(revertMachine, input(6, {strategy: 'bisect'}), answer);
			expect(path!.final.culprit).toBe(`s${culprit}`);
			expect(path!.final.outcome).toBe('promoted');
		}
	});

	it('newest first: reverts in order, and offers the culprit reverted alone when that is green', () => {
		// s2 broke base: red until s2 is reverted; the revert of s2 alone is green.
		const answer = (effect: Effect): Outcome[] => {
			if (effect.type === 'verify') {
				return [{ok: effect.commit.includes('s2'), tree: 't'}];
			}

			return outcomes(effect).slice(0, 1);
		};

		const [path] = enumeratePaths(revertMachine, input(3), answer);
		const reverts = path!.steps.filter(step => step.effect.type === 'revert').map(step => step.effect as Extract<Effect, {type: 'revert'}>);
		expect(reverts.map(effect => [effect.commit, effect.expectHead, effect.mainline])).toEqual([
			['s1', 'tip', 1],
			['s2', 'tip-s1', undefined],
			['s2', 'tip', undefined],
		]);
		expect(path!.final.candidate).toEqual({commit: 'tip-s2', reverted: ['s2']});
		expect(path!.final.alone).toBe('green');
	});
});

describe('the integration machine given a revert to revert first', () => {
	const integration = {
		base: 'main',
		baseTip: 'tip',
		branches: [{name: 'gemini/s', tip: 'g', agent: 'gemini'}],
		integrationBranch: 'test/integration-20260105-0900',
		folder: '/state/flows/y/worktree',
		commands: ['npm test'],
		onConflict: 'abort' as const,
		revertFirst: [{branch: 'gemini/s', revert: 'r1'}],
	};
	const answer = (effect: Effect): Outcome[] => (effect.type === 'merge' ? [{ok: true, head: `${effect.expectHead}+${effect.commit}`}] : outcomes(effect));

	it('reverts the revert in its worktree before merging, on top of it', () => {
		for (const path of enumeratePaths(integrationMachine, integration, answer)) {
			const [add, first, second] = path.steps.map(step => step.effect);
			expect(add!.type).toBe('add-worktree');
			expect(first).toEqual({type: 'revert', folder: integration.folder, commit: 'r1', expectHead: 'tip'});
			if (path.steps[1]!.outcome.ok) {
				expect(second).toMatchObject({type: 'merge', commit: 'g', expectHead: 'tip-r1'});
			} else {
				expect(second!.type).toBe('abort-revert');
				expect(path.final.outcome).toBe('conflict');
				expect(path.steps.some(step => step.effect.type === 'update-ref')).toBe(false);
			}
		}
	});
});
