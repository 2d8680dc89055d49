import fs from 'node:fs';
import { createStageTimer } from './stage-timer.js';
import path from 'node:path';
import { runDiff } from './diff/change-set.js';
import { describeChanges } from './diff/describe-changes.js';
import { AbortedError, InternalError, isPatchprobeError, UsageError } from './errors.js';
import { cacheSection, openBaselineCache } from './cache/open-cache.js';
import type { FileBaselineCache } from './cache/baseline-cache.js';
import { resolveOptions, type VerifyOptions } from './options.js';
import { buildReport } from './report/build-report.js';
import type { Report } from './report/report.js';
import { runSnapshot } from './snapshot/snapshot.js';
import { runProbeStage, type ProbeEvidence } from './probes/run-probe-stage.js';
import { runMutationStage, type MutationEvidence } from './mutation/run-mutation-stage.js';
import { runStatic, type StaticEvidence } from './static/run-static.js';
import { createTempWorkspace } from './snapshot/temp-workspace.js';
import { compareRuns, type Comparison } from './suite/compare.js';
import { runSuiteMatrix, type MatrixResult } from './suite/matrix.js';
import { decideVerdict } from './verdict/decide.js';
import type { Finding } from './verdict/finding.js';

const VERSION = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Did the patch change behaviour, and did it change it for the worse?
 * Builds private before/after copies, runs the project's own vitest over the before/after matrix,
 * and returns a verdict with its evidence. Never prints, never exits, never writes to the user's
 * repository; throws PatchprobeError subclasses for bad input and setup problems.
 */
export async function verifyPatch(options: VerifyOptions = {}): Promise<Report> {
  const opts = resolveOptions(options);
  if (opts.shard) throw new UsageError('verifyPatch runs every suite run in full; a shard is run by runShard', 'call runShard({ ...options, shard }) per shard, then mergePartials on the results');
  const started = performance.now();
  const { stage, timings } = createStageTimer(opts);
  const workspace = createTempWorkspace(opts.keepTemp);
  opts.onEvent?.({ type: 'workspace', dir: workspace.dir, kept: opts.keepTemp });
  try {
    // 1. snapshot: private before/after copies, dependencies linked, nothing installed
    const snapshot = await stage('snapshot', () => runSnapshot({ cwd: opts.cwd, base: opts.base, after: opts.after, workspace }));
    // 2. diff: which files changed, how, and whether only in whitespace/comments
    const changes = await stage('diff', () => runDiff(snapshot));
    // 3. suites: the project's own vitest over the before/after matrix, flaky tests rerun
    let matrix: MatrixResult | undefined;
    let comparison: Comparison | undefined;
    // The baseline cache (only with cacheDir): before-tree results a run on the same base stored.
    let baselineCache: FileBaselineCache | undefined;
    const cacheFindings: Finding[] = [];
    if (changes.files.length > 0 && opts.cacheDir) {
      const opened = await openBaselineCache({ dir: opts.cacheDir, snapshot, patchprobeVersion: VERSION });
      baselineCache = opened.cache;
      cacheFindings.push(...opened.findings);
    }
    if (changes.files.length > 0) {
      const outDir = path.join(workspace.dir, 'runs');
      const tmpDir = path.join(workspace.dir, 'tmp');
      fs.mkdirSync(outDir, { recursive: true });
      fs.mkdirSync(tmpDir, { recursive: true });
      matrix = await stage('suites', () =>
        runSuiteMatrix({ snapshot, changes, outDir, tmpDir, timeoutMs: opts.suiteTimeoutMs, reruns: opts.reruns, cache: baselineCache, signal: opts.signal, onEvent: opts.onEvent }),
      );
      comparison = compareRuns(matrix.runs, matrix.testFiles);
    }
    // 4. static: touched declarations and their change kinds, type-check delta, tampering, blast radius, scope
    let staticEvidence: StaticEvidence | undefined;
    if (matrix) {
      const isTestFile = matrix.isTestFile;
      staticEvidence = await stage('static', () =>
        runStatic({
          snapshot,
          changes,
          isTestFile,
          scope: opts.scope,
          typecheck: opts.typecheck,
          typecheckTimeoutMs: opts.typecheckTimeoutMs,
          tmpDir: path.join(workspace.dir, 'tmp'),
          signal: opts.signal,
        }),
      );
    }
    // 5. probes: before vs after of every semantically changed function on generated inputs
    let probeEvidence: ProbeEvidence | undefined;
    if (matrix && comparison && staticEvidence && opts.probes) {
      const m = matrix, c = comparison, s = staticEvidence;
      probeEvidence = await stage('probes', () =>
        runProbeStage({
          snapshot,
          changes,
          matrix: m,
          comparison: c,
          staticEvidence: s,
          runs: opts.probeRuns,
          callTimeoutMs: opts.probeTimeoutMs,
          seed: opts.probeSeed,
          suiteTimeoutMs: opts.suiteTimeoutMs,
          workDir: path.join(workspace.dir, 'probes'),
          tmpDir: path.join(workspace.dir, 'tmp'),
          signal: opts.signal,
        }),
      );
    }
    // 6. mutation: StrykerJS on the touched declarations — do the tests pin what the patch changed?
    let mutationEvidence: MutationEvidence | undefined;
    if (matrix && staticEvidence && opts.mutation) {
      const m = matrix, s = staticEvidence;
      mutationEvidence = await stage('mutation', () =>
        runMutationStage({
          snapshot,
          matrix: m,
          staticEvidence: s,
          maxMutants: opts.maxMutants,
          minScore: opts.minMutationScore,
          budgetMs: opts.mutationTimeoutMs,
          reportDir: opts.mutationReportDir,
          workDir: path.join(workspace.dir, 'mutation'),
          tmpDir: path.join(workspace.dir, 'tmp'),
          cache: baselineCache,
          signal: opts.signal,
        }),
      );
    }
    const described = describeChanges(changes, matrix?.isTestFile ?? (() => false), { before: snapshot.before.root, after: snapshot.afterTree.root });
    // Test evidence first: within one severity, the report keeps this order.
    const evidence: Finding[] = [
      ...(comparison?.findings ?? []),
      ...(staticEvidence?.findings ?? []),
      ...(probeEvidence?.findings ?? []),
      ...(mutationEvidence?.findings ?? []),
      ...described.findings,
      ...environmentFindings(snapshot.afterTree.files, snapshot.repo.projectDir, matrix),
      ...cacheFindings,
      ...(baselineCache?.findings ?? []),
    ];
    // 7. verdict: a pure function of the evidence
    const decision = await stage('verdict', () =>
      decideVerdict(
        evidence,
        probeEvidence ? { allEquivalent: probeEvidence.allEquivalent, strong: probeEvidence.strong } : undefined,
        mutationEvidence?.report.status === 'ran' ? { score: mutationEvidence.report.score, minScore: mutationEvidence.report.minScore } : undefined,
      ),
    );
    // 8. report
    return await stage('report', () =>
      buildReport({ version: VERSION, snapshot, files: described.files, findings: evidence, decision, matrix, comparison, staticEvidence, probeEvidence, mutation: mutationEvidence?.report, cache: cacheSection(baselineCache, matrix?.reusedRuns ?? 0), timings, durationMs: performance.now() - started }),
    );
  } catch (error) {
    if (opts.signal?.aborted) throw new AbortedError();
    if (isPatchprobeError(error)) throw error;
    throw new InternalError(error instanceof Error ? error.message : String(error), error);
  } finally {
    await workspace.dispose();
  }
}

export function environmentFindings(files: readonly string[], projectDir: string, matrix: MatrixResult | undefined): Finding[] {
  if (!matrix || matrix.vitest.major < 4) return [];
  const prefix = projectDir ? `${projectDir}/` : '';
  const workspaceFile = files.find((f) => new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}vitest\\.workspace\\.[cm]?[jt]s$`).test(f));
  if (!workspaceFile) return [];
  return [
    {
      kind: 'vitest-workspace-ignored',
      severity: 'warning',
      file: workspaceFile,
      message: `vitest ${matrix.vitest.version} ignores ${workspaceFile}; list the projects in test.projects of the vitest config, or they may not run`,
    },
  ];
}
