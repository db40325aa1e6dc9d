/** `switchyard resume | rollback | undo [--yes]`: continue, roll back or undo a flow (DESIGN §8.1). */
import {resumeFlow, rollbackFlow, undoFlow, latestFlow} from '../flows/engine/index.js';
import {integrationMachine, type IntegrationState} from '../flows/integration/machine.js';
import {revertMachine, type RevertState} from '../flows/revert/machine.js';
import {flowContext, requireAnswerer, type FlowIo} from './flow-context.js';
import {openRepository} from '../repo/open-repository.js';
import {StateStore} from '../store/state-store.js';

/** Every flow this version can resume. */
const machines = [integrationMachine, revertMachine];

export async function runFlowCommand(command: 'resume' | 'rollback' | 'undo', directory: string, io: FlowIo): Promise<number> {
	const repo = await openRepository(directory);
	const context = flowContext(repo, io);
	if (command === 'resume') {
		const latest = latestFlow(new StateStore(repo.location.commonDir));
		if (!latest || latest.status !== 'interrupted') {
			io.stdout.write('there is no interrupted flow to resume\n');
			return 0;
		}

		requireAnswerer(io, 'resume');
		const {state} = await resumeFlow(machines, context);
		if (latest.flow === revertMachine.name) {
			const {finishRevert} = await import('./revert.js');
			return finishRevert(state as RevertState, context.store, io);
		}

		const integration = state as IntegrationState;
		io.stdout.write(`the ${latest.flow} flow finished: ${integration.outcome ?? 'done'}\n`);
		return integration.outcome === 'promoted' || integration.outcome === 'declined' ? 0 : 1;
	}

	requireAnswerer(io, command);
	const question = command === 'rollback' ? 'roll the interrupted flow back (restore the refs it moved, remove its worktree and branch)?' : 'undo the last flow (move the refs it moved back to where they were)?';
	if (!io.yes && !(await context.answer(question))) {
		io.stdout.write('nothing was changed\n');
		return 0;
	}

	const report = command === 'rollback' ? await rollbackFlow(context) : await undoFlow(context);
	for (const line of report.lines) {
		io.stdout.write(line + '\n');
	}

	return report.refused.length > 0 ? 1 : 0;
}
