import {describe, expect, it} from 'vitest';
import {describeHygieneScope, fairShares, isGeneratedFile} from '../../source/core/hygiene.js';
import {detailLines} from '../../source/ui/state/detail-lines.js';
import {makeBranch, testNow} from '../ui/factory.js';

describe('isGeneratedFile', () => {
	it.each([
		'package-lock.json',
		'web/yarn.lock',
		'go.sum',
		'public/app.min.js',
		'styles/site.min.css',
		'dist/app.js.map',
		'node_modules/left-pad/index.js',
		'third_party/zlib/inflate.c',
		'packages/ui/dist/index.js',
		'build/output.txt',
		'vendor/github.com/x/y.go',
		'src/api.generated.ts',
		'src/__generated__/schema.ts',
		'tests/test-vectors/sha256.json',
		'crypto/test_vectors/aes.txt',
		'src/__snapshots__/app.test.ts.snap',
	])('%s is generated', file => {
		expect(isGeneratedFile(file)).toBe(true);
	});

	it.each(['src/app.ts', 'README.md', 'src/builder.ts', 'docs/distribution.md', 'src/vectors.ts', 'lib/lockfile.ts', 'src/minimal.js'])('%s is read', file => {
		expect(isGeneratedFile(file)).toBe(false);
	});
});

describe('describeHygieneScope', () => {
	it('says how many of the added lines were read, and how many files not at all', () => {
		// The lines of files never opened are not known: the total is then a floor.
		expect(describeHygieneScope({linesRead: 20_000, linesSkipped: 1_214_567, filesSkipped: 412})).toBe('hygiene looked at 20,000 of at least 1,234,567 added lines (412 files not read)');
		expect(describeHygieneScope({linesRead: 12, linesSkipped: 0, filesSkipped: 1})).toBe('hygiene looked at 12 of at least 12 added lines (1 file not read)');
		expect(describeHygieneScope({linesRead: 2_000, linesSkipped: 10, filesSkipped: 0})).toBe('hygiene looked at 2,000 of 2,010 added lines');
	});

	it('is a line of the details screen, only when the read was partial', () => {
		const text = (branch: ReturnType<typeof makeBranch>) =>
			detailLines({key: branch.name, branch, agent: 'codex', agentRow: null, claim: null, checkinAgeMinutes: null}, 'main', testNow, false).map(line => line.text.trim());
		expect(text(makeBranch('codex/vectors', {hygieneScope: {linesRead: 20_000, linesSkipped: 80_000, filesSkipped: 3}}))).toContain('hygiene looked at 20,000 of at least 100,000 added lines (3 files not read)');
		expect(text(makeBranch('codex/small')).some(line => line.startsWith('hygiene looked at'))).toBe(false);
	});
});

describe('fairShares', () => {
	it('gives small demands what they ask and shares the rest equally among the large', () => {
		expect(fairShares([10, 1000, 40, 1000], 1000)).toEqual([10, 475, 40, 475]);
		expect(fairShares([300, 100], 1000)).toEqual([300, 100]);
		expect(fairShares([], 1000)).toEqual([]);
		const shares = fairShares([5, 7, 900, 2000, 2000, 30], 2000);
		expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(2000);
		expect(shares[3]).toBeCloseTo(shares[4]!);
	});
});
