import {defineConfig} from 'vitest/config';
import {settingOrExit} from './test/reliability/setting.js';

// The reliability suite (test/reliability/) runs here too, in its setting: a bad value stops the run in one line.
settingOrExit();

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'source/**/*.test.ts', 'source/**/*.test.tsx'],
		// Fixture repos and the tmux end-to-end tests spawn real git; give them room.
		testTimeout: 60_000,
		hookTimeout: 120_000,
		setupFiles: ['test/setup.ts'],
	},
});
