/** Repositories for the integration flow's tests: a base, agent branches, a user at work. */
import {createHash} from 'node:crypto';
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {createRepo, leaveUserWorkInProgress, type RepoBuilder} from '../../fixtures/repo-builder.js';
import {edit, minutes} from '../git/test-repos.js';

const lines = (count: number, label: string) => Array.from({length: count}, (_, index) => `${label} line ${index + 1}`).join('\n') + '\n';

/**
 * main with src/a.ts and src/b.ts; the user works on `work` (checked out) with a
 * local change and a stash, so main is checked out nowhere.
 */
export async function integrationRepo(options: {userOn?: 'work' | 'main'} = {}): Promise<RepoBuilder> {
	const repo = await createRepo({label: 'integrate'});
	await repo.commit({branch: 'main', message: 'initial', files: {'src/a.ts': lines(40, 'a'), 'src/b.ts': lines(40, 'b'), 'README.md': 'hello\n'}, at: minutes(0)});
	// Merges made by the flow need a committer; tests run with no global config.
	await repo.git(['config', 'user.name', 'Dana Developer']);
	await repo.git(['config', 'user.email', 'dana@example.com']);
	if ((options.userOn ?? 'work') === 'work') {
		await repo.branch('work');
		await repo.checkout('work');
		await leaveUserWorkInProgress(repo);
	}

	return repo;
}

/** Three branches that merge cleanly, each touching its own file. */
export async function addCleanBranches(repo: RepoBuilder): Promise<string[]> {
	await repo.commit({branch: 'claude/a', from: 'main', message: 'a: line 5', files: {'src/a.ts': edit('a', 5, 'a five')}, at: minutes(10)});
	await repo.commit({branch: 'codex/b', from: 'main', message: 'b: line 5', files: {'src/b.ts': edit('b', 5, 'b five')}, at: minutes(11)});
	await repo.commit({branch: 'gemini/c', from: 'main', message: 'c: new file', files: {'src/c.ts': 'c\n'}, at: minutes(12)});
	return ['claude/a', 'codex/b', 'gemini/c'];
}

/** Everything of the user's that a flow must not touch: files, index bytes, stash, HEAD. */
export async function userFingerprint(repo: RepoBuilder): Promise<string> {
	const hash = createHash('sha256');
	const walk = async (folder: string): Promise<void> => {
		for (const entry of (await readdir(folder, {withFileTypes: true})).sort((a, b) => a.name.localeCompare(b.name))) {
			const full = path.join(folder, entry.name);
			if (entry.name === '.git') {
				continue;
			}

			if (entry.isDirectory()) {
				await walk(full);
			} else {
				hash.update(path.relative(repo.root, full)).update('\0').update(await readFile(full)).update('\0');
			}
		}
	};

	await walk(repo.root);
	hash.update(await readFile(path.join(repo.gitDir, 'index')));
	hash.update(await repo.git(['stash', 'list']));
	hash.update(await repo.git(['rev-parse', 'HEAD']));
	hash.update(await repo.git(['symbolic-ref', '-q', 'HEAD']));
	return hash.digest('hex');
}

/** Every ref but the flow's backups, as `name sha` lines. */
export async function refsOf(repo: RepoBuilder): Promise<string> {
	const lines = (await repo.git(['for-each-ref', '--format=%(refname) %(objectname)', 'refs/'])).split('\n');
	return lines.filter(line => !line.startsWith('refs/switchyard/')).join('\n');
}
