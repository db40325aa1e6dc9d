import path from 'node:path';
import {Text} from 'ink';
import {useAppContext} from '../app-context.js';
import {formatAge} from '../../core/staleness.js';
import {shortSha, shown} from '../format.js';
import type {DashboardModel} from '../state/dashboard-rows.js';
import type {FilterTerm} from '../state/row-filter.js';

/** The filter in force, as understood: `· filter is:blocked agent:codex "nav"`, and what was not understood. */
function filterText(filter: DashboardModel['filter']): string {
	const parts = [...filter.terms.map(termText), ...filter.words.map(word => `"${shown(word)}"`)];
	const problems = filter.problems.length > 0 ? ` (${filter.problems.map(problem => shown(problem)).join('; ')})` : '';
	return parts.length > 0 || problems ? ` · filter ${parts.join(' ')}${problems}` : '';
}

function termText(term: FilterTerm): string {
	switch (term.kind) {
		case 'verdict': {
			return `is:${term.verdict}`;
		}

		case 'agent': {
			return `agent:${shown(term.agent)}`;
		}

		case 'age':
		case 'behind': {
			const value = term.kind === 'age' ? formatAge(term.compare.value, 'compact') : String(term.compare.value);
			return `${term.kind}:${term.compare.op === '=' ? '' : term.compare.op}${value}`;
		}

		default: {
			return `is:${term.kind}`;
		}
	}
}

/** One line: where we are and how the list is cut (sort, filter, folded merged branches). */
export function Header({title}: {title?: string}) {
	const {live, model, screen} = useAppContext();
	const snapshot = live.snapshot;
	if (!snapshot) {
		return <Text bold>switchyard · reading the repository…</Text>;
	}

	const repo = shown(path.basename(snapshot.repo.root));
	const base = `${shown(snapshot.base.name)} ${shortSha(snapshot.base.sha)}`;
	const rows = `${model.rows.length} of ${model.totalCount} rows`;
	const folded = model.hiddenMergedCount > 0 ? ` · ${model.hiddenMergedCount} merged hidden (M shows)` : '';
	const where = title ?? `sort: ${screen.sort}${filterText(model.filter)} · ${rows}${folded}`;
	const uncommitted = live.includeUncommitted ? ' · conflicts with uncommitted work (u)' : '';
	return (
		<Text wrap="truncate-end">
			<Text bold>switchyard</Text> · {repo} · base {base}{uncommitted} · {where}
		</Text>
	);
}
