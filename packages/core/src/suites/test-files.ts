import path from 'node:path';
import picomatch from 'picomatch';
import type { ProjectInfo, SuiteRun } from './types.js';

/** vitest's default include, used when a run could not tell us the project's own patterns. */
const DEFAULT_INCLUDE = ['**/*.{test,spec}.?(c|m)[jt]s?(x)'];
const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**'];

/**
 * Decides which repository-relative files are test files, the way the project's vitest decides:
 * its include/exclude globs per project (relative to the project's dir), plus every file a run
 * actually collected.
 */
export function createTestFileMatcher(runs: readonly SuiteRun[], projectDir: string): (file: string) => boolean {
  const collected = new Set(runs.flatMap((r) => [...r.modules]));
  const projects: ProjectInfo[] = runs.flatMap((r) => r.projects);
  if (projects.length === 0) {
    projects.push({ name: '', root: projectDir, dir: projectDir, include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE });
  }
  const matchers = projects.map((p) => ({
    dir: p.dir,
    include: picomatch(p.include, { dot: true }),
    exclude: picomatch(p.exclude.length > 0 ? p.exclude : ['\0'], { dot: true }),
  }));
  return (file) => {
    if (collected.has(file)) return true;
    return matchers.some((m) => {
      const rel = m.dir === '' ? file : path.posix.relative(m.dir, file);
      if (rel.startsWith('..')) return false;
      return m.include(rel) && !m.exclude(rel);
    });
  };
}
