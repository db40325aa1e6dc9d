/** Where things are, from dist/bench/ back to the package root. */
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const switchyardBin = path.join(packageRoot, 'bin', 'switchyard.js');
export const baselineScript = path.join(packageRoot, 'bench', 'baseline.sh');
/** The compiled probe, loaded into measured processes with `node --import`. */
export const probeModule = path.join(packageRoot, 'dist', 'bench', 'probe.js');
