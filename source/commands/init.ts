/**
 * `switchyard init [--write AGENTS.md|CLAUDE.md]`: sets a repository up for agents
 * (docs/design.md §5). Writes `.switchyard.json` with the agents its branches show (never
 * over an existing one), creates the claims file in its seed shape when absent, and
 * prints the instructions block, or puts it between markers in AGENTS.md or CLAUDE.md.
 * Running it again changes nothing.
 */
import {constants, existsSync, statSync} from 'node:fs';
import {lstat, mkdir, open, readFile, realpath, rename, unlink} from 'node:fs/promises';
import path from 'node:path';
import {instructionsBlock, proposeAgents, withInstructionsBlock} from '../core/agent-setup.js';
import {newAiCoordinationText} from '../core/claims/edit-ai-coordination.js';
import {newCurrentWorkText} from '../core/claims/edit-current-work.js';
import {claimsFileTarget} from '../core/claims/index.js';
import {ConfigError} from '../core/config.js';
import type {SwitchyardConfig} from '../core/types.js';
import type {GitRunner} from '../git/git-runner.js';
import {readRefs} from '../git/read-refs.js';
import {RepositoryError} from '../git/repository.js';
import {locateOnly} from '../repo/open-repository.js';
import {configFileName, parseRepoConfig, readRepoConfigText} from '../store/config-file.js';
import type {TextOutput} from './claim.js';

export const instructionFiles = ['AGENTS.md', 'CLAUDE.md'] as const;

export interface InitOptions {
	directory: string;
	/** AGENTS.md or CLAUDE.md: where the instructions block goes; printed when absent. */
	write?: string;
}

export async function runInit(options: InitOptions, io: {stdout: TextOutput; stderr: TextOutput}): Promise<number> {
	const fail = (message: string) => {
		io.stderr.write(`switchyard init: ${message}\n`);
		return 2;
	};

	if (options.write !== undefined && !(instructionFiles as readonly string[]).includes(options.write)) {
		return fail(`--write takes AGENTS.md or CLAUDE.md (at the top of the repository), not "${options.write}"`);
	}

	const cwd = path.resolve(options.directory);
	if (!existsSync(cwd) || !statSync(cwd).isDirectory()) {
		return fail(`${cwd} is not a folder: check the -C path`);
	}

	let root: string;
	let git: GitRunner;
	try {
		({git, location: {root}} = await locateOnly(cwd));
	} catch (error) {
		if (error instanceof RepositoryError) {
			return fail(error.message);
		}

		throw error;
	}

	// The instructions file is checked first: a refusal leaves everything as it was.
	const instructions = options.write === undefined ? undefined : path.join(root, options.write);
	if (instructions) {
		const problem = await linkProblem(instructions, root, options.write!);
		if (problem) {
			return fail(problem);
		}
	}

	let config: SwitchyardConfig;
	const existing = readRepoConfigText(root);
	try {
		config = parseRepoConfig(existing);
	} catch (error) {
		if (error instanceof ConfigError) {
			return fail(`${error.message}; fix it first (init never overwrites it)`);
		}

		throw error;
	}

	if (existing === null) {
		const refs = await readRefs(git);
		const names = new Set([...refs.local.keys(), ...[...refs.remotes.values()].flatMap(branches => [...branches.keys()])]);
		const proposed = proposeAgents(names);
		config = parseRepoConfig(JSON.stringify({agents: proposed.agents}));
		await createOnly(path.join(root, configFileName), `${JSON.stringify({agents: proposed.agents}, null, 2)}\n`);
		const found = Object.entries(proposed.agents).map(([agent, settings]) => `${agent} (${settings.prefixes.join(', ')})`);
		io.stdout.write(`wrote ${configFileName}: ${found.length > 0 ? `agents ${found.join(', ')}` : 'no agent branches yet (claude/…, codex/…), so no agents'}\n`);
		for (const {prefix, branches} of proposed.unsure) {
			io.stdout.write(`not written: ${prefix} (${branches} ${branches === 1 ? 'branch' : 'branches'}) is not a known agent name; add it under "agents" if it is one\n`);
		}
	} else {
		io.stdout.write(`${configFileName} exists; left as it was\n`);
	}

	const target = claimsFileTarget(config);
	const claimsFile = path.join(root, ...target.path.split('/'));
	await mkdir(path.dirname(claimsFile), {recursive: true});
	if (await createOnly(claimsFile, target.kind === 'ai-coordination' ? newAiCoordinationText : newCurrentWorkText)) {
		io.stdout.write(`created ${target.path}\n`);
	} else {
		io.stdout.write(`${target.path} exists; left as it was\n`);
	}

	const block = instructionsBlock({agent: options.write === 'CLAUDE.md' ? 'claude' : undefined, claimsFile: target.path, staleness: config.staleness});
	if (!instructions) {
		io.stdout.write(`\nFor your agents' instructions (or run switchyard init --write AGENTS.md):\n\n${block}\n`);
		return 0;
	}

	const before = await readFile(instructions, 'utf8').catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'ENOENT') {
			return null;
		}

		throw error;
	});
	const after = withInstructionsBlock(before, block);
	if (after === before) {
		io.stdout.write(`${options.write} already has the switchyard block; left as it was\n`);
		return 0;
	}

	await replaceFile(instructions, after);
	io.stdout.write(`${before === null ? 'created' : 'updated'} ${options.write} (the switchyard block, between <!-- switchyard:start --> and <!-- switchyard:end -->)\n`);
	return 0;
}

/** A symbolic link is followed only when it stays inside the repository. */
async function linkProblem(file: string, root: string, name: string): Promise<string | undefined> {
	const stats = await lstat(file).catch(() => undefined);
	if (!stats?.isSymbolicLink()) {
		return undefined;
	}

	const target = await realpath(file).catch(() => undefined);
	const top = await realpath(root);
	if (target && (target === top || target.startsWith(top + path.sep))) {
		return undefined;
	}

	return `${name} is a symbolic link to ${target ?? 'a missing file'} outside the repository; not followed — add the block there by hand, or replace the link with a file`;
}

/** Writes a new file; false when one is there already (never replaced). */
async function createOnly(file: string, text: string): Promise<boolean> {
	try {
		const handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
		try {
			await handle.writeFile(text, 'utf8');
		} finally {
			await handle.close();
		}

		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
			return false;
		}

		throw error;
	}
}

/** Atomic: a temporary file renamed over the old one (through a link inside the repository, its target). */
async function replaceFile(file: string, text: string): Promise<void> {
	const real = await realpath(file).catch(() => file);
	const temporary = path.join(path.dirname(real), `.${path.basename(real)}.${process.pid}.tmp`);
	const mode = (await lstat(real).catch(() => undefined))?.mode ?? 0o644;
	const handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode & 0o7777);
	try {
		await handle.writeFile(text, 'utf8');
	} finally {
		await handle.close();
	}

	await rename(temporary, real).catch(async (error: unknown) => {
		await unlink(temporary).catch(() => {});
		throw error;
	});
}
