/**
 * Figures 4 and 5 for the dashboard: `switchyard -C <repo>` started in a real
 * terminal (a detached tmux pane, 160×50, on a private tmux server), its screen
 * polled with `capture-pane` every ~10 ms until the splash, the first branch row (the
 * first useful frame, which the bench reports as "first frame"), and the end of
 * conflict prediction show. The probe module loaded with
 * `node --import` notes the same moments from inside (first stdout write carrying
 * them, no polling lag) and the peak RSS; /proc VmHWM is sampled while it runs.
 */
import {execFile} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {promisify} from 'node:util';
import {binNodeFlags, probeModule, switchyardBin} from './paths.js';
import type {ProbeMarker, ProbeReport} from './probe.js';
import type {BenchRepo} from './repos.js';

const run = promisify(execFile);
const pollMs = 10;
const limitMs = 30_000;
const predicting = 'predicting conflicts';
/**
 * The status line reads "⠴ predicting conflicts · refreshed 0 s ago" until conflicts
 * are known, then "refreshed …". Requiring "refreshed" keeps a screen caught halfway
 * through a redraw (rows drawn, status line not yet) from counting as done.
 */
const refreshed = 'refreshed';

export interface DashboardRun {
	/**
	 * ms from spawning the pane to each moment seen on the tmux screen: the splash
	 * ("switchyard · reading the repository…", written before Ink loads), the first
	 * branch row (the first frame that is of use), conflicts known.
	 */
	screen: {splash: number; rows: number; conflicts: number};
	/** The same moments as the process wrote them to its terminal. */
	inProcess: {nodeStarted: number; splash: number; rows: number; conflicts: number};
	/** What the splash showed (its line naming switchyard). */
	splashLine: string;
	maxRssKb: number;
	vmHwmKb: number;
	/** Average interval between two screen polls. */
	pollIntervalMs: number;
}

export class TmuxServer {
	readonly socket = `switchyard-bench-${process.pid}`;
	#count = 0;

	async start(): Promise<void> {
		// A keeper session holds the server up, so each measured start pays only for its pane.
		await this.tmux(['-f', '/dev/null', 'new-session', '-d', '-s', 'keeper', '-x', '160', '-y', '50', 'sleep 3600']);
	}

	async stop(): Promise<void> {
		await this.tmux(['kill-server']).catch(() => {});
	}

	tmux(args: string[]): Promise<{stdout: string}> {
		return run('tmux', ['-L', this.socket, ...args], {encoding: 'utf8'});
	}

	async runDashboard(repo: BenchRepo): Promise<DashboardRun> {
		const session = `run${(this.#count += 1)}`;
		const scratch = await mkdtemp(path.join(os.tmpdir(), 'switchyard-bench-probe-'));
		const probeFile = path.join(scratch, 'probe.json');
		// Every generated branch is `<agent>/…`: a row on screen shows one of these.
		const names = [...new Set(repo.facts.branches.map(branch => `${branch.agent}/`))];
		const markers: ProbeMarker[] = [
			{name: 'splash', all: ['switchyard']},
			{name: 'rows', any: names},
			{name: 'conflicts', all: [refreshed], any: names, none: [predicting]},
		];
		const command = [
			'exec env',
			`SWITCHYARD_BENCH_PROBE=${quote(probeFile)}`,
			`SWITCHYARD_BENCH_MARKERS=${quote(JSON.stringify(markers))}`,
			quote(process.execPath),
			...binNodeFlags,
			'--import',
			quote(probeModule),
			quote(switchyardBin),
			'-C',
			quote(repo.root),
		].join(' ');
		const screen = {splash: Number.NaN, rows: Number.NaN, conflicts: Number.NaN};
		let splashLine = '';
		let vmHwmKb = Number.NaN;
		let polls = 0;
		const started = Date.now();
		try {
			await this.tmux(['new-session', '-d', '-s', session, '-x', '160', '-y', '50', command]);
			let pid: number | undefined;
			while (Number.isNaN(screen.conflicts) && Date.now() - started < limitMs) {
				const pollStarted = Date.now();
				const text = (await this.tmux(['capture-pane', '-p', '-t', session])).stdout;
				polls += 1;
				const at = Date.now() - started;
				if (Number.isNaN(screen.splash) && text.includes('switchyard')) {
					screen.splash = at;
					splashLine = text.split('\n').find(line => line.includes('switchyard'))!.trim();
				}

				const rowsShown = names.some(name => text.includes(name));
				if (Number.isNaN(screen.rows) && rowsShown) {
					screen.rows = at;
				}

				if (rowsShown && text.includes(refreshed) && !text.includes(predicting)) {
					screen.conflicts = at;
				}

				pid ??= await readPid(probeFile);
				await sleep(Math.max(0, pollMs - (Date.now() - pollStarted)));
			}

			if (pid !== undefined) {
				vmHwmKb = await readVmHwm(pid);
			}

			await this.tmux(['send-keys', '-t', session, 'q']);
			const report = await waitForExit(probeFile);
			const since = (at: number | undefined) => (at === undefined ? Number.NaN : at - started);
			return {
				screen,
				inProcess: {nodeStarted: since(report?.loadedAt), splash: since(report?.marks['splash']), rows: since(report?.marks['rows']), conflicts: since(report?.marks['conflicts'])},
				splashLine,
				maxRssKb: report?.maxRssKb ?? Number.NaN,
				vmHwmKb,
				pollIntervalMs: (Date.now() - started) / Math.max(1, polls),
			};
		} finally {
			await this.tmux(['kill-session', '-t', session]).catch(() => {});
			await rm(scratch, {recursive: true, force: true});
		}
	}
}

/** Single quotes for sh, which tmux runs the pane command with. */
function quote(text: string): string {
	return `'${text.replaceAll("'", `'\\''`)}'`;
}

async function readProbe(file: string): Promise<ProbeReport | undefined> {
	try {
		return JSON.parse(await readFile(file, 'utf8')) as ProbeReport;
	} catch {
		return undefined;
	}
}

async function readPid(file: string): Promise<number | undefined> {
	return (await readProbe(file))?.pid;
}

/** Peak resident set so far, from the kernel's own high-water mark. */
async function readVmHwm(pid: number): Promise<number> {
	try {
		const status = await readFile(`/proc/${pid}/status`, 'utf8');
		return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN);
	} catch {
		return Number.NaN;
	}
}

/** The probe rewrites its file at exit with maxRssKb set. */
async function waitForExit(file: string): Promise<ProbeReport | undefined> {
	const started = Date.now();
	while (Date.now() - started < 10_000) {
		const report = await readProbe(file);
		if (report?.maxRssKb !== undefined) {
			return report;
		}

		await sleep(20);
	}

	return readProbe(file);
}
