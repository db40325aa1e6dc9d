/**
 * Which of the checklist's commands may run (DESIGN §4): `--verify` commands are the
 * user's own and always run; the config's run only when the user trusted this exact
 * config — asked of verify/trust.ts, the one owner of that question.
 */
import {configCommandsToRun} from '../verify/trust.js';
import {userSettings} from '../store/user-settings.js';
import type {CommandGate} from './checklist-services.js';
import type {OpenRepository} from '../repo/open-repository.js';

export function trustGate(repo: Pick<OpenRepository, 'location' | 'configHash'>): CommandGate {
	return commands => {
		const fromConfig = commands.filter(entry => entry.fromConfig).map(entry => entry.command);
		const decision = configCommandsToRun({root: repo.location.root, configHash: repo.configHash, settings: {trustedConfigs: userSettings().get('trustedConfigs')}}, fromConfig);
		const allowed = new Set([...commands.filter(entry => !entry.fromConfig).map(entry => entry.command), ...decision.commands]);
		return decision.message ? {allowed, message: decision.message} : {allowed};
	};
}
