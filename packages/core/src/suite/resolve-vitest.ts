import fs from 'node:fs';
import path from 'node:path';
import { SetupError } from '../errors.js';

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

/**
 * node_modules lookup from the project upwards, as `vitest run` in that folder would find it, and
 * nothing else: require.resolve would also honour NODE_PATH, which `pnpm exec`/`pnpm run` point at
 * patchprobe's own dependencies, and so find a vitest the project does not have.
 */
function findInstalled(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name, 'package.json');
    if (fs.existsSync(candidate)) return fs.realpathSync(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}
