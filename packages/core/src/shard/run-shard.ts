import fs from 'node:fs';
import { createStageTimer } from '../stage-timer.js';
import path from 'node:path';
import { cacheSection, openBaselineCache } from '../cache/open-cache.js';
import type { FileBaselineCache } from '../cache/baseline-cache.js';
import { runToJson } from '../cache/suite-run-json.js';
import { runDiff, type ChangeSet } from '../diff/change-set.js';
import { describeChanges } from '../diff/describe-changes.js';
import { AbortedError, InternalError, isPatchprobeError, UsageError } from '../errors.js';
import { resolveOptions, type VerifyOptions } from '../options.js';
import { runProbeStage, type ProbeEvidence } from '../probes/run-probe-stage.js';
import type { Report } from '../report/report.js';
import { runSnapshot, type Snapshot } from '../snapshot/snapshot.js';
import { createTempWorkspace } from '../snapshot/temp-workspace.js';
import { runStatic, type StaticEvidence } from '../static/run-static.js';
import { compareRuns } from '../suite/compare.js';
import { runSuiteMatrix, type MatrixResult } from '../suite/matrix.js';
import { environmentFindings } from '../verify.js';
import type { Finding } from '../verdict/finding.js';
import { PARTIAL_FORMAT_VERSION, subjectFingerprint, type PartialEvidence, type PartialResult, type PartialSuites } from './partial.js';

const VERSION = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
/** Test files larger than this are not sent to the merge (their findings then carry no line). */
const MAX_SOURCE_BYTES = 1_000_000;

/**
 * One shard of a verification (issue 7 §4): slice `index` of `count` of every suite run, by
 * vitest's own `--shard`, and a partial result that `mergePartials` joins with the other shards'
 * into the report `verifyPatch` would give. Shard 1 also gathers the evidence that needs the
 * copies (static evidence, property probes). Never prints, never exits, never writes to the
 * user's repository (except the baseline cache, when `cacheDir` is given).
 */
export async function runShard(options: VerifyOptions & { shard: { index: number; count: number } }): Promise<PartialResult> {
  if (!options.shard) throw new UsageError('runShard needs a shard', 'pass shard: { index, count }, e.g. { index: 1, count: 2 }');
  const opts = resolveOptions(options);
  const shard = opts.shard as { index: number; count: number };
  const started = performance.now();
  const { stage, timings } = createStageTimer(opts);
  const workspace = createTempWorkspace(opts.keepTemp);
  opts.onEvent?.({ type: 'workspace', dir: workspace.dir, kept: opts.keepTemp });
  try {
    const snapshot = await stage('snapshot', () => runSnapshot({ cwd: opts.cwd, base: opts.base, after: opts.after, workspace }));
    const changes = await stage('diff', () => runDiff(snapshot));
    const fingerprint = await subjectFingerprint(snapshot, changes);
    let baselineCache: FileBaselineCache | undefined;
    const cacheFindings: Finding[] = [];
    if (changes.files.length > 0 && opts.cacheDir) {
      const opened = await openBaselineCache({ dir: opts.cacheDir, snapshot, patchprobeVersion: VERSION });
      baselineCache = opened.cache;
      cacheFindings.push(...opened.findings);
    }
    // Slice `index` of the suite matrix; every test file is settled (run in every setup, rerun
    // when its outcome differs) by exactly one shard: see slices.ts.
    let matrix: MatrixResult | undefined;
    if (changes.files.length > 0) {
      const outDir = path.join(workspace.dir, 'runs');
      const tmpDir = path.join(workspace.dir, 'tmp');
      fs.mkdirSync(outDir, { recursive: true });
      fs.mkdirSync(tmpDir, { recursive: true });
      matrix = await stage('suites', () =>
        runSuiteMatrix({ snapshot, changes, outDir, tmpDir, timeoutMs: opts.suiteTimeoutMs, reruns: opts.reruns, cache: baselineCache, shard, signal: opts.signal, onEvent: opts.onEvent }),
      );
    }
    // Shard 1: the evidence that needs the copies. Its probe findings depend on test outcomes of
    // every shard (a test the patch wrote may expect a crash), so mergePartials derives them again.
    let evidence: PartialEvidence | null = null;
    if (shard.index === 1) {
      let staticEvidence: StaticEvidence | undefined;
      let probeEvidence: ProbeEvidence | undefined;
      if (matrix) {
        const m = matrix;
        staticEvidence = await stage('static', () =>
          runStatic({
            snapshot,
            changes,
            isTestFile: m.isTestFile,
            scope: opts.scope,
            typecheck: opts.typecheck,
            typecheckTimeoutMs: opts.typecheckTimeoutMs,
            tmpDir: path.join(workspace.dir, 'tmp'),
            signal: opts.signal,
          }),
        );
        if (opts.probes) {
          const s = staticEvidence;
          probeEvidence = await stage('probes', () =>
            runProbeStage({
              snapshot,
              changes,
              matrix: m,
              comparison: compareRuns(m.runs, m.testFiles),
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
      }
      const described = describeChanges(changes, matrix?.isTestFile ?? (() => false), { before: snapshot.before.root, after: snapshot.afterTree.root });
      evidence = {
        files: described.files,
        changeFindings: described.findings,
        environmentFindings: environmentFindings(snapshot.afterTree.files, snapshot.repo.projectDir, matrix),
        static: staticEvidence ?? null,
        probes: probeEvidence ?? null,
        addedLines: addedLines(changes, snapshot.afterTree.root),
      };
    }
    return {
      format: 'patchprobe-partial',
      formatVersion: PARTIAL_FORMAT_VERSION,
      tool: { name: 'patchprobe', version: VERSION },
      shard,
      fingerprint,
      settings: {
        reruns: opts.reruns,
        scope: opts.scope ?? null,
        typecheck: opts.typecheck,
        probes: opts.probes,
        probeRuns: opts.probeRuns,
        probeTimeoutMs: opts.probeTimeoutMs,
        probeSeed: opts.probeSeed,
        mutation: opts.mutation,
      },
      subject: subjectOf(snapshot),
      suites: matrix ? suitesOf(matrix, snapshot) : null,
      evidence,
      cache: cacheSection(baselineCache, matrix?.reusedRuns ?? 0),
      cacheFindings: [...cacheFindings, ...(baselineCache?.findings ?? [])],
      timings,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    if (opts.signal?.aborted) throw new AbortedError();
    if (isPatchprobeError(error)) throw error;
    throw new InternalError(error instanceof Error ? error.message : String(error), error);
  } finally {
    await workspace.dispose();
  }
}

function suitesOf(matrix: MatrixResult, snapshot: Snapshot): PartialSuites {
  // The files whose tests changed outcome here: the findings about them point at lines in them.
  const changed = [...new Set(compareRuns(matrix.runs, matrix.testFiles).changes.map((c) => c.file))].sort();
  const sources: PartialSuites['sources'] = {};
  for (const file of changed) {
    const entry: { before?: string; after?: string } = {};
    const after = readSmall(path.join(snapshot.afterTree.root, file));
    const before = readSmall(path.join(snapshot.before.root, file));
    if (after !== undefined) entry.after = after;
    if (before !== undefined) entry.before = before;
    sources[file] = entry;
  }
  return {
    vitest: { version: matrix.vitest.version, major: matrix.vitest.major },
    runs: matrix.runs.map((r) => runToJson(r)),
    testFiles: matrix.testFiles,
    owned: matrix.owned ?? [],
    completed: matrix.completed ?? [],
    sources,
  };
}

function readSmall(file: string): string | undefined {
  try {
    if (fs.statSync(file).size > MAX_SOURCE_BYTES) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The lines each changed code file gained, as the probe stage reads them (run-probe-stage.ts addedLinesOf). */
function addedLines(changes: ChangeSet, afterRoot: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const change of changes.files) {
    if (change.status === 'deleted' || change.category !== 'code') continue;
    try {
      const text = fs.readFileSync(path.join(afterRoot, change.path), 'utf8').split('\n');
      out[change.path] = change.hunks.flatMap((h) => text.slice(h.newStart - 1, h.newStart - 1 + h.newLines));
    } catch {
      out[change.path] = [];
    }
  }
  return out;
}

/** The report's subject, as build-report.ts writes it. */
function subjectOf(snapshot: Snapshot): Report['subject'] {
  const after = snapshot.after;
  return {
    repository: snapshot.repo.root,
    project: snapshot.repo.projectDir,
    base: snapshot.base,
    after: after.kind === 'revision' ? { kind: 'revision', rev: after.rev, commit: after.commit ?? '' } : after.kind === 'patch' ? { kind: 'patch', file: after.file } : { kind: 'worktree' },
  };
}
