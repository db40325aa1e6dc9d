/**
 * Opens the dashboard or `watch` on a repository: the alternate screen, the live
 * session, and the Ink render. The terminal is restored on quit, on ctrl-c, on a
 * signal and after a crash.
 */
import process from 'node:process';
import {render} from 'ink';
import {useEffect, useState} from 'react';
import {currentTime, openRepository, type OpenRepository} from '../commands/open-repository.js';
import {LiveSession, type LiveSnapshotState} from '../watch/live-session.js';
import {App} from './App.js';
import type {AppMode} from './layout.js';

const enterAlternateScreen = '\u001B[?1049h\u001B[H';
const leaveAlternateScreen = '\u001B[?1049l';

export interface DashboardOptions {
	directory: string;
	mode: AppMode;
}

export async function runDashboard(options: DashboardOptions): Promise<number> {
	// Open first: a repository problem is one line on the normal screen, not a flash.
	const repo = await openRepository(options.directory);
	const session = new LiveSession(repo, () => currentTime());
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

	const app = render(<LiveApp repo={repo} session={session} mode={options.mode} onQuit={() => app.unmount()} />, {exitOnCtrlC: false});
	void session.start();
	try {
		await app.waitUntilExit();
	} finally {
		await session.close();
		restore();
	}

	return 0;
}

interface LiveAppProps {
	repo: OpenRepository;
	session: LiveSession;
	mode: AppMode;
	onQuit: () => void;
}

function LiveApp({repo, session, mode, onQuit}: LiveAppProps) {
	const [live, setLive] = useState<LiveSnapshotState>(session.state);
	useEffect(() => session.subscribe(setLive), [session]);
	const actions = {
		refresh: () => session.refresh(),
		fetch: () => session.fetch(),
		quit: onQuit,
	};
	return <App live={live} actions={actions} gitLog={repo.git.log} mode={mode} now={currentTime} />;
}
