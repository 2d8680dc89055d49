import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runGit } from '../git/run-git.js';
import { findInstalled } from '../process/find-installed.js';
import type { Report } from '../report/report.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { Finding } from '../verdict/finding.js';
import { cacheKey, createFileBaselineCache, type CacheKeyInputs, type FileBaselineCache } from './baseline-cache.js';

const REPORTER = fileURLToPath(new URL('../../assets/vitest-reporter.mjs', import.meta.url));
const LOCKFILES = ['pnpm-lock.yaml', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'bun.lock', 'bun.lockb'];
const VITEST_CONFIG = /^(vitest|vite)\.(config|workspace)\.([cm]?[jt]s|json)$/;

export interface OpenCacheInput {
  dir: string;
  snapshot: Snapshot;
  patchprobeVersion: string;
}

/**
 * Computes the key of this run's before tree and opens the cache folder. Reads only: the base
 * commit's tree id (`git rev-parse`), the user's lockfiles, the before copy's vitest config and
 * installed vitest. A failure here never stops the run: it comes back as a warning and no cache.
 */
export async function openBaselineCache(input: OpenCacheInput): Promise<{ cache?: FileBaselineCache; findings: Finding[] }> {
  try {
    const inputs = await keyInputs(input);
    return { cache: createFileBaselineCache(path.resolve(input.dir), cacheKey(inputs)), findings: [] };
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { findings: [{ kind: 'cache-ignored', severity: 'warning', message: `the baseline cache in ${input.dir} was not used: its key could not be computed (${why})` }] };
  }
}

export async function keyInputs(input: OpenCacheInput): Promise<CacheKeyInputs> {
  const { snapshot } = input;
  const { root, projectDir } = snapshot.repo;
  const tree = await runGit(['rev-parse', '--verify', '--end-of-options', `${snapshot.base.commit}^{tree}`], { cwd: root });
  const dirs = [...new Set(['', projectDir])];
  const lockfiles: Record<string, string> = {};
  for (const d of dirs) {
    for (const name of LOCKFILES) {
      const rel = d ? `${d}/${name}` : name;
      const hash = hashFile(path.join(root, rel));
      if (hash) lockfiles[rel] = hash;
    }
  }
  const vitestConfigs: Record<string, string> = {};
  for (const d of dirs) {
    let names: string[];
    try {
      names = fs.readdirSync(path.join(snapshot.before.root, d));
    } catch {
      continue;
    }
    for (const name of names.filter((n) => VITEST_CONFIG.test(n)).sort()) {
      const rel = d ? `${d}/${name}` : name;
      const hash = hashFile(path.join(snapshot.before.root, rel));
      if (hash) vitestConfigs[rel] = hash;
    }
  }
  const vitestPkg = findInstalled(path.join(snapshot.before.root, projectDir), 'vitest');
  const vitestVersion = vitestPkg ? ((JSON.parse(fs.readFileSync(vitestPkg, 'utf8')) as { version?: string }).version ?? 'unknown') : 'none';
  return {
    beforeTree: tree.stdout.trim(),
    project: projectDir,
    lockfiles,
    vitestConfigs,
    vitestVersion,
    patchprobeVersion: input.patchprobeVersion,
    reporter: hashFile(REPORTER) ?? 'missing',
    runtime: { node: process.version, platform: process.platform, arch: process.arch, tz: process.env.TZ ?? '', nodeOptions: process.env.NODE_OPTIONS ?? '' },
  };
}

function hashFile(file: string): string | undefined {
  try {
    return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  } catch {
    return undefined;
  }
}

/** The report's `cache` section. */
export function cacheSection(cache: FileBaselineCache | undefined, reusedRuns: number): Report['cache'] {
  if (!cache) return { status: 'off' };
  const status = cache.hits === 0 ? 'miss' : cache.misses === 0 ? 'hit' : 'partial';
  return { status, key: cache.key, dir: cache.dir, reusedRuns };
}
