/** The git command log as lines: newest first, duration, exit code and the exact arguments. */
import type {GitCommandRecord} from '../../git/command-log.js';
import {makeVisible} from '../../core/text-safety.js';
import type {Line} from './detail-lines.js';

function duration(record: GitCommandRecord): string {
	if (record.exitCode === null) {
		return 'running';
	}

	return record.durationMs < 1000 ? `${Math.round(record.durationMs)} ms` : `${(record.durationMs / 1000).toFixed(1)} s`;
}

/** Arguments as a person would type them; ref names from the repository are made visible. */
function commandText(args: readonly string[]): string {
	return ['git', ...args.map(arg => (/[\s"'\\]/.test(arg) || arg === '' ? JSON.stringify(arg) : arg))]
		.map(part => makeVisible(part))
		.join(' ');
}

export function gitLogLines(records: readonly GitCommandRecord[]): Line[] {
	const title: Line = {text: `${records.length} git command(s), newest first`, bold: true};
	if (records.length === 0) {
		return [title, {text: '  none yet', dim: true}];
	}

	const lines = [...records].reverse().map((record): Line => {
		const failed = record.exitCode !== null && record.exitCode !== 0;
		const status = failed ? ` exit ${record.exitCode}` : '';
		// Writes stand out (marked and coloured); reads are dimmed (docs/style.md §6 item 8).
		const mark = record.writes ? 'write' : '     ';
		return {text: `  ${mark} ${duration(record).padStart(8)}${status}  ${commandText(record.args)}`, color: failed ? 'red' : record.writes ? 'yellow' : undefined, dim: !record.writes && !failed};
	});
	return [title, ...lines];
}
