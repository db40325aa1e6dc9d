/**
 * The reliability suite's setting, from `SWITCHYARD_RELIABILITY`: `short` (the default,
 * part of `npm test`, a few minutes on two cores) or `long` (more kill points, longer
 * agent storms, tens of thousands of fuzz inputs). Any other value is refused in one
 * line, before a test runs (vitest.config.ts and vitest.reliability.config.ts ask).
 */
export type ReliabilitySetting = 'short' | 'long';

export function reliabilitySetting(value: string | undefined = process.env.SWITCHYARD_RELIABILITY): ReliabilitySetting {
	if (value === undefined || value === '' || value === 'short') {
		return 'short';
	}

	if (value === 'long') {
		return 'long';
	}

	const error = new Error(`SWITCHYARD_RELIABILITY=${JSON.stringify(value)} is not a setting; use short (the default) or long`);
	error.stack = error.message;
	throw error;
}

/** For a config file: the setting, or one line on stderr and exit code 2. */
export function settingOrExit(): ReliabilitySetting {
	try {
		return reliabilitySetting();
	} catch (error) {
		process.stderr.write(`switchyard reliability: ${(error as Error).message}\n`);
		process.exit(2);
	}
}

/** The same figure for each setting: `pick({short: 8, long: 60})`. */
export function pick<T>(values: Record<ReliabilitySetting, T>): T {
	return values[reliabilitySetting()];
}

/** Prints one figure line, `reliability: <what>`, and keeps it for the summary. */
export function figure(line: string): void {
	// Straight to the terminal: vitest shows console output only per test, and a figure belongs to the run.
	process.stdout.write(`reliability: ${line}\n`);
}
