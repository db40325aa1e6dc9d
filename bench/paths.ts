/** Where things are, from dist/bench/ back to the package root. */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const switchyardBin = path.join(packageRoot, 'bin', 'switchyard.js');

/**
 * The node flags of the binary's shebang (`#!/usr/bin/env -S node <flags>`): a user's
 * `switchyard` runs with them, so the measured processes must too.
 */
export const binNodeFlags: string[] = (readFileSync(switchyardBin, 'utf8').split('\n')[0] ?? '')
	.replace(/^#!.*?\bnode\b/, '')
	.trim()
	.split(/\s+/)
	.filter(Boolean);
export const baselineScript = path.join(packageRoot, 'bench', 'baseline.sh');
/** The compiled probe, loaded into measured processes with `node --import`. */
export const probeModule = path.join(packageRoot, 'dist', 'bench', 'probe.js');
