/**
 * The dashboard's first rows, drawn by hand before Ink and React load (which takes
 * most of a second): branch names, agents and claims from the collector's first look
 * (refs and coordination files, a few milliseconds of git), each cell that needs more
 * of git saying it is still being read. Plain strings, no Ink: this module is loaded
 * on the way to the first frame. The Ink screen replaces it once the first snapshot
 * is there, with ahead/behind and files, then conflicts as they arrive.
 */
import type {AgentClaimView} from '../core/snapshot.js';
import type {FirstLook} from '../snapshot/collector.js';
import {agentText, checkinText, claimText, shortSha, shown} from './format.js';
import {tableColumns, tableHeadings} from './layout.js';

/** What a cell shows until git has answered. */
export const pendingCell = 'reading…';

export function firstFrameLines(look: FirstLook, columns: number, rows: number): string[] {
	const widths = tableColumns(columns);
	const cells = (values: Array<[string, number]>) => values.map(([text, width]) => fit(text, width)).join('');
	const heading = cells(tableHeadings(widths));
	// A claim shows on the one branch core/claim-placement chose, or on the agent's "(no branch yet)" row.
	const claimOf = (agent: string | null, branch: string): AgentClaimView | null => {
		const claim = agent ? look.claims.get(agent) : undefined;
		return claim && look.placed.get(agent!) === branch ? claim : null;
	};

	const withBranch = new Set(look.branches.map(branch => branch.agent));
	const entries = [
		...look.branches.map(branch => ({branch: shown(branch.name), agent: branch.agent, claim: claimOf(branch.agent, branch.name)})),
		...[...look.claims.keys()].filter(agent => !withBranch.has(agent)).map(agent => ({branch: '(no branch yet)', agent, claim: look.claims.get(agent) ?? null})),
	];
	const body = entries.map(entry =>
		cells([
			['', widths.marker],
			[entry.branch, widths.branch],
			[agentText(entry), widths.agent],
			[claimText(entry), widths.claim],
			[checkinText({claim: entry.claim, checkinAgeMinutes: entry.claim?.checkinAgeMinutes ?? null}), widths.checkin],
			[pendingCell, widths.aheadBehind],
			// Six columns: the word would be cut.
			['…', widths.activity],
			[pendingCell, widths.conflicts],
			[pendingCell, widths.readiness],
		]),
	);
	const room = Math.max(1, rows - 3);
	const shownRows = body.slice(0, room);
	const more = body.length - shownRows.length;
	return [
		`switchyard · base ${shown(look.base.name)} ${shortSha(look.base.sha)} · ${look.branches.length} branches · reading ahead/behind, files and conflicts…`,
		heading,
		...shownRows,
		...(more > 0 ? [`  … ${more} more`] : []),
	].map(line => fit(line, columns, 0).trimEnd());
}

/** Terminal columns a character takes: wide (CJK, emoji) counts two. */
function charWidth(char: string): number {
	const code = char.codePointAt(0)!;
	return code >= 0x1100 && (code <= 0x115f || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || code >= 0x1f300) ? 2 : 1;
}

/** `text` cut (with …) or padded to exactly `width` columns, of which the last `gap` stay free (between cells). */
function fit(text: string, width: number, gap = 1): string {
	const room = Math.max(0, width - gap);
	const chars = [...text];
	const total = chars.reduce((sum, char) => sum + charWidth(char), 0);
	let used = 0;
	let result = '';
	if (total <= room) {
		result = text;
		used = total;
	} else {
		for (const char of chars) {
			if (used + charWidth(char) > room - 1) {
				break;
			}

			result += char;
			used += charWidth(char);
		}

		if (room > 0) {
			result += '…';
			used += 1;
		}
	}

	return result + ' '.repeat(Math.max(0, width - used));
}
