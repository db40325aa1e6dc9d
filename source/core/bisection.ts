/**
 * Finding the merge that turns verification red (DESIGN §6.1 step 5), as pure data.
 * The merge sequence is m1…mn; prefix k is the base with m1…mk merged. Prefix 0 (the
 * base) is taken as green and prefix n was seen red, so the first red prefix is found
 * by halving the gap between the last green and the first red prefix: about log2(n)
 * verification runs.
 */
export interface Bisection {
	/** The longest prefix known green (0: the base alone). */
	good: number;
	/** The shortest prefix known red. */
	bad: number;
	/** Verification runs made by the bisection (the first, full run not counted). */
	runs: number;
}

/** A bisection over `count` merges whose full sequence was seen red. */
export function startBisection(count: number): Bisection {
	return {good: 0, bad: count, runs: 0};
}

/** The prefix to verify next, or undefined when the culprit is known. */
export function nextProbe(bisection: Bisection): number | undefined {
	return bisection.bad - bisection.good > 1 ? Math.floor((bisection.good + bisection.bad) / 2) : undefined;
}

/** Takes the verdict on prefix `probe` into account. */
export function recordProbe(bisection: Bisection, probe: number, passed: boolean): Bisection {
	return passed ? {...bisection, good: probe, runs: bisection.runs + 1} : {...bisection, bad: probe, runs: bisection.runs + 1};
}

/** 1-based position of the first merge that turns the prefix red, once `nextProbe` is undefined. */
export function culpritPosition(bisection: Bisection): number {
	return bisection.bad;
}
