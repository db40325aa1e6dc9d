import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll} from 'vitest';

// Every test runs as on a machine with no git identity and no global config,
// in one time zone, so that fixtures and dates are deterministic anywhere.
process.env.TZ = 'UTC';
process.env.GIT_CONFIG_NOSYSTEM = '1';
process.env.GIT_CONFIG_GLOBAL = '/dev/null';
process.env.NO_COLOR = '1';

// User settings (trusted configs) go to a folder of each test file's own, never to the
// real user's conf file; the built binary that a test runs inherits it.
const settingsFolder = mkdtempSync(path.join(os.tmpdir(), 'switchyard-settings-'));
process.env.SWITCHYARD_CONFIG_DIR = settingsFolder;
afterAll(() => rmSync(settingsFolder, {recursive: true, force: true}));
