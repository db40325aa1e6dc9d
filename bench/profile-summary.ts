/**
 * Where a `node --cpu-prof` profile spent its time: self time summed per function
 * and per file (node_modules collapsed to their package), biggest first.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof bin/switchyard.js status --json -C <repo> >/dev/null
 *   node dist/bench/profile-summary.js /tmp/prof/<file>.cpuprofile [top]
 */
import {readFileSync} from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: {functionName: string; url: string; lineNumber: number};
	children?: number[];
}

interface Profile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

const [file, topArgument] = process.argv.slice(2);
if (!file) {
	process.stderr.write('usage: node dist/bench/profile-summary.js <file.cpuprofile> [top]\n');
	process.exit(2);
}

const top = Number(topArgument ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map(node => [node.id, node]));
const selfUs = new Map<number, number>();
// Each sample's delta is the time until it was taken: charge it to the sampled node.
for (const [index, id] of profile.samples.entries()) {
	selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
}

const perFunction = new Map<string, number>();
const perFile = new Map<string, number>();
for (const [id, us] of selfUs) {
	const {functionName, url, lineNumber} = byId.get(id)!.callFrame;
	const where = shortFile(url);
	add(perFunction, `${functionName || '(anonymous)'} ${where}${url ? `:${lineNumber + 1}` : ''}`, us);
	add(perFile, where || '(native/vm)', us);
}

const total = (profile.endTime - profile.startTime) / 1000;
process.stdout.write(`profile ${file}: ${total.toFixed(0)} ms wall\n\nself time per file\n`);
print(perFile);
process.stdout.write('\nself time per function\n');
print(perFunction);

function add(map: Map<string, number>, key: string, us: number): void {
	map.set(key, (map.get(key) ?? 0) + us);
}

function print(map: Map<string, number>): void {
	for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
		process.stdout.write(`${(us / 1000).toFixed(1).padStart(9)} ms  ${key}\n`);
	}
}

/** `node_modules/ink/build/x.js` → `ink/build/x.js`; project files relative to dist/. */
function shortFile(url: string): string {
	const modules = url.lastIndexOf('node_modules/');
	if (modules >= 0) {
		return url.slice(modules + 'node_modules/'.length);
	}

	const dist = url.indexOf('/dist/');
	return dist >= 0 ? url.slice(dist + 1) : url.replace(/^file:\/\//, '');
}
