/**
 * The worker side of the fuzz watchdog: answers each `{id, kind, bytes}` with
 * `{id, error, ms}` (the handler's CPU time) once the handler returns. A handler that never returns never answers,
 * and the watchdog (fuzz/watchdog.ts) ends the worker at its deadline.
 */
import {parentPort} from 'node:worker_threads';
import {cpuMs} from '../../cpu-time.js';

export type Handlers = Record<string, (bytes: Uint8Array) => void>;

export function serve(handlers: Handlers): void {
	parentPort!.on('message', ({id, kind, bytes}: {id: number; kind: string; bytes: Uint8Array}) => {
		let error: string | null = null;
		let ms = 0;
		try {
			const handler = handlers[kind];
			if (!handler) {
				throw new Error(`no fuzz handler "${kind}"`);
			}

			ms = cpuMs(() => handler(bytes)).ms;
		} catch (caught) {
			error = caught instanceof Error ? caught.message : String(caught);
		}

		parentPort!.postMessage({id, error, ms});
	});
}
