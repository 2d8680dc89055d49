import fs from 'node:fs';
import path from 'node:path';
import { SetupError } from '../errors.js';
import { findInstalled } from '../process/find-installed.js';

export interface ProjectVitest {
  version: string;
  major: number;
  /** Absolute path of the project's vitest CLI entry (vitest.mjs). */
  bin: string;
}

/**
 * Finds the vitest the PROJECT has installed (never ours), from the project folder of a copy whose
 * node_modules links to the user's. Every branch on vitest versions lives here.
 */
export function resolveProjectVitest(projectRoot: string, displayDir: string): ProjectVitest {
  const pkgFile = findInstalled(projectRoot, 'vitest');
  if (!pkgFile) {
    throw new SetupError('PP_VITEST_NOT_FOUND', `vitest is not installed for ${displayDir}`, {
      hint: 'install the project dependencies first (e.g. `pnpm install`), or pass --cwd <the folder with vitest installed>',
    });
  }
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { version: string; bin?: string | Record<string, string> };
  const major = Number.parseInt(pkg.version, 10);
  if (!(major >= 3)) {
    throw new SetupError('PP_VITEST_UNSUPPORTED', `vitest ${pkg.version} is installed for ${displayDir}; patchprobe needs vitest 3 or newer`, {
      hint: 'upgrade vitest in the project (npm i -D vitest@latest)',
    });
  }
  const binRel = typeof pkg.bin === 'string' ? pkg.bin : (pkg.bin?.vitest ?? 'vitest.mjs');
  return { version: pkg.version, major, bin: path.join(path.dirname(pkgFile), binRel) };
}

