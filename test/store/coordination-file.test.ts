import {mkdtemp, readdir, readFile, rm, utimes, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {
	CoordinationFileError,
	updateCoordinationFile,
	withFileLock,
	writeIfUnchanged,
} from '../../source/store/coordination-file.js';

let folder: string;
let file: string;

beforeEach(async () => {
	folder = await mkdtemp(path.join(tmpdir(), 'switchyard-store-'));
	file = path.join(folder, 'AI_CURRENT_WORK.md');
});

afterEach(async () => {
	await rm(folder, {recursive: true, force: true});
});

async function refusal(promise: Promise<unknown>): Promise<CoordinationFileError> {
	const error = await promise.then(
		() => undefined,
		(error: unknown) => error,
	);
	expect(error).toBeInstanceOf(CoordinationFileError);
	return error as CoordinationFileError;
}

describe('writeIfUnchanged', () => {
	it('replaces the file when it still holds what was read, leaving no temporary file', async () => {
		await writeFile(file, 'old\r\n');
		await writeIfUnchanged(file, Buffer.from('old\r\n'), 'new\r\n');
		expect(await readFile(file, 'utf8')).toBe('new\r\n');
		expect(await readdir(folder)).toEqual(['AI_CURRENT_WORK.md']);
	});

	it('refuses when the file changed since it was read, and writes nothing', async () => {
		await writeFile(file, 'edited by hand\n');
		const error = await refusal(writeIfUnchanged(file, Buffer.from('old\n'), 'new\n'));
		expect(error.problem).toBe('changed');
		expect(error.message).toMatch(/changed on disk .* nothing was written/);
		expect(await readFile(file, 'utf8')).toBe('edited by hand\n');
		expect(await readdir(folder)).toEqual(['AI_CURRENT_WORK.md']);
	});

	it('creates an absent file, and refuses when one appeared meanwhile', async () => {
		await writeIfUnchanged(file, null, 'created\n');
		expect(await readFile(file, 'utf8')).toBe('created\n');
		const error = await refusal(writeIfUnchanged(file, null, 'again\n'));
		expect(error.problem).toBe('changed');
		expect(await readFile(file, 'utf8')).toBe('created\n');
	});
});

describe('updateCoordinationFile', () => {
	it('refuses when the file is changed between its read and the write', async () => {
		await writeFile(file, 'v1\n');
		const error = await refusal(
			updateCoordinationFile(
				file,
				async text => {
					// Someone saves the file by hand while the edit is being computed.
					await writeFile(file, 'hand edit\n');
					return `${text}more\n`;
				},
				text => text,
			),
		);
		expect(error.problem).toBe('changed');
		expect(await readFile(file, 'utf8')).toBe('hand edit\n');
		expect(await readdir(folder)).toEqual(['AI_CURRENT_WORK.md']);
	});

	it('leaves the file alone when the transform writes nothing', async () => {
		await writeFile(file, 'v1\n');
		const result = await updateCoordinationFile(file, () => 'refused', () => undefined);
		expect(result).toBe('refused');
		expect(await readFile(file, 'utf8')).toBe('v1\n');
	});

	it('refuses a file that is not UTF-8 rather than rewriting its bytes', async () => {
		await writeFile(file, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
		const error = await refusal(updateCoordinationFile(file, text => text, text => text ?? ''));
		expect(error.problem).toBe('encoding');
	});
});

describe('withFileLock', () => {
	it('waits for a live lock and gives up with a message naming the lock file', async () => {
		await writeFile(`${file}.lock`, 'other process\n');
		const error = await refusal(withFileLock(file, async () => 'ran', {waitMs: 200}));
		expect(error.problem).toBe('locked');
		expect(error.message).toContain('AI_CURRENT_WORK.md.lock');
	});

	it('removes a lock left by a dead process after 30 seconds', async () => {
		await writeFile(`${file}.lock`, 'dead process\n');
		const old = new Date(Date.now() - 60_000);
		await utimes(`${file}.lock`, old, old);
		expect(await withFileLock(file, async () => 'ran', {waitMs: 200})).toBe('ran');
		expect(await readdir(folder)).toEqual([]);
	});

	it('runs one holder at a time', async () => {
		const events: string[] = [];
		const hold = (name: string) =>
			withFileLock(file, async () => {
				events.push(`${name} in`);
				await new Promise(resolve => setTimeout(resolve, 30));
				events.push(`${name} out`);
			});
		await Promise.all([hold('a'), hold('b')]);
		expect(events.join(' ')).toMatch(/^(\w) in \1 out (\w) in \2 out$/);
	});
});
