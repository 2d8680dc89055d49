import fs from 'node:fs';
import path from 'node:path';
import { SetupError } from '../errors.js';
import { findInstalled } from '../process/find-installed.js';

export interface ProjectVitest {
  version: string;
  major: number;
  minor: number;
  /** Absolute path of the project's vitest CLI entry (vitest.mjs). */
  bin: string;
}

/**
 * The oldest vitest patchprobe runs (docs/compatibility.md): 0.34 has every reporter hook,
 * CLI flag (`--shard`, `--passWithNoTests`, `--reporter=<file>`) and config field the stages use.
 */
export const MIN_VITEST = '0.34.0';

function findUp(from: string, names: readonly string[]): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    for (const name of names) if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function parseVitestVersion(version: string): { version: string; major: number; minor: number } {
  const [major = Number.NaN, minor = Number.NaN] = version.split('.').map((n) => Number.parseInt(n, 10));
  return { version, major, minor };
}

function isSupported(major: number, minor: number): boolean {
  if (Number.isNaN(major)) return false;
  return major >= 1 || (major === 0 && minor >= 34);
}

/**
 * Finds the vitest the PROJECT has installed (never ours), from the project folder of a copy whose
 * node_modules links to the user's. Every branch on vitest versions lives here.
 */
export function resolveProjectVitest(projectRoot: string, displayDir: string): ProjectVitest {
  const pkgFile = findInstalled(projectRoot, 'vitest');
  if (!pkgFile) {
    const pnp = findUp(projectRoot, ['.pnp.cjs', '.pnp.js']);
    if (pnp) {
      throw new SetupError('PP_VITEST_NOT_FOUND', `${displayDir} installs its packages with Yarn Plug'n'Play (${path.basename(pnp)}), which patchprobe cannot run vitest from`, {
        hint: 'install with node_modules to use patchprobe (`nodeLinker: node-modules` in .yarnrc.yml, then `yarn install`)',
      });
    }
    throw new SetupError('PP_VITEST_NOT_FOUND', `vitest is not installed for ${displayDir}`, {
      hint: 'install the project dependencies first (e.g. `pnpm install`), or pass --cwd <the folder with vitest installed>',
    });
  }
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { version: string; bin?: string | Record<string, string> };
  const { major, minor } = parseVitestVersion(pkg.version);
  if (!isSupported(major, minor)) {
    throw new SetupError('PP_VITEST_UNSUPPORTED', `vitest ${pkg.version} is installed for ${displayDir}; patchprobe needs vitest ${MIN_VITEST} or newer`, {
      hint: `upgrade the project's vitest to ${MIN_VITEST} or later (vitest 0.34 was the last 0.x release; its config is compatible with 0.30+)`,
    });
  }
  const binRel = typeof pkg.bin === 'string' ? pkg.bin : (pkg.bin?.vitest ?? 'vitest.mjs');
  return { version: pkg.version, major, minor, bin: path.join(path.dirname(pkgFile), binRel) };
}

