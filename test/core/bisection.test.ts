import {describe, expect, it} from 'vitest';
import {culpritPosition, nextProbe, recordProbe, startBisection} from '../../source/core/bisection.js';

/** Runs a bisection where prefixes from `culprit` on are red; returns the culprit found and the runs. */
function bisect(count: number, culprit: number): {found: number; runs: number} {
	let bisection = startBisection(count);
	for (let probe = nextProbe(bisection); probe !== undefined; probe = nextProbe(bisection)) {
		bisection = recordProbe(bisection, probe, probe < culprit);
	}

	return {found: culpritPosition(bisection), runs: bisection.runs};
}

describe('bisection over a merge sequence', () => {
	it('finds every culprit among 1 to 33 merges in at most ceil(log2 n) runs', () => {
		for (let count = 1; count <= 33; count++) {
			for (let culprit = 1; culprit <= count; culprit++) {
				const {found, runs} = bisect(count, culprit);
				expect(found).toBe(culprit);
				expect(runs).toBeLessThanOrEqual(Math.ceil(Math.log2(count)));
			}
		}
	});

	it('needs two runs for four merges', () => {
		expect(bisect(4, 3)).toEqual({found: 3, runs: 2});
	});
});
