import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { runDiff } from './diff/change-set.js';
import { describeChanges } from './diff/describe-changes.js';
import { AbortedError, InternalError, isPatchprobeError } from './errors.js';
import { runGit } from './git/run-git.js';
import { locateRepo, resolveCommit } from './git/repo.js';
import { runProbeStage, type ProbeEvidence } from './probes/run-probe-stage.js';
import { buildReport } from './report/build-report.js';
import type { Report } from './report/report.js';
import { runSnapshot } from './snapshot/snapshot.js';
import { createTempWorkspace } from './snapshot/temp-workspace.js';
import { runStatic, type StaticEvidence } from './static/run-static.js';
import { resolveProjectVitest } from './suite/resolve-vitest.js';
import type { MatrixResult } from './suite/matrix.js';
import { decideVerdict } from './verdict/decide.js';
import type { Finding } from './verdict/finding.js';

const VERSION = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

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
}

const DEFAULT_TESTS = picomatch(['**/*.{test,spec}.?(c|m)[jt]s?(x)'], { dot: true });

/**
 * The working tree against `base` without running the test suite: static evidence and property
 * probes only. What the vitest plugin shows after every run; `verifyPatch` is the full verdict.
 * The report's `tests` section is empty, and its reasons say so.
 */
export async function inspectChange(options: InspectOptions = {}): Promise<Report> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const base = options.base ?? 'HEAD';
  const timings: Report['timings'] = {};
  const time = async <T>(name: keyof Report['timings'], fn: () => Promise<T> | T): Promise<T> => {
    if (options.signal?.aborted) throw new AbortedError();
    const t0 = performance.now();
    const out = await fn();
    timings[name] = Math.round(performance.now() - t0);
    return out;
  };
  const workspace = createTempWorkspace(false);
  try {
    const snapshot = await time('snapshot', () => runSnapshot({ cwd, base, after: { kind: 'worktree' }, workspace }));
    const changes = await time('diff', () => runDiff(snapshot));
    const isTestFile = options.isTestFile ?? testFileMatcher(snapshot.repo.root, snapshot.repo.projectDir, options.testPatterns);
    const tmpDir = path.join(workspace.dir, 'tmp');
    fs.mkdirSync(tmpDir, { recursive: true });
    let staticEvidence: StaticEvidence | undefined;
    let probeEvidence: ProbeEvidence | undefined;
    if (changes.files.length > 0) {
      staticEvidence = await time('static', () =>
        runStatic({ snapshot, changes, isTestFile, typecheck: options.typecheck ?? false, typecheckTimeoutMs: 60_000, tmpDir, signal: options.signal }),
      );
      if (options.probes !== false && staticEvidence.declarations.some((d) => d.change === 'semantic')) {
        const afterProject = path.join(snapshot.afterTree.root, snapshot.repo.projectDir);
        // No suite ran here: the probes need only the project's vitest and which files are tests.
        const matrix: MatrixResult = { vitest: resolveProjectVitest(afterProject, cwd), runs: [], testFiles: { added: [], edited: [], deleted: [] }, isTestFile };
        const s = staticEvidence;
        probeEvidence = await time('probes', () =>
          runProbeStage({
            snapshot,
            changes,
            matrix,
            comparison: { changes: [], findings: [] },
            staticEvidence: s,
            runs: options.probeRuns ?? 100,
            callTimeoutMs: options.probeTimeoutMs ?? 1000,
            seed: options.probeSeed ?? 1,
            suiteTimeoutMs: 600_000,
            workDir: path.join(workspace.dir, 'probes'),
            tmpDir,
            signal: options.signal,
          }),
        );
      }
    }
    const described = describeChanges(changes, isTestFile, { before: snapshot.before.root, after: snapshot.afterTree.root });
    const evidence: Finding[] = [...(staticEvidence?.findings ?? []), ...(probeEvidence?.findings ?? []), ...described.findings];
    const decision = decideVerdict(evidence, probeEvidence ? { allEquivalent: probeEvidence.allEquivalent, strong: probeEvidence.strong } : undefined);
    // No suite ran here: reasons that speak of unchanged test outcomes would claim too much.
    decision.reasons = decision.reasons.map((r) => r.replace(/^no test outcome changed, (but|and) /, '').replace(/^code changed but no test outcome changed, so /, 'code changed, and '));
    decision.reasons.push('the test suite was not compared here (patchprobe verify runs the full before/after matrix)');
    return buildReport({
      version: VERSION,
      snapshot,
      files: described.files,
      findings: evidence,
      decision,
      matrix: undefined,
      comparison: undefined,
      staticEvidence,
      probeEvidence,
      timings,
      durationMs: performance.now() - started,
    });
  } catch (error) {
    if (options.signal?.aborted) throw new AbortedError();
    if (isPatchprobeError(error)) throw error;
    throw new InternalError(error instanceof Error ? error.message : String(error), error);
  } finally {
    await workspace.dispose();
  }
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

/**
 * A cheap fingerprint of the working tree against `base` (tracked changes and untracked files),
 * or null when nothing differs: the plugin skips all work for an unchanged tree and reruns only
 * when the fingerprint moves. Read-only git; a few milliseconds.
 */
export async function changeFingerprint(cwd: string, base = 'HEAD'): Promise<string | null> {
  const repo = await locateRepo(cwd);
  const commit = await resolveCommit(repo.root, base, '--base');
  const scope = repo.projectDir ? ['--', repo.projectDir] : [];
  // GIT_OPTIONAL_LOCKS=0 (in runGit): comparing with the work tree never refreshes the user's index.
  const diff = (await runGit(['diff', '--no-ext-diff', '--binary', commit, ...scope], { cwd: repo.root })).stdout;
  const untracked = (await runGit(['ls-files', '--others', '--exclude-standard', '-z', ...scope], { cwd: repo.root })).stdout;
  if (diff.trim() === '' && untracked === '') return null;
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256').update(commit).update(diff);
  for (const f of untracked.split('\0').filter(Boolean)) {
    hash.update(f);
    try {
      hash.update(fs.readFileSync(path.join(repo.root, f)));
    } catch {
      // vanished between listing and reading
    }
  }
  return hash.digest('hex');
}
