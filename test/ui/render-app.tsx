/**
 * Renders <App> with ink-testing-library at a chosen terminal size. The library's
 * stdout reports a fixed 100 columns and no rows, so the helper overrides both and
 * emits `resize`, as a real terminal does.
 */
import {render} from 'ink-testing-library';
import {vi} from 'vitest';
import {GitCommandLog} from '../../source/git/command-log.js';
import {App} from '../../source/ui/App.js';
import type {AppMode} from '../../source/ui/layout.js';
import type {BranchActs} from '../../source/ui/state/branch-acts.js';
import type {ChecklistServices} from '../../source/ui/state/checklist-services.js';
import type {IntegrationServices} from '../../source/ui/state/integration-services.js';
import type {LiveState} from '../../source/ui/state/live-state.js';
import type {RevertServices} from '../../source/ui/state/revert-services.js';
import {testNow} from './factory.js';

/**
 * Lets Ink deliver input and React commit; a lone Esc needs a `setImmediate` in Ink 6.
 * The keys of a chunk after its first are delivered one render each (`use-key-queue.ts`),
 * so a chunk of n keys wants about 3n rounds.
 */
export async function settle(rounds = 3): Promise<void> {
	for (let round = 0; round < rounds; round++) {
		await new Promise(resolve => {
			setImmediate(resolve);
		});
	}
}

export const keyCodes = {
	up: '\u001B[A',
	down: '\u001B[B',
	left: '\u001B[D',
	right: '\u001B[C',
	enter: '\r',
	escape: '\u001B',
	backspace: '\u007F',
	ctrlC: '\u0003',
} as const;

export interface RenderAppOptions {
	columns?: number;
	rows?: number;
	mode?: AppMode;
	gitLog?: GitCommandLog;
	now?: () => number;
	checklist?: ChecklistServices;
	integration?: IntegrationServices;
	acts?: BranchActs;
	revert?: RevertServices;
}

export async function renderApp(live: LiveState, options: RenderAppOptions = {}) {
	const actions = {refresh: vi.fn(), fetch: vi.fn(), setIncludeUncommitted: vi.fn(), quit: vi.fn()};
	const gitLog = options.gitLog ?? new GitCommandLog();
	const now = options.now ?? (() => testNow);
	const mode = options.mode ?? 'dashboard';
	const element = (state: LiveState) => <App live={state} actions={actions} gitLog={gitLog} mode={mode} now={now} {...(options.checklist ? {checklist: options.checklist} : {})} {...(options.integration ? {integration: options.integration} : {})} {...(options.acts ? {acts: options.acts} : {})} {...(options.revert ? {revert: options.revert} : {})}/>;
	const instance = render(element(live));
	const setSize = async (columns: number, rows: number): Promise<void> => {
		Object.defineProperty(instance.stdout, 'columns', {configurable: true, get: () => columns});
		Object.defineProperty(instance.stdout, 'rows', {configurable: true, get: () => rows});
		instance.stdout.emit('resize');
		await settle();
	};

	await setSize(options.columns ?? 120, options.rows ?? 30);
	return {
		...instance,
		actions,
		gitLog,
		setSize,
		frame: (): string => instance.lastFrame() ?? '',
		async press(...keys: string[]): Promise<void> {
			for (const key of keys) {
				instance.stdin.write(key);
				await settle(3 * Math.max(1, [...key].length));
			}
		},
		/** Lets git and a flow run until the frame shows `text` (git processes take real turns of the event loop). */
		async until(text: string | RegExp): Promise<string> {
			for (let round = 0; round < 2000; round++) {
				const frame = instance.lastFrame() ?? '';
				if (typeof text === 'string' ? frame.includes(text) : text.test(frame)) {
					// Let the screen's key handlers catch up with the frame before the next key.
					await settle();
					return instance.lastFrame() ?? '';
				}

				await new Promise(resolve => {
					setTimeout(resolve, 10);
				});
			}

			throw new Error(`the screen never showed ${String(text)}; it shows:\n${instance.lastFrame() ?? ''}`);
		},
		async update(next: LiveState): Promise<void> {
			instance.rerender(element(next));
			await settle();
		},
	};
}
