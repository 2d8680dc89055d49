import fs from 'node:fs';
import path from 'node:path';
import type { MatrixResult } from '../suites/matrix.js';
import type { Comparison } from '../suites/compare.js';
import { SETUP_LABELS, type SuiteRun } from '../suites/types.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { ProbeEvidence } from '../probes/run-probe-stage.js';
import type { StaticEvidence } from '../static/run-static.js';
import type { MutationReport } from '../mutation/types.js';
import type { Decision } from '../verdict/decide.js';
import type { Finding } from '../verdict/finding.js';
import type { Report, ReportFile, ReportRun, TestCounts } from './report.js';
import { SCHEMA_VERSION } from './report.js';
import { renderSummary, sortFindings } from './summary.js';

export interface BuildReportInput {
  version: string;
  snapshot: Snapshot;
  files: ReportFile[];
  findings: Finding[];
  decision: Decision;
  matrix: MatrixResult | undefined;
  comparison: Comparison | undefined;
  staticEvidence: StaticEvidence | undefined;
  probeEvidence?: ProbeEvidence | undefined;
  mutation?: MutationReport | undefined;
  /** The baseline cache section. @default { status: 'off' } */
  cache?: Report['cache'] | undefined;
  /**
   * Reads a file of one of the copies, to point test findings at their line. Defaults to the
   * snapshot's copies on disk; a merge of shard results has no copies and passes the test files
   * the shards sent.
   */
  readSource?: ((tree: 'after' | 'before', file: string) => string | undefined) | undefined;
  timings: Report['timings'];
  durationMs: number;
}

function counts(run: SuiteRun | undefined): TestCounts | null {
  if (!run || run.status === 'crashed') return null;
  const c: TestCounts = { pass: 0, fail: 0, skip: 0, todo: 0 };
  for (const t of run.tests.values()) c[t.state]++;
  // A file that fails to load holds tests nobody could count: show it as one failure.
  for (const file of run.moduleErrors.keys()) if (![...run.tests.values()].some((t) => t.file === file)) c.fail++;
  return c;
}

/** Stage 5: assembles the schemaVersion 1 report. */
export function buildReport(input: BuildReportInput): Report {
  const { snapshot, matrix } = input;
  const runs: ReportRun[] = (matrix?.runs ?? []).map((r) => {
    const out: ReportRun = { setup: r.setup, label: SETUP_LABELS[r.setup], attempt: r.attempt, files: r.files, status: r.status, durationMs: Math.round(r.durationMs), counts: counts(r) ?? { pass: 0, fail: 0, skip: 0, todo: 0 } };
    if (r.crashMessage) out.crashMessage = r.crashMessage;
    if (r.cached) out.cached = true;
    if (r.inferred && r.inferred.length > 0) out.inferredFiles = r.inferred;
    if (r.stopped) out.stoppedAfterMs = r.stopped.afterMs;
    return out;
  });
  const first = (setup: SuiteRun['setup']): SuiteRun | undefined => matrix?.runs.find((r) => r.setup === setup && r.attempt === 0);
  const after = snapshot.after;
  const paths = new Map((input.comparison?.changes ?? []).map((c) => [c.name, (JSON.parse(c.id) as string[]).slice(2)]));
  const readSource = input.readSource ?? ((tree: 'after' | 'before', file: string) => readCopy(tree === 'after' ? snapshot.afterTree.root : snapshot.before.root, file));
  const findings = sortFindings([...input.findings, ...input.decision.findings]).map((f) => withLine(f, readSource, paths));
  const report: Omit<Report, 'summary'> = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'patchprobe', version: input.version },
    verdict: input.decision.verdict,
    confidence: input.decision.confidence,
    reasons: input.decision.reasons,
    findings,
    subject: {
      repository: snapshot.repo.root,
      project: snapshot.repo.projectDir,
      base: snapshot.base,
      after: after.kind === 'revision' ? { kind: 'revision', rev: after.rev, commit: after.commit ?? '' } : after.kind === 'patch' ? { kind: 'patch', file: after.file } : { kind: 'worktree' },
    },
    changes: { files: input.files },
    tests: {
      vitestVersion: matrix?.vitest.version ?? null,
      ...(matrix?.skippedProjects ? { skippedProjects: matrix.skippedProjects } : {}),
      runs,
      totals: { before: counts(first('before')), after: counts(first('after')) },
      changed: input.comparison?.changes ?? [],
    },
    static: input.staticEvidence
      ? {
          declarations: input.staticEvidence.declarations,
          typecheck: input.staticEvidence.typecheck,
          blastRadius: input.staticEvidence.blastRadius,
          timings: input.staticEvidence.timings,
        }
      : null,
    probes: input.probeEvidence
      ? {
          seed: input.probeEvidence.seed,
          runs: input.probeEvidence.runs,
          callTimeoutMs: input.probeEvidence.callTimeoutMs,
          functions: input.probeEvidence.functions,
          uncovered: input.probeEvidence.uncovered,
          processes: input.probeEvidence.processes,
          ...(input.probeEvidence.warmRuns ? { warmRuns: input.probeEvidence.warmRuns } : {}),
          ...(input.probeEvidence.docExamples ? { docExamples: input.probeEvidence.docExamples } : {}),
          timings: input.probeEvidence.timings,
        }
      : null,
    mutation: input.mutation ?? null,
    cache: input.cache ?? { status: 'off' },
    timings: input.timings,
    durationMs: Math.round(input.durationMs),
  };
  return { ...report, summary: renderSummary(report) };
}

function readCopy(root: string, file: string): string | undefined {
  try {
    return fs.readFileSync(path.join(root, file), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Points a test finding at its test: each title of the suite path is looked up in turn, from the
 * line where the previous one was found, so a title that repeats under other suites lands on the
 * right one; a title built at run time falls back to its suite's line. Best effort.
 */
function withLine(f: Finding, readSource: (tree: 'after' | 'before', file: string) => string | undefined, paths: ReadonlyMap<string, string[]>): Finding {
  if (!f.test || !f.file || f.line !== undefined) return f;
  const titles = paths.get(f.test);
  if (!titles) return f;
  for (const tree of ['after', 'before'] as const) {
    const text = readSource(tree, f.file);
    if (text === undefined) continue;
    const lines = text.split('\n');
    let from = 0;
    let found = -1;
    for (const title of titles) {
      const quoted = [`'${title}'`, `"${title}"`, `\`${title}\``];
      const idx = lines.findIndex((l, i) => i >= from && quoted.some((q) => l.includes(q)));
      if (idx < 0) continue;
      found = idx;
      from = idx + 1;
    }
    if (found >= 0) return { ...f, line: found + 1 };
  }
  return f;
}
