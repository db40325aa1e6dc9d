/**
 * The Ink side of the dashboard and `watch`: renders the live session's state and
 * hands the keys' intents back to it. The screen itself (alternate screen, restore
 * on exit) is set up by commands/dashboard.ts before this module is even loaded.
 */
import process from 'node:process';
import {render} from 'ink';
import {useEffect, useState} from 'react';
import {currentTime, type OpenRepository} from '../repo/open-repository.js';
import type {LiveSession, LiveSnapshotState} from '../watch/live-session.js';
import {App} from './App.js';
import type {BranchActs} from './state/branch-acts.js';
import type {ChecklistServices} from './state/checklist-services.js';
import type {IntegrationServices} from './state/integration-services.js';
import type {RevertServices} from './state/revert-services.js';
import type {AppMode} from './layout.js';

export interface DashboardOptions {
	repo: OpenRepository;
	/** Already started (its first snapshot is read while this module loads). */
	session: LiveSession;
	mode: AppMode;
	/** The pre-merge checklist's store and runner (`c`). */
	checklist?: ChecklistServices;
	/** The integration flow's preparation and run (`space`, `i`). */
	integration?: IntegrationServices;
	/** The pager and branch deletion (`d`, `l`, `D`). */
	acts?: BranchActs;
	/** The emergency revert flow (`R`). */
	revert?: RevertServices;
}

export async function runDashboard({repo, session, mode, checklist, integration, acts, revert}: DashboardOptions): Promise<number> {
	// Ink draws from the cursor down: clear the hand-drawn first frame first.
	process.stdout.write('\u001B[H\u001B[2J');
	const app = render(<LiveApp repo={repo} session={session} mode={mode} checklist={checklist} integration={integration} acts={acts} revert={revert} onQuit={() => app.unmount()} />, {exitOnCtrlC: false});
	try {
		await app.waitUntilExit();
	} finally {
		await session.close();
	}

	return 0;
}

interface LiveAppProps {
	repo: OpenRepository;
	session: LiveSession;
	mode: AppMode;
	checklist?: ChecklistServices;
	integration?: IntegrationServices;
	acts?: BranchActs;
	revert?: RevertServices | undefined;
	onQuit: () => void;
}

function LiveApp({repo, session, mode, checklist, integration, acts, revert, onQuit}: LiveAppProps) {
	const [live, setLive] = useState<LiveSnapshotState>(session.state);
	// The session may have moved on while the UI loaded: pick up its state as of now.
	useEffect(() => {
		setLive(session.state);
		return session.subscribe(setLive);
	}, [session]);
	const actions = {
		refresh: () => session.refresh(),
		fetch: () => session.fetch(),
		setIncludeUncommitted: (on: boolean) => session.setIncludeUncommitted(on),
		quit: onQuit,
	};
	return <App live={live} actions={actions} gitLog={repo.git.log} mode={mode} now={currentTime} {...(checklist ? {checklist} : {})} {...(integration ? {integration} : {})} {...(acts ? {acts} : {})} {...(revert ? {revert} : {})} />;
}
