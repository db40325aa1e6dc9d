/**
 * User settings with conf (DESIGN.md §4): trusted configs, UI preferences, recent
 * repos. `SWITCHYARD_CONFIG_DIR` puts them in another folder (the tests do, so that
 * they never touch the real user's settings); otherwise conf's platform folder
 * (`$XDG_CONFIG_HOME/switchyard-nodejs` on Linux).
 */
import Conf from 'conf';

export interface UserSettings {
	/** Repository root → sha256 of the `.switchyard.json` the user trusted there. */
	trustedConfigs: Record<string, string>;
	recentRepos: string[];
}

let store: Conf<UserSettings> | undefined;

export function userSettings(): Conf<UserSettings> {
	const folder = process.env['SWITCHYARD_CONFIG_DIR'];
	store ??= new Conf<UserSettings>({projectName: 'switchyard', ...(folder ? {cwd: folder} : {}), defaults: {trustedConfigs: {}, recentRepos: []}});
	return store;
}

export function settingsPath(): string {
	return userSettings().path;
}
