// One argument parser for the bench scripts (run, selfcheck, generate), on node:util's parseArgs.
import path from 'node:path';
import { parseArgs } from 'node:util';

const OPTIONS = {
  only: { type: 'string', multiple: true },
  runs: { type: 'string' },
  timeout: { type: 'string' },
  'source-files': { type: 'string' },
  'tests-per-file': { type: 'string' },
  'modules-per-test-file': { type: 'string' },
  'probe-runs': { type: 'string' },
  out: { type: 'string' },
  dir: { type: 'string' },
  keep: { type: 'boolean' },
  'plugin-parts': { type: 'boolean' },
  'plugin-package': { type: 'string' },
  list: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** Parses bench flags; calls `usage(message)` (which should exit) on anything unknown or malformed. */
export function parseBenchArgs(argv, usage) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv.filter((a) => a !== '--'), options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    usage(String(error.message).split('\n')[0]);
  }
  const positive = (name, fallback) => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) usage(`--${name} must be a positive integer, got "${raw}"`);
    return n;
  };
  return {
    only: (values.only ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean),
    runs: positive('runs', 1),
    // Subjects with their own default number of runs (plugin-overhead: 5) take --runs only when given.
    runsGiven: values.runs !== undefined,
    timeoutMs: positive('timeout', 1200) * 1000,
    sourceFiles: positive('source-files', 200),
    testsPerFile: positive('tests-per-file', 5),
    modulesPerTestFile: positive('modules-per-test-file', 1),
    probeRuns: positive('probe-runs', 1000),
    out: values.out === undefined ? undefined : path.resolve(values.out),
    dir: values.dir,
    keep: values.keep === true,
    pluginParts: values['plugin-parts'] === true,
    pluginPackage: values['plugin-package'] === undefined ? undefined : path.resolve(values['plugin-package']),
    list: values.list === true,
    help: values.help === true,
  };
}
