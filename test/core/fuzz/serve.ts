/**
 * The worker side of the fuzz watchdog: answers each `{id, kind, bytes}` with
 * `{id, error}` once the handler returns. A handler that never returns never answers,
 * and the watchdog (fuzz/watchdog.ts) ends the worker at its deadline.
 */
import {parentPort} from 'node:worker_threads';

export type Handlers = Record<string, (bytes: Uint8Array) => void>;

export function serve(handlers: Handlers): void {
	parentPort!.on('message', ({id, kind, bytes}: {id: number; kind: string; bytes: Uint8Array}) => {
		let error: string | null = null;
		try {
			const handler = handlers[kind];
			if (!handler) {
				throw new Error(`no fuzz handler "${kind}"`);
			}

			handler(bytes);
		} catch (caught) {
			error = caught instanceof Error ? caught.message : String(caught);
		}

		parentPort!.postMessage({id, error});
	});
}
