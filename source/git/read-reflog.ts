/**
 * What a local branch's reflog says about it (docs/design.md §2, branch states): read as a
 * file (`logs/refs/heads/<name>` in the common git dir), no git process. Only its first
 * 64 KB are read: a reflog that long has long held more than its creation.
 */
import {closeSync, openSync, readSync} from 'node:fs';
import path from 'node:path';
import {reflogShowsOwnWork} from '../core/branch-state.js';

const readLimit = 64 * 1024;

/** `created-only`, `own-work`, or undefined when the branch has no readable reflog. */
export function readBranchReflog(commonDir: string, branch: string): 'created-only' | 'own-work' | undefined {
	if (branch.split('/').some(part => part === '..' || part === '')) {
		return undefined;
	}

	let text: string;
	try {
		const fd = openSync(path.join(commonDir, 'logs', 'refs', 'heads', ...branch.split('/')), 'r');
		try {
			const buffer = Buffer.alloc(readLimit);
			const length = readSync(fd, buffer, 0, readLimit, 0);
			if (length === readLimit) {
				return 'own-work';
			}

			text = buffer.subarray(0, length).toString('utf8');
		} finally {
			closeSync(fd);
		}
	} catch {
		return undefined;
	}

	// "<old> <new> <who> <when>\t<message>": an old id of zeros is the branch's creation.
	const entries = text.split('\n').filter(Boolean).map(line => {
		const tab = line.indexOf('\t');
		return {created: /^0+ /.test(line), message: tab < 0 ? '' : line.slice(tab + 1)};
	});
	return entries.length === 0 ? undefined : reflogShowsOwnWork(entries) ? 'own-work' : 'created-only';
}
