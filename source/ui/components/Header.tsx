import path from 'node:path';
import {Text} from 'ink';
import {useAppContext} from '../app-context.js';
import {shortSha, shown} from '../format.js';

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
	const where = title ?? `sort: ${screen.sort} · ${rows}${folded}`;
	return (
		<Text wrap="truncate-end">
			<Text bold>switchyard</Text> · {repo} · base {base} · {where}
		</Text>
	);
}
