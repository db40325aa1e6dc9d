// Every test runs as on a machine with no git identity and no global config,
// in one time zone, so that fixtures and dates are deterministic anywhere.
process.env.TZ = 'UTC';
process.env.GIT_CONFIG_NOSYSTEM = '1';
process.env.GIT_CONFIG_GLOBAL = '/dev/null';
process.env.NO_COLOR = '1';
