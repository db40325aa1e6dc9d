import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {makeAgentResolver} from '../../../source/core/agents.js';
import type {Claim, ParseContext} from '../../../source/core/types.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/coordination/', import.meta.url));

/** A fixture's text exactly as stored (BOM and CRLF included). */
export function fixtureText(name: string): string {
	return readFileSync(fixtures + name, 'utf8');
}

export function fixtureBytes(name: string): Uint8Array {
	return new Uint8Array(readFileSync(fixtures + name));
}

export function contextFor(file: string, ref = 'worktree'): ParseContext {
	return {file, ref, resolveAgent: makeAgentResolver({agents: {trae: {aliases: ['Trae AI']}}})};
}

/** A claim with every field a reader fills by default, so that tests spell out only what differs. */
export function claim(fields: Partial<Claim> & Pick<Claim, 'agent' | 'agentName' | 'source'>): Claim {
	return {files: [], status: 'unknown', blockers: [], dependencies: [], notes: [], confidence: 'parsed', ...fields};
}
