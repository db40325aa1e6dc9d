/**
 * User settings with conf (docs/design.md §4): trusted configs, UI preferences, recent
 * repos. Only the path is needed so far (`switchyard config path`).
 */
import Conf from 'conf';

export interface UserSettings {
	trustedConfigs: Record<string, string>;
	recentRepos: string[];
}

let store: Conf<UserSettings> | undefined;

export function userSettings(): Conf<UserSettings> {
	store ??= new Conf<UserSettings>({projectName: 'switchyard', defaults: {trustedConfigs: {}, recentRepos: []}});
	return store;
}

export function settingsPath(): string {
	return userSettings().path;
}
