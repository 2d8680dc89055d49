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

/**
 * Where test helpers live by convention, the folders vitest's coverage leaves out by default
 * (`test?(s)/**`, `packages/*\/test?(s)/**`, `**\/__tests__/**`) plus mocks and fixtures: a file
 * there that vitest does not collect is a test's helper (`tests/_utils.ts`), not the code under
 * test.
 */
const isTestSupport = picomatch(['test?(s)/**', '**/packages/*/test?(s)/**', '**/__tests__/**', '**/__mocks__/**', '**/__fixtures__/**', 'test?(-*).?(c|m)[jt]s?(x)'], {
  dot: true,
});

/**
 * vitest's type tests (`typecheck.include`'s default, `*.test-d.ts`, `*.spec-d.ts`): checked by
 * `tsc`, never run, so never the code under test, whether or not the project's vitest runs
 * typecheck (remeda and valibot keep one beside every source file).
 */
const TYPE_TEST = /\.(?:test|spec)-d\.[cm]?[jt]sx?$/;

/** Whether a file is one of vitest's type tests (see TYPE_TEST): not code to probe or mutate. */
export function isTypeTestFile(file: string): boolean {
  return TYPE_TEST.test(file);
}

/** Whether a repository-relative file is a test's helper by where it lives in the repository or in its project (see isTestSupport). */
export function isTestSupportPath(file: string, projectDir = ''): boolean {
  if (isTestSupport(file)) return true;
  const rel = projectDir ? path.posix.relative(projectDir, file) : file;
  return !rel.startsWith('..') && isTestSupport(rel);
}

/**
 * The tests' side of a project: test files and their helpers. A patch that adds a test with a new
 * helper is a test change; its helper is not source to probe or mutate, and it goes with the new
 * tests when they run on the old code (and the old helper with the old tests on the new code).
 */
export function testSideMatcher(isTestFile: (file: string) => boolean, projectDir = ''): (file: string) => boolean {
  return (file) => isTestFile(file) || isTestSupportPath(file, projectDir);
}
