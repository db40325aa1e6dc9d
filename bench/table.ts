/** The one table the bench prints: plain text, aligned columns, no colour (it goes into the README). */

export interface Row {
	figure: string;
	repo: string;
	value: string;
	target: string;
	/** '✓', '✗' or '' when the row has no target of its own. */
	met: string;
	command: string;
}

const headings: Row = {figure: 'figure', repo: 'branches', value: 'result', target: 'target', met: 'met', command: 'command'};
const columns: Array<keyof Row> = ['figure', 'repo', 'value', 'target', 'met', 'command'];

export function renderTable(rows: Row[]): string {
	const all = [headings, ...rows];
	const widths = columns.map(column => Math.max(...all.map(row => [...row[column]].length)));
	const line = (row: Row) => columns.map((column, index) => pad(row[column], widths[index]!)).join(' | ').trimEnd();
	const rule = widths.map(width => '-'.repeat(width)).join('-|-');
	return [line(headings), rule, ...rows.map(line)].join('\n');
}

function pad(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, width - [...text].length));
}

export function verdict(met: boolean | undefined): string {
	return met === undefined ? '' : met ? '✓' : '✗';
}
