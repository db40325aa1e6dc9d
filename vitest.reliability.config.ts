import {defineConfig} from 'vitest/config';
import {settingOrExit} from './test/reliability/setting.js';

settingOrExit();

/**
 * `npm run test:reliability`: the proof of safety with its figures (docs/safety.md).
 * `SWITCHYARD_RELIABILITY=long` for the longer setting. The same files run in `npm test`.
 */
export default defineConfig({
	test: {
		include: ['test/reliability/**/*.test.ts', 'test/reliability/**/*.test.tsx', 'test/flows/kill-every-step.test.ts'],
		testTimeout: 600_000,
		hookTimeout: 600_000,
		setupFiles: ['test/setup.ts'],
	},
});
