/**
 * `switchyard` and `switchyard watch`: the first frames go up at once, drawn by hand
 * on the alternate screen, because loading Ink and React takes most of a second
 * (measured: 0.4–0.9 s). First a splash line, then the branch rows of the collector's
 * first look (refs and coordination files only), with every cell that needs more of
 * git saying it is being read. Only then does the UI code load, while the first
 * snapshot is read; the UI takes over the screen once that snapshot is there.
 */
import process from 'node:process';
import {firstFrameLines} from '../ui/first-frame.js';
import {enterAlternateScreen, leaveAlternateScreen} from '../ui/terminal-screen.js';
import {LiveSession} from '../watch/live-session.js';
import {currentTime, openRepository} from '../repo/open-repository.js';

export type DashboardMode = 'dashboard' | 'watch';


/** The dashboard or `watch` started without a terminal to draw on or read keys from: exit code 2. */
export class NotATerminalError extends Error {
	readonly exitCode = 2;
}

export async function openDashboard(directory: string, mode: DashboardMode): Promise<number> {
	// Ink cannot read keys from a pipe (it needs raw mode) and draws for a screen: say
	// so in one line rather than fail inside React.
	const missing = [process.stdout.isTTY ? '' : 'stdout', process.stdin.isTTY ? '' : 'stdin'].filter(Boolean);
	if (missing.length > 0) {
		const command = mode === 'watch' ? 'switchyard watch' : 'the dashboard';
		throw new NotATerminalError(`${command} needs a terminal, and ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not one: run it in a terminal, or use \`switchyard status\` (--json for scripts)`);
	}

	// Open first: a repository problem is one line on the normal screen, not a flash.
	const repo = await openRepository(directory);
	const restore = enterScreen();
	try {
		process.stdout.write(`switchyard · reading the repository…\r\n`);
		const session = new LiveSession(repo, () => currentTime());
		// Not awaited: the snapshot is read while the UI code loads; its errors land in the state.
		void session.start({firstLook: true});
		// The first look takes a few git processes; loading the UI would hold the event loop
		// for most of a second, so it waits until the rows are on the screen.
		await session.until(state => Boolean(state.firstLook ?? state.snapshot ?? state.error));
		if (session.state.firstLook && !session.state.snapshot) {
			const lines = firstFrameLines(session.state.firstLook, process.stdout.columns || 80, process.stdout.rows || 24);
			// No newline after the last line: on a full screen it would scroll the title away.
			process.stdout.write(`\u001B[H\u001B[2J${lines.join('\r\n')}`);
		}

		drawFramesEvenInCi();
		const [{runDashboard}, {makeChecklistServices}, {trustGate}, {makeIntegrationServices}, {makeBranchActs}, {makeRevertServices}] = await Promise.all([
			import('../ui/run-dashboard.js'),
			import('./checklist-services.js'),
			import('./command-gate.js'),
			import('./integration-services.js'),
			import('./branch-acts.js'),
			import('./revert-services.js'),
		]);
		const checklist = makeChecklistServices(repo, {extraCommands: [], gate: trustGate(repo)});
		// The flow runs on the dashboard's own repository: its git commands land in the one `L` log.
		const integration = makeIntegrationServices(repo);
		// The rows drawn by hand stay until the UI has a snapshot to draw in their place.
		await session.until(state => Boolean(state.snapshot ?? state.error));
		return await runDashboard({repo, session, mode, checklist, integration, acts: makeBranchActs(repo), revert: makeRevertServices(repo)});
	} finally {
		restore();
	}
}

/**
 * Ink (through is-in-ci, read once when Ink loads) draws nothing but the last frame
 * when CI or CONTINUOUS_INTEGRATION is set. The dashboard only runs on a terminal, so
 * a CI variable left in someone's shell (or a CI job opening a terminal) would leave
 * the screen blank until quit. The variables are dropped before Ink loads; git,
 * started later, does not read them.
 */
function drawFramesEvenInCi(): void {
	delete process.env['CI'];
	delete process.env['CONTINUOUS_INTEGRATION'];
}

/** Switches to the alternate screen and returns how to come back, whatever ends the program. */
function enterScreen(): () => void {
	let restored = false;
	const restore = () => {
		if (!restored) {
			restored = true;
			process.stdout.write(leaveAlternateScreen);
		}
	};

	process.stdout.write(enterAlternateScreen);
	process.once('exit', restore);
	for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => {
			restore();
			process.exit(130);
		});
	}

	return restore;
}
