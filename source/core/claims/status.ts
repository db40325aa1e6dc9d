/**
 * Status words and markers to a ClaimStatus. The earliest marker in the text wins,
 * so "In progress (blocked on review)" reads as in-progress, as its writer meant.
 */
import type {ClaimStatus} from '../types.js';

const markers: Array<[string, ClaimStatus]> = [
	['🔄', 'in-progress'],
	['⏳', 'in-progress'],
	['🚧', 'in-progress'],
	['✅', 'complete'],
	['✔', 'complete'],
	['☑', 'complete'],
	['🔴', 'blocked'],
	['⛔', 'blocked'],
	['🚫', 'blocked'],
	// Other languages seen in these files: Chinese, Japanese.
	['进行中', 'in-progress'],
	['進行中', 'in-progress'],
	['作業中', 'in-progress'],
	['対応中', 'in-progress'],
	['已完成', 'complete'],
	['完成', 'complete'],
	['完了', 'complete'],
	['阻塞', 'blocked'],
	['ブロック', 'blocked'],
];

const words: Array<[RegExp, ClaimStatus]> = [
	[/\b(?:in[\s_-]?progress|active|working|wip|ongoing|started|claimed|implementing|in[\s_-]?review)\b/i, 'in-progress'],
	[/\b(?:done|complete|completed|finished|merged|shipped)\b/i, 'complete'],
	[/\b(?:blocked|stuck)\b/i, 'blocked'],
	[/\b(?:idle|available|released|none|free|unclaimed|inactive|stopped)\b/i, 'released'],
];

/** The status a text names, or undefined when it names none. */
export function statusFromText(text: string): ClaimStatus | undefined {
	let best: {index: number; status: ClaimStatus} | undefined;
	const consider = (index: number, status: ClaimStatus) => {
		if (index >= 0 && (!best || index < best.index)) {
			best = {index, status};
		}
	};

	for (const [marker, status] of markers) {
		consider(text.indexOf(marker), status);
	}

	for (const [pattern, status] of words) {
		const match = pattern.exec(text);
		if (match) {
			consider(match.index, status);
		}
	}

	// "not started", "not done", "incomplete" name no status rather than their opposite.
	if (best && /\bnot\s+$/i.test(text.slice(Math.max(0, best.index - 5), best.index))) {
		return undefined;
	}

	return best?.status;
}
