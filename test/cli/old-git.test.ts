/**
 * An old git (before 2.38: no `merge-tree --write-tree`). The machine's git is real;
 * a wrapper earlier on PATH answers `git version` as 2.30 and passes everything else
 * through, which is what switchyard sees on such a machine.
 */
import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {execFileSync} from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {buildConflictRepo} from '../../fixtures/scenarios.js';
import {runCli} from './run-cli.js';

const wrapperFolder = mkdtempSync(path.join(os.tmpdir(), 'switchyard-old-git-'));
const realGit = execFileSync('sh', ['-c', 'command -v git'], {encoding: 'utf8'}).trim();
writeFileSync(path.join(wrapperFolder, 'git'), `#!/bin/sh\nif [ "$1" = version ]; then echo "git version 2.30.9"; exit 0; fi\nexec ${JSON.stringify(realGit)} "$@"\n`);
chmodSync(path.join(wrapperFolder, 'git'), 0o755);
afterAll(() => rmSync(wrapperFolder, {recursive: true, force: true}));

describe('on git older than 2.38', () => {
	it('status still works, says once that conflict prediction needs 2.38, and predicts nothing', async () => {
		const built = await buildConflictRepo();
		try {
			const result = runCli(['status', '--json', '-C', built.root], {env: {PATH: `${wrapperFolder}:${process.env['PATH'] ?? ''}`}});
			expect(result.stderr).toBe('');
			expect(result.status).toBe(0);
			const document = JSON.parse(result.stdout);
			expect(document.notices.filter((notice: string) => notice.includes('conflict prediction needs git 2.38'))).toHaveLength(1);
			const unmerged = document.branches.filter((branch: {merged: boolean}) => !branch.merged);
			expect(unmerged.length).toBeGreaterThan(0);
			expect(unmerged.every((branch: {mergesCleanly: boolean | null}) => branch.mergesCleanly === null)).toBe(true);
		} finally {
			await built.cleanup();
		}
	});
});
