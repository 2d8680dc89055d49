import { runFromJson } from '../cache/suite-run-json.js';
import { UsageError } from '../errors.js';
import type { StageName } from '../events.js';
import { probeFindings } from '../probes/findings.js';
import type { ProbeEvidence } from '../probes/run-probe-stage.js';
import type { ProbeTarget } from '../probes/targets.js';
import { buildReport } from '../report/build-report.js';
import type { Report, ReportCache } from '../report/report.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { StaticEvidence } from '../static/run-static.js';
import { compareRuns, type Comparison, type TestFileChanges } from '../suites/compare.js';
import type { MatrixResult } from '../suites/matrix.js';
import { createTestFileMatcher, testSideMatcher } from '../suites/test-files.js';
import { parseVitestVersion } from '../suites/resolve-vitest.js';
import type { SetupName, SuiteRun } from '../suites/types.js';
import { VERSION } from '../pipeline/context.js';
import { decide, gatherEvidence } from '../pipeline/7-verdict.js';
import type { Finding } from '../verdict/finding.js';
import { absorbRun } from './slices.js';
import { partialProblem, type PartialEvidence, type PartialResult } from './partial.js';

const MERGE_HINT = 'pass the result file of every shard of one run (`patchprobe gate --shard i/n`, i = 1…n)';

/**
 * Joins the partial results of the n shards of one verification into one report and verdict
 * (issue 7 §4): the shards' runs are joined per setup and attempt, then compared, decided and
 * reported by the same code as `verifyPatch`, so the merged report equals the unsharded one
 * (timings and durations aside). Refuses an incomplete or mixed set with a UsageError.
 */
export async function mergePartials(partials: unknown[]): Promise<Report> {
  const started = performance.now();
  const parts = checkSet(partials);
  const first = parts[0] as PartialResult;
  const evidence = first.evidence as PartialEvidence;

  let matrix: MatrixResult | undefined;
  let comparison: Comparison | undefined;
  if (first.suites) {
    const testFiles = unionTestFiles(parts.map((p) => p.suites?.testFiles ?? { edited: [], added: [], deleted: [] }));
    const runs = joinRuns(parts.flatMap((p) => (p.suites?.runs ?? []).map((r) => runFromJson(r))), testFiles);
    matrix = {
      vitest: { ...parseVitestVersion(first.suites.vitest.version), bin: '' },
      runs,
      testFiles,
      isTestFile: testSideMatcher(createTestFileMatcher(runs, first.subject.project), first.subject.project),
      runsAsTest: createTestFileMatcher(runs, first.subject.project),
      reusedRuns: parts.reduce((n, p) => n + (p.cache.reusedRuns ?? 0), 0),
    };
    comparison = compareRuns(runs, testFiles);
  }
  const staticEvidence: StaticEvidence | undefined = evidence.static ?? undefined;
  const probeEvidence: ProbeEvidence | undefined =
    evidence.probes && matrix && comparison && staticEvidence ? { ...evidence.probes, findings: probeFindingsAgain(evidence.probes, evidence, staticEvidence, matrix.testFiles, comparison) } : undefined;

  // Mutation probes need the test files that passed in the whole after run, which no shard has.
  const mutationSkipped: Finding[] =
    first.settings.mutation && matrix
      ? [{ kind: 'mutation-skipped', severity: 'warning', message: 'mutation probes skipped: they do not run in a sharded verification yet (they need the test files that passed in the whole after run); run the gate unsharded for them' }]
      : [];
  const findings = gatherEvidence({
    suites: comparison?.findings,
    static: staticEvidence?.findings,
    probes: probeEvidence?.findings,
    mutation: mutationSkipped,
    changes: evidence.changeFindings,
    environment: evidence.environmentFindings,
    cache: parts.flatMap((p) => p.cacheFindings),
  });
  const t0 = performance.now();
  const decision = decide(findings, probeEvidence, undefined);
  const timings = mergedTimings(parts);
  timings.verdict = Math.round(performance.now() - t0);

  const sources = new Map(parts.flatMap((p) => Object.entries(p.suites?.sources ?? {})));
  const t1 = performance.now();
  const report = buildReport({
    version: VERSION,
    snapshot: pseudoSnapshot(first.subject),
    files: evidence.files,
    findings,
    decision,
    matrix,
    comparison,
    staticEvidence,
    probeEvidence,
    cache: mergedCache(parts.map((p) => p.cache)),
    readSource: (tree, file) => sources.get(file)?.[tree],
    timings,
    durationMs: Math.max(...parts.map((p) => p.durationMs)) + (performance.now() - started),
  });
  report.timings.report = Math.round(performance.now() - t1);
  return report;
}

/** Every shard 1…n exactly once, all of the same run; sorted by index. */
function checkSet(partials: unknown[]): PartialResult[] {
  if (!Array.isArray(partials) || partials.length === 0) throw new UsageError('there are no shard results to merge', MERGE_HINT);
  partials.forEach((p, i) => {
    const problem = partialProblem(p);
    if (problem) throw new UsageError(`input ${i + 1} cannot be merged: ${problem}`, MERGE_HINT);
  });
  const parts = partials as PartialResult[];
  const versions = [...new Set(parts.map((p) => p.tool.version))];
  if (versions.length > 1) throw new UsageError(`the shards were written by different patchprobe versions (${versions.join(', ')})`, 'run every shard and the merge with the same patchprobe version');
  if (versions[0] !== VERSION) throw new UsageError(`the shards were written by patchprobe ${versions[0]}, this is ${VERSION}`, 'merge with the patchprobe version that ran the shards');
  const counts = [...new Set(parts.map((p) => p.shard.count))];
  if (counts.length > 1) throw new UsageError(`the results come from different splits (${counts.map((n) => `…/${n}`).join(' and ')})`, MERGE_HINT);
  const n = counts[0] as number;
  const seen = new Map<number, number>();
  for (const p of parts) seen.set(p.shard.index, (seen.get(p.shard.index) ?? 0) + 1);
  const twice = [...seen].filter(([, k]) => k > 1).map(([i]) => `${i}/${n}`);
  if (twice.length > 0) throw new UsageError(`shard ${twice.join(', ')} was given more than once`, 'pass each shard result once');
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) {
    const which = missing.map((i) => `${i}/${n}`).join(', ');
    throw new UsageError(`shard ${which} ${missing.length === 1 ? 'is' : 'are'} missing`, `run \`patchprobe gate --shard ${missing[0]}/${n}\` on the same patch and pass its result too`);
  }
  if (new Set(parts.map((p) => p.fingerprint)).size > 1) {
    throw new UsageError('the shards verified different changes (another base commit, project or patch)', 'run every shard on the same base and the same patch, then merge those results');
  }
  const settings = [...new Set(parts.map((p) => JSON.stringify(p.settings)))];
  if (settings.length > 1) throw new UsageError(`the shards ran with different options (${settings.join(' vs ')})`, 'run every shard with the same options');
  const vitest = [...new Set(parts.map((p) => p.suites?.vitest.version ?? '-'))];
  if (vitest.length > 1) throw new UsageError(`the shards ran different vitest versions (${vitest.join(', ')})`, 'install the same dependencies on every shard machine');
  if (new Set(parts.map((p) => p.suites === null)).size > 1) throw new UsageError('some shards ran the suites and others did not', MERGE_HINT);
  return [...parts].sort((a, b) => a.shard.index - b.shard.index);
}

const SETUP_ORDER: readonly SetupName[] = ['before', 'after', 'old-tests-new-code', 'new-tests-old-code'];

/**
 * One run per setup and attempt, as the unsharded matrix has: the shards' slices joined. Their
 * durations overlap (the shards run at the same time), so a joined run takes the longest.
 */
function joinRuns(runs: SuiteRun[], testFiles: TestFileChanges): SuiteRun[] {
  const groups = new Map<string, SuiteRun[]>();
  for (const r of runs) {
    const k = `${r.attempt}\0${SETUP_ORDER.indexOf(r.setup)}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const canonical: Partial<Record<SetupName, string[]>> = {
    'old-tests-new-code': [...testFiles.edited, ...testFiles.deleted],
    'new-tests-old-code': [...testFiles.added, ...testFiles.edited],
  };
  const joined: SuiteRun[] = [];
  for (const group of groups.values()) {
    const [head, ...rest] = group as [SuiteRun, ...SuiteRun[]];
    const into: SuiteRun = { ...head, tests: new Map(head.tests), moduleErrors: new Map(head.moduleErrors), modules: new Set(head.modules), projects: [...head.projects], unhandledErrors: [...head.unhandledErrors] };
    const cached = group.every((r) => r.cached);
    const longest = Math.max(...group.map((r) => r.durationMs));
    for (const r of rest) absorbRun(into, r);
    into.durationMs = longest;
    if (cached) into.cached = true;
    if (group.some((r) => r.files === 'all')) into.files = 'all';
    else {
      const files = new Set(group.flatMap((r) => r.files as string[]));
      const order = into.attempt === 0 ? canonical[into.setup] : undefined;
      into.files = order ? [...order.filter((f) => files.has(f)), ...[...files].filter((f) => !order.includes(f)).sort()] : [...files].sort();
    }
    joined.push(into);
  }
  return joined.sort((a, b) => a.attempt - b.attempt || SETUP_ORDER.indexOf(a.setup) - SETUP_ORDER.indexOf(b.setup));
}

function unionTestFiles(all: readonly TestFileChanges[]): TestFileChanges {
  const union = (k: keyof TestFileChanges): string[] => [...new Set(all.flatMap((t) => t[k]))];
  return { edited: union('edited'), added: union('added'), deleted: union('deleted') };
}

/**
 * The probe findings of shard 1, derived again with every shard's test outcomes: a crash the new
 * version shows is only a warning when a test the patch wrote expects the new behaviour, and that
 * test may have run in another shard. Mirrors run-probe-stage.ts (expectingTestOf) on the data
 * the report keeps of each probed function.
 */
function probeFindingsAgain(probes: ProbeEvidence, evidence: PartialEvidence, staticEvidence: StaticEvidence, testFiles: TestFileChanges, comparison: Comparison): Finding[] {
  const targets: ProbeTarget[] = probes.functions.map((f) => ({ id: f.id, file: f.file, exportName: f.exportName, covers: f.covers, params: [], ...(f.member ? { member: f.member } : {}) }));
  const edited = new Set([...testFiles.added, ...testFiles.edited]);
  const lines = new Map(staticEvidence.declarations.map((d) => [d.symbol, d.line]));
  return probeFindings({
    targets,
    results: probes.functions,
    uncovered: probes.uncovered,
    addedLines: (file) => evidence.addedLines[file] ?? [],
    expectingTest: (t) => {
      const reaching = new Set(staticEvidence.blastRadius.filter((e) => t.covers.includes(e.symbol)).flatMap((e) => e.testFiles));
      const change = comparison.changes.find((c) => edited.has(c.file) && reaching.has(c.file) && c.after === 'pass' && (c.before !== 'pass' || c.newTestOnOldCode === 'fail'));
      return change ? `the test "${change.name}"` : undefined;
    },
    lineOf: (s) => lines.get(s),
  });
}

/** Per stage, the longest shard (they run at the same time). */
function mergedTimings(parts: readonly PartialResult[]): Partial<Record<StageName, number>> {
  const out: Partial<Record<StageName, number>> = {};
  for (const p of parts) {
    for (const [k, v] of Object.entries(p.timings) as Array<[StageName, number]>) out[k] = Math.max(out[k] ?? 0, v);
  }
  return out;
}

function mergedCache(caches: readonly ReportCache[]): ReportCache {
  const used = caches.filter((c) => c.status !== 'off');
  const head = used[0];
  if (!head) return { status: 'off' };
  const statuses = new Set(used.map((c) => c.status));
  const status = statuses.size === 1 ? head.status : 'partial';
  const out: ReportCache = { status, reusedRuns: used.reduce((n, c) => n + (c.reusedRuns ?? 0), 0) };
  if (head.key) out.key = head.key;
  if (head.dir) out.dir = head.dir;
  return out;
}

/** What buildReport reads of a snapshot, from the subject the shards recorded (no copies exist here). */
function pseudoSnapshot(subject: Report['subject']): Snapshot {
  const after = subject.after;
  return {
    repo: { root: subject.repository, projectDir: subject.project },
    base: subject.base,
    after: after.kind === 'revision' ? { kind: 'revision', rev: after.rev, commit: after.commit } : after,
    before: { root: '', files: [] },
    afterTree: { root: '', files: [] },
  };
}
