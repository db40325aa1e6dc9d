/**
 * Loaded into a measured switchyard process with `node --import` (so the product needs
 * no bench hooks): notes when stdout first carries given texts (the dashboard's first
 * frame, its first rows) and, at exit, the peak RSS. Writes JSON to the file named
 * by SWITCHYARD_BENCH_PROBE: once at start (with the pid, for /proc polling) and at exit.
 */
import {writeFileSync} from 'node:fs';
import process from 'node:process';

/** A write matches when it holds every `all`, at least one `any` (if given) and no `none`. */
export interface ProbeMarker {
	name: string;
	all?: string[];
	any?: string[];
	none?: string[];
}

export function matches(marker: ProbeMarker, text: string): boolean {
	return (marker.all ?? []).every(part => text.includes(part))
		&& (marker.any === undefined || marker.any.some(part => text.includes(part)))
		&& !(marker.none ?? []).some(part => text.includes(part));
}

export interface ProbeReport {
	pid: number;
	/** Date.now() when the probe loaded: the process has started, the app not yet. */
	loadedAt: number;
	/** Marker name → Date.now() of the first stdout write that matched it. */
	marks: Record<string, number>;
	/** Peak resident set size in kilobytes (process.resourceUsage().maxRSS); set at exit. */
	maxRssKb?: number;
}

const file = process.env['SWITCHYARD_BENCH_PROBE'];
if (file) {
	const markers = JSON.parse(process.env['SWITCHYARD_BENCH_MARKERS'] ?? '[]') as ProbeMarker[];
	const report: ProbeReport = {pid: process.pid, loadedAt: Date.now(), marks: {}};
	writeFileSync(file, JSON.stringify(report));
	if (markers.length > 0) {
		const write = process.stdout.write.bind(process.stdout) as (...args: unknown[]) => boolean;
		process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
			const at = Date.now();
			const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
			for (const marker of markers) {
				if (report.marks[marker.name] === undefined && matches(marker, text)) {
					report.marks[marker.name] = at;
				}
			}

			return write(chunk, ...rest);
		}) as typeof process.stdout.write;
	}

	process.on('exit', () => {
		report.maxRssKb = process.resourceUsage().maxRSS;
		writeFileSync(file, JSON.stringify(report));
	});
}
