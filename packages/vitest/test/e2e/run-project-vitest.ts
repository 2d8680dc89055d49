import { execa } from 'execa';
import path from 'node:path';
import { scaledMs } from '@patchprobe/test-utils';

/**
 * Runs the vitest installed in `dir` the way its users run it: `vitest run`, with patchprobe's own
 * test run's vitest variables left out of the environment (they would leak into the child).
 */
export function runProjectVitest(dir: string, args: string[] = [], extraEnv: Record<string, string> = {}) {
  return execa(process.execPath, [path.join(dir, 'node_modules/vitest/vitest.mjs'), 'run', ...args], {
    cwd: dir,
    env: { ...projectEnv(), CI: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...extraEnv },
    extendEnv: false,
    reject: false,
    timeout: scaledMs(120_000),
  });
}

/** patchprobe's own environment without its test run's vitest variables. */
function projectEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('VITEST') && k !== 'NODE_ENV' && k !== 'TEST') env[k] = v;
  return env;
}

/**
 * `vitest` in watch mode in `dir` (no terminal, so no keyboard shortcuts): the caller reads its
 * output as it comes and stops it with SIGTERM.
 */
export function watchProjectVitest(dir: string) {
  return execa(process.execPath, [path.join(dir, 'node_modules/vitest/vitest.mjs'), '--watch'], {
    cwd: dir,
    env: { ...projectEnv(), NO_COLOR: '1', FORCE_COLOR: '0' },
    extendEnv: false,
    reject: false,
    all: true,
    timeout: scaledMs(180_000),
  });
}
