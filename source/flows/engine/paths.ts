/**
 * Every path through a machine, without git (STYLE §6 item 10): from the start, each
 * effect is answered with each outcome `outcomes(effect)` offers, depth first. Tests
 * use it to check properties of every path (a ref moved only after its backup, every
 * worktree removed at the end, …).
 */
import type {Effect, FlowMachine, Outcome} from './types.js';

export interface FlowPath<State> {
	steps: Array<{effect: Effect; outcome: Outcome}>;
	/** The state when no effect was left. */
	final: State;
}

export function enumeratePaths<Input, State>(
	machine: FlowMachine<Input, State>,
	input: Input,
	outcomes: (effect: Effect, steps: ReadonlyArray<{effect: Effect; outcome: Outcome}>) => Outcome[],
	maxSteps = 200,
): Array<FlowPath<State>> {
	const paths: Array<FlowPath<State>> = [];
	const walk = (state: State, queue: Effect[], steps: Array<{effect: Effect; outcome: Outcome}>) => {
		if (queue.length === 0) {
			paths.push({steps, final: state});
			return;
		}

		if (steps.length >= maxSteps) {
			throw new Error(`a path of the ${machine.name} flow is longer than ${maxSteps} steps: a loop?`);
		}

		const [effect, ...rest] = queue as [Effect, ...Effect[]];
		for (const outcome of outcomes(effect, steps)) {
			const next = machine.step(state, {effect, outcome});
			walk(next.state, [...rest, ...next.effects], [...steps, {effect, outcome}]);
		}
	};

	const first = machine.start(input);
	walk(first.state, [...first.effects], []);
	return paths;
}
