/**
 * CPU time of a call, in ms. Parse-speed limits are checked on CPU time, not wall
 * time, so that a loaded CI machine (other test files run in parallel) does not make
 * a linear parse look like catastrophic backtracking. Each test file runs in its own
 * process (vitest's forks pool), so the process's CPU time is this test's.
 */
export function cpuMs<T>(run: () => T): {result: T; ms: number} {
	const before = process.cpuUsage();
	const result = run();
	const used = process.cpuUsage(before);
	return {result, ms: (used.user + used.system) / 1000};
}
