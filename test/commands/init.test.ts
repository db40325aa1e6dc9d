import {existsSync} from 'node:fs';
import {mkdtemp, readFile, readdir, rm, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {runInit} from '../../source/commands/init.js';
import {openRepository} from '../../source/repo/open-repository.js';
import {blockEnd, blockStart} from '../../source/core/agent-setup.js';
import {createRepo, type TestRepo} from './git-repo.js';

let repo: TestRepo;

beforeEach(async () => {
	repo = await createRepo();
});

afterEach(async () => {
	await repo.remove();
});

async function init(write?: string): Promise<{code: number; stdout: string; stderr: string}> {
	let stdout = '';
	let stderr = '';
	const code = await runInit({directory: repo.root, write}, {stdout: {write: (text: string) => (stdout += text)}, stderr: {write: (text: string) => (stderr += text)}});
	return {code, stdout, stderr};
}

async function snapshotFiles(): Promise<Record<string, string>> {
	const files: Record<string, string> = {};
	for (const name of (await readdir(repo.root)).filter(name => name !== '.git')) {
		files[name] = await readFile(path.join(repo.root, name), 'utf8');
	}

	return files;
}

describe('switchyard init', () => {
	it('writes the agents its branches justify, the seed claims file and the block; twice changes nothing', async () => {
		for (const branch of ['claude/training', 'claude/docs', 'codex/tracking', 'alice/experiment', 'feature/login']) {
			repo.git(['branch', branch]);
		}

		await writeFile(path.join(repo.root, 'AGENTS.md'), '# Agents\n\nBe kind.\n');
		const first = await init('AGENTS.md');
		expect(first).toMatchObject({code: 0, stderr: ''});
		expect(first.stdout).toBe(
			[
				'wrote .switchyard.json: agents claude (claude/), codex (codex/)',
				'not written: alice/ (1 branch) is not a known agent name; add it under "agents" if it is one',
				'created AI_CURRENT_WORK.md',
				'updated AGENTS.md (the switchyard block, between <!-- switchyard:start --> and <!-- switchyard:end -->)',
				'',
			].join('\n'),
		);
		const files = await snapshotFiles();
		expect(JSON.parse(files['.switchyard.json']!)).toEqual({agents: {claude: {prefixes: ['claude/']}, codex: {prefixes: ['codex/']}}});
		expect(files['AI_CURRENT_WORK.md']).toBe('# AI Current Work\n\n## Available Modules for Work\n\n## Emergency Overrides\n\n## Completed Work\n');
		const agents = files['AGENTS.md']!;
		expect(agents.startsWith('# Agents\n\nBe kind.\n\n<!-- switchyard:start -->\n')).toBe(true);
		expect(agents.endsWith('<!-- switchyard:end -->\n')).toBe(true);
		for (const command of ['switchyard claim --agent', 'switchyard checkin --agent', 'switchyard done --agent', 'switchyard status --json']) {
			expect(agents).toContain(command);
		}

		// The written config is valid and read back.
		expect((await openRepository(repo.root)).config.agents['claude']?.prefixes).toEqual(['claude/']);

		const second = await init('AGENTS.md');
		expect(second.code).toBe(0);
		expect(second.stdout).toBe('.switchyard.json exists; left as it was\nAI_CURRENT_WORK.md exists; left as it was\nAGENTS.md already has the switchyard block; left as it was\n');
		expect(await snapshotFiles()).toEqual(files);
	});

	it('replaces an older block between the markers and keeps what is around it', async () => {
		await writeFile(path.join(repo.root, 'CLAUDE.md'), `intro\r\n${blockStart}\r\nold advice\r\n${blockEnd}\r\noutro\r\n`);
		expect((await init('CLAUDE.md')).code).toBe(0);
		const text = await readFile(path.join(repo.root, 'CLAUDE.md'), 'utf8');
		expect(text.startsWith(`intro\r\n${blockStart}\r\n`)).toBe(true);
		expect(text.endsWith(`${blockEnd}\r\noutro\r\n`)).toBe(true);
		expect(text).not.toContain('old advice');
		expect(text).toContain('switchyard claim --agent claude ');
		expect(text.split(blockStart)).toHaveLength(2);
	});

	it('prints the block without --write and never overwrites an existing config', async () => {
		await writeFile(path.join(repo.root, '.switchyard.json'), '{"remote": "upstream"}\n');
		const result = await init();
		expect(result.stdout).toContain('.switchyard.json exists; left as it was\n');
		expect(result.stdout).toContain(`${blockStart}\n## Working alongside other agents (switchyard)`);
		expect(await readFile(path.join(repo.root, '.switchyard.json'), 'utf8')).toBe('{"remote": "upstream"}\n');
		expect(existsSync(path.join(repo.root, 'AGENTS.md'))).toBe(false);
	});

	it('refuses an AGENTS.md that links outside the repository, in one line, writing nothing', async () => {
		const outside = await mkdtemp(path.join(tmpdir(), 'switchyard-outside-'));
		try {
			await writeFile(path.join(outside, 'AGENTS.md'), 'theirs\n');
			await symlink(path.join(outside, 'AGENTS.md'), path.join(repo.root, 'AGENTS.md'));
			const result = await init('AGENTS.md');
			expect(result.code).toBe(2);
			expect(result.stderr).toMatch(/^switchyard init: AGENTS\.md is a symbolic link to .* outside the repository; not followed — add the block there by hand, or replace the link with a file\n$/);
			expect(await readFile(path.join(outside, 'AGENTS.md'), 'utf8')).toBe('theirs\n');
			expect(existsSync(path.join(repo.root, '.switchyard.json'))).toBe(false);
			expect(existsSync(path.join(repo.root, 'AI_CURRENT_WORK.md'))).toBe(false);
		} finally {
			await rm(outside, {recursive: true, force: true});
		}
	});

	it('takes only AGENTS.md or CLAUDE.md for --write', async () => {
		expect(await init('README.md')).toMatchObject({code: 2, stderr: 'switchyard init: --write takes AGENTS.md or CLAUDE.md (at the top of the repository), not "README.md"\n'});
	});
});
