import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { SuiteRunJsonSchema, testsAreConsistent } from '../cache/suite-run-json.js';
import type { ChangeSet } from '../diff/change-set.js';
import type { ProbeEvidence } from '../probes/run-probe-stage.js';
import { ProbesSectionProperties, StaticSectionProperties } from '../report/schema-evidence.js';
import { errorPaths, lazyCheck, Nullable, Sha256, within, type Equal } from '../report/schema-kit.js';
import { FindingSchema, ReportCacheSchema, ReportFileSchema, SubjectSchema, TimingsSchema, ToolSchema } from '../report/schema-parts.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { StaticEvidence } from '../static/run-static.js';
import type { TestFileChanges } from '../suites/compare.js';

/** Bump when the partial's layout changes: mergePartials refuses other versions. */
export const PARTIAL_FORMAT_VERSION = 1;

/** Options that change what a shard finds: every shard of one merge must have run with the same. */
const PartialSettingsSchema = Type.Object({
  reruns: Type.Number(),
  scope: Type.Union([Type.Array(Type.String()), Type.Null()]),
  typecheck: Type.Boolean(),
  probes: Type.Boolean(),
  probeRuns: Type.Number(),
  probeTimeoutMs: Type.Number(),
  probeSeed: Type.Number(),
  /** Asked for; the mutation stage does not run in shards yet, and the merged report says so. */
  mutation: Type.Boolean(),
});
export type PartialSettings = Static<typeof PartialSettingsSchema>;

// The partial's own objects admit properties they do not list (as the hand-written checks these
// replace did); the report's sections it carries are checked as the report schema has them.

const PartialSuitesSchema = Type.Object({
  vitest: Type.Object({ version: Type.String(), major: Type.Number() }),
  /** This shard's runs: its slice of the full runs, its owned files' cross runs and reruns. */
  runs: Type.Array(SuiteRunJsonSchema),
  testFiles: Type.Object({ edited: Type.Array(Type.String()), added: Type.Array(Type.String()), deleted: Type.Array(Type.String()) }),
  /** Test files this shard settled; the shards' sets do not overlap. */
  owned: Type.Array(Type.String()),
  /** Owned files it also ran on the before tree, because vitest's slice of that tree put them in another shard. */
  completed: Type.Array(Type.String()),
  /** Test files holding a test whose outcome changed, as each copy has them (the merged report points findings at their lines). */
  sources: Type.Record(Type.String(), Type.Object({ before: Type.Optional(Type.String()), after: Type.Optional(Type.String()) })),
});
export type PartialSuites = Static<typeof PartialSuitesSchema>;

/** run-static.ts StaticEvidence: the report's static section and its findings. */
const StaticEvidenceSchema = Type.Object({ findings: Type.Array(FindingSchema), ...StaticSectionProperties });
/** run-probe-stage.ts ProbeEvidence: the report's probes section, its findings and what the verdict reads. */
const ProbeEvidenceSchema = Type.Object({
  findings: Type.Array(FindingSchema),
  ...ProbesSectionProperties,
  /** Every semantically changed declaration was probed, none diverged, none inconclusive. */
  allEquivalent: Type.Boolean(),
  /** allEquivalent, with every parameter type derived and at least 1,000 runs per function. */
  strong: Type.Boolean(),
});

const PartialEvidenceSchema = Type.Object({
  files: Type.Array(ReportFileSchema),
  /** describeChanges' findings (source-changed, test-file-changed, dependencies-changed…). */
  changeFindings: Type.Array(FindingSchema),
  /** vitest-workspace-ignored and the like. */
  environmentFindings: Type.Array(FindingSchema),
  static: Nullable(StaticEvidenceSchema),
  /** The probe stage's result; its findings are derived again at merge, with every shard's test outcomes. */
  probes: Nullable(ProbeEvidenceSchema),
  /** The lines each changed code file gained (after side), which the probe findings read. */
  addedLines: Type.Record(Type.String(), Type.Array(Type.String())),
});
export type PartialEvidence = Static<typeof PartialEvidenceSchema>;

/**
 * What one shard (`runShard`, `gate --shard i/n`) found, for `mergePartials`. Plain JSON.
 *
 * Every shard runs slice i of each suite run and carries those runs; the evidence that needs the
 * two copies on disk (the change description, static evidence, property probes) comes from shard
 * 1 alone, which runs it while the other shards run only their slice of the suites.
 */
const PartialResultSchema = Type.Object({
  format: Type.Literal('patchprobe-partial'),
  formatVersion: Type.Literal(PARTIAL_FORMAT_VERSION),
  tool: ToolSchema,
  shard: Type.Object({ index: Type.Integer({ minimum: 1 }), count: Type.Integer({ minimum: 1 }) }),
  /** sha256 of what was verified: base commit, project folder, and every changed file with its after content. */
  fingerprint: Sha256(),
  settings: PartialSettingsSchema,
  /** As the report has it (the repository path is this shard's checkout). */
  subject: SubjectSchema,
  /** null when the patch changes no file (no suite runs). */
  suites: Nullable(PartialSuitesSchema),
  /** Shard 1 only; null in the others. */
  evidence: Nullable(PartialEvidenceSchema),
  cache: ReportCacheSchema,
  /** cache-ignored warnings of this shard. */
  cacheFindings: Type.Array(FindingSchema),
  timings: TimingsSchema,
  durationMs: Type.Number(),
});
export type PartialResult = Static<typeof PartialResultSchema>;
const checkPartial = lazyCheck(PartialResultSchema);

true satisfies Equal<PartialSuites['testFiles'], TestFileChanges>;
true satisfies Equal<Static<typeof StaticEvidenceSchema>, StaticEvidence>;
true satisfies Equal<Static<typeof ProbeEvidenceSchema>, ProbeEvidence>;

/** What the shards verified, independent of where they ran (no absolute paths). */
export async function subjectFingerprint(snapshot: Snapshot, changes: ChangeSet): Promise<string> {
  const h = createHash('sha256');
  h.update(JSON.stringify({ base: snapshot.base.commit, project: snapshot.repo.projectDir }));
  const files = [...changes.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const f of files) {
    const content = f.status === 'deleted' ? '' : createHash('sha256').update(await readEntry(path.join(snapshot.afterTree.root, f.path))).digest('hex');
    h.update(`\n${JSON.stringify([f.status, f.path, f.oldPath ?? null, content])}`);
  }
  return h.digest('hex');
}

async function readEntry(abs: string): Promise<Buffer> {
  const stat = await fs.lstat(abs);
  return stat.isSymbolicLink() ? Buffer.from(`symlink:${await fs.readlink(abs)}`) : fs.readFile(abs);
}

/** Whether a path lies in one of these parts of the partial. */
const inside =
  (...parts: string[]) =>
  (path: string): boolean =>
    parts.some((part) => within(path, part));

/**
 * Why a partial cannot be merged, in the order the checks matter: the first rule that a schema
 * error falls under (or whose own test fails) names the problem. A rule's test runs only when no
 * earlier rule applied, so the parts it reads have their schema's shape.
 */
const PROBLEMS: Array<{ at: (path: string) => boolean; also?: (v: PartialResult) => boolean; problem: (v: PartialResult) => string }> = [
  { at: (p) => p === '' || within(p, '/format'), problem: () => 'it is not a patchprobe partial result' },
  { at: inside('/formatVersion'), problem: (v) => `it has partial format ${JSON.stringify(v.formatVersion)}, this patchprobe reads format ${PARTIAL_FORMAT_VERSION}` },
  { at: inside('/tool'), problem: () => 'it names no patchprobe version' },
  { at: inside('/shard'), also: (v) => v.shard.index > v.shard.count, problem: () => 'its shard is not i/n' },
  { at: inside('/fingerprint'), problem: () => 'it has no subject fingerprint' },
  { at: inside('/settings', '/subject', '/cache', '/cacheFindings', '/timings', '/durationMs'), problem: () => 'it is incomplete' },
  { at: (p) => p === '/suites' || within(p, '/suites/vitest'), problem: () => 'its suite section is incomplete' },
  { at: inside('/suites/runs'), also: (v) => v.suites !== null && !v.suites.runs.every(testsAreConsistent), problem: () => 'its suite runs are malformed' },
  { at: inside('/suites/testFiles'), problem: () => 'its test-file changes are malformed' },
  { at: inside('/suites'), problem: () => 'its suite section is incomplete' },
  { at: (p) => p === '/evidence' || inside('/evidence/files', '/evidence/changeFindings', '/evidence/environmentFindings', '/evidence/addedLines')(p), problem: () => 'its evidence section is incomplete' },
  { at: inside('/evidence/static'), problem: () => 'its static evidence is malformed' },
  { at: inside('/evidence/probes'), problem: () => 'its probe evidence is malformed' },
  {
    at: () => false,
    also: (v) => (v.shard.index === 1) !== (v.evidence !== null),
    problem: (v) => (v.shard.index === 1 ? 'it is shard 1 but carries no evidence section' : 'it carries an evidence section though it is not shard 1'),
  },
  // Every part of the schema has its rule above; a schema error anywhere else still refuses the partial.
  { at: () => true, problem: () => 'it is incomplete' },
];

/** Why `v` is not a partial result this patchprobe can merge, or undefined. */
export function partialProblem(v: unknown): string | undefined {
  const paths = checkPartial.Check(v) ? [] : errorPaths(checkPartial.Errors(v));
  const rule = PROBLEMS.find((r) => paths.some(r.at) || r.also?.(v as PartialResult));
  return rule?.problem(v as PartialResult);
}
