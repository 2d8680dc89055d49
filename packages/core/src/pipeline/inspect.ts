import path from 'node:path';
import picomatch from 'picomatch';
import { resolveInspectOptions, resolveOptions } from '../options.js';
import type { Report } from '../report/report.js';
import type { InspectSession } from './inspect-session.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { snapshotStage } from './1-snapshot.js';
import { diffStage } from './2-diff.js';
import { staticStage } from './4-static.js';
import { probesStage } from './5-probes.js';
import { verdictStage } from './7-verdict.js';
import { reportStage } from './8-report.js';
import { runPipeline } from './run-pipeline.js';

export interface InspectOptions {
  /** The project: a folder inside a git repository. @default process.cwd() */
  cwd?: string;
  /** The revision to compare the working tree with. @default 'HEAD' */
  base?: string;
  /**
   * Which repository-relative files are tests. The vitest plugin passes the project's own
   * include/exclude; by default vitest's default include.
   */
  isTestFile?: (file: string) => boolean;
  /**
   * The same from vitest's resolved config, per project: absolute `dir` and its include/exclude
   * globs. Used when `isTestFile` is not given.
   */
  testPatterns?: ReadonlyArray<{ dir: string; include: readonly string[]; exclude: readonly string[] }>;
  /** @default true */
  probes?: boolean;
  probeRuns?: number;
  probeTimeoutMs?: number;
  probeSeed?: number;
  /** The project's tsc on both versions; off by default here, as it costs seconds per run. @default false */
  typecheck?: boolean;
  signal?: AbortSignal;
  /**
   * Kept from one verdict to the next (`openInspectSession()`): the recording and probe runs go to
   * vitest processes it keeps instead of two new ones per verdict. The caller closes it.
   */
  session?: InspectSession;
}

/** No suite, no mutation: static evidence and property probes on the working tree. */
export const INSPECT_STAGES = [snapshotStage, diffStage, staticStage, probesStage, verdictStage, reportStage] as const;

const DEFAULT_TESTS = picomatch(['**/*.{test,spec}.?(c|m)[jt]s?(x)'], { dot: true });

/**
 * The working tree against `base` without running the test suite: static evidence and property
 * probes only. What the vitest plugin shows after every run; `verifyPatch` is the full verdict.
 * The report's `tests` section is empty, and its reasons say so.
 */
export async function inspectChange(options: InspectOptions = {}): Promise<Report> {
  const settings = resolveOptions({ cwd: options.cwd, base: options.base, signal: options.signal, ...resolveInspectOptions(options), mutation: false });
  const testFiles = (snapshot: Snapshot) => options.isTestFile ?? testFileMatcher(snapshot.repo.root, snapshot.repo.projectDir, options.testPatterns);
  return runPipeline({ ...settings, withoutSuites: { testFiles }, session: options.session }, INSPECT_STAGES, ({ state }) => state.report as Report);
}

function testFileMatcher(
  repoRoot: string,
  projectDir: string,
  patterns: InspectOptions['testPatterns'],
): (file: string) => boolean {
  const projectRoot = path.join(repoRoot, projectDir);
  const compiled = (patterns && patterns.length > 0 ? patterns : [{ dir: projectRoot, include: [], exclude: [] }]).map((p) => ({
    dir: p.dir,
    include: p.include.length > 0 ? picomatch([...p.include], { dot: true }) : DEFAULT_TESTS,
    exclude: picomatch(['**/node_modules/**', ...p.exclude], { dot: true }),
  }));
  return (file) => {
    const abs = path.join(repoRoot, file);
    return compiled.some((p) => {
      const rel = path.relative(p.dir, abs).split(path.sep).join('/');
      return !rel.startsWith('..') && p.include(rel) && !p.exclude(rel);
    });
  };
}
