import {useState} from 'react';
import {useAppContext} from '../app-context.js';
import {LinesView} from '../components/LinesView.js';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import {deleteBranchesKeys, type DeleteBranchesKeyId} from '../keys/delete-branches.js';
import type {DeleteOutcome} from '../state/branch-acts.js';
import {deleteLines} from '../state/delete-branches.js';

/** `D`: lists what will go; enter deletes with `git branch -d`, then shows what git deleted and what it kept. */
export function DeleteBranchesScreen({branches, isActive}: {branches: readonly string[]; isActive: boolean}) {
	const {acts, actions, dispatch, keyContext, layout} = useAppContext();
	const [outcome, setOutcome] = useState<DeleteOutcome | 'running' | null>(null);
	const close = () => {
		dispatch({type: 'back'});
	};

	useScreenKeys<DeleteBranchesKeyId>(deleteBranchesKeys, keyContext, {
		confirm() {
			if (outcome !== null) {
				if (outcome !== 'running') {
					close();
				}

				return;
			}

			if (!acts) {
				return;
			}

			setOutcome('running');
			acts.deleteBranches(branches).then(result => {
				setOutcome(result);
				actions.refresh();
			}, (error: unknown) => {
				setOutcome({deleted: [], refused: branches.map(branch => ({branch, reason: error instanceof Error ? error.message : String(error)}))});
			});
		},
		cancel() {
			if (outcome !== 'running') {
				close();
			}
		},
		quit: actions.quit,
	}, {isActive, onDisabled: text => dispatch({type: 'notice', text})});
	return <LinesView lines={deleteLines(branches, outcome)} scroll={0} height={layout.bodyHeight}/>;
}
