/** `switchyard status [--json] [--all] [--include-uncommitted]`: one snapshot, printed. Never loads the UI. */
import type {AgentClaimView, StatusDocument} from '../core/snapshot.js';
import {openRepository, currentTime} from '../repo/open-repository.js';
import {renderStatusText} from './status-text.js';

export interface StatusOptions {
	directory: string;
	json: boolean;
	all: boolean;
	/** Predict conflicts with the uncommitted work of branches in linked worktrees. */
	includeUncommitted?: boolean;
	color: boolean;
}

export async function runStatus(options: StatusOptions, stdout: NodeJS.WritableStream): Promise<number> {
	const {collector} = await openRepository(options.directory);
	collector.includeUncommitted = options.includeUncommitted ?? false;
	const document = await collector.collect(currentTime());
	// A terminal's width is fitted; piped, lines keep their natural length.
	const terminal = stdout as Partial<NodeJS.WriteStream>;
	const width = terminal.isTTY && terminal.columns ? terminal.columns : undefined;
	stdout.write(options.json ? JSON.stringify(toStatusJson(document), null, 2) + '\n' : renderStatusText(document, {color: options.color, all: options.all, width}));
	return 0;
}

/** Every documented claim field is present for scripts: unknown values are null, not absent. */
export function toStatusJson(document: StatusDocument): StatusDocument {
	return {
		...document,
		agents: document.agents.map(agent => ({
			...agent,
			claim: agent.claim && {
				...agent.claim,
				work: agent.claim.work ?? null,
				module: agent.claim.module ?? null,
				branch: agent.claim.branch ?? null,
				startedAt: agent.claim.startedAt ?? null,
				expectedCompletion: agent.claim.expectedCompletion ?? null,
				lastCheckin: agent.claim.lastCheckin ?? null,
			} as unknown as AgentClaimView,
		})),
	};
}
