/**
 * The `w` screen as lines: what could not be read in the coordination files, by
 * file and ref, each with its line number, then the snapshot's notices. Pure, like
 * the details lines, and every piece of repository text is made visible.
 */
import type {StatusDocument} from '../../core/snapshot.js';
import type {ParseWarning} from '../../core/types.js';
import {shown} from '../format.js';
import type {Line} from './detail-lines.js';

function where(warning: ParseWarning): string {
	return `${shown(warning.file)} on ${shown(warning.ref)}`;
}

export function warningLines(snapshot: StatusDocument | null): Line[] {
	if (!snapshot) {
		return [{text: 'reading the repository…', dim: true}];
	}

	const lines: Line[] = [{text: `${snapshot.warnings.length} coordination warning(s)`, bold: true}];
	if (snapshot.warnings.length === 0) {
		lines.push({text: '  none: every coordination file was read', dim: true});
	}

	// Grouped by file and ref, in the order the readers met them.
	const groups = new Map<string, ParseWarning[]>();
	for (const warning of snapshot.warnings) {
		const key = where(warning);
		groups.set(key, [...(groups.get(key) ?? []), warning]);
	}

	for (const [file, warnings] of groups) {
		lines.push({text: `  ${file}`, color: 'yellow'});
		for (const warning of warnings) {
			const line = warning.line > 0 ? `line ${warning.line}` : 'file';
			lines.push({text: `    ${line}: ${shown(warning.message)}`});
		}
	}

	if (snapshot.notices.length > 0) {
		lines.push({text: ''}, {text: 'Notices', bold: true}, ...snapshot.notices.map(notice => ({text: `  ${shown(notice)}`})));
	}

	return lines;
}
