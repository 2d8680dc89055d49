import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isSuiteRunJson, type SuiteRunJson } from '../cache/suite-run-json.js';
import type { ChangeSet } from '../diff/change-set.js';
import type { StageName } from '../events.js';
import type { ProbeEvidence } from '../probes/run-probe-stage.js';
import type { Report, ReportCache, ReportFile } from '../report/report.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { StaticEvidence } from '../static/run-static.js';
import type { TestFileChanges } from '../suite/compare.js';
import type { Finding } from '../verdict/finding.js';

/** Bump when the partial's layout changes: mergePartials refuses other versions. */
export const PARTIAL_FORMAT_VERSION = 1;

/** Options that change what a shard finds: every shard of one merge must have run with the same. */
export interface PartialSettings {
  reruns: number;
  scope: string[] | null;
  typecheck: boolean;
  probes: boolean;
  probeRuns: number;
  probeTimeoutMs: number;
  probeSeed: number;
  /** Asked for; the mutation stage does not run in shards yet, and the merged report says so. */
  mutation: boolean;
}

/**
 * What one shard (`runShard`, `gate --shard i/n`) found, for `mergePartials`. Plain JSON.
 *
 * Every shard runs slice i of each suite run and carries those runs; the evidence that needs the
 * two copies on disk (the change description, static evidence, property probes) comes from shard
 * 1 alone, which runs it while the other shards run only their slice of the suites.
 */
export interface PartialResult {
  format: 'patchprobe-partial';
  formatVersion: typeof PARTIAL_FORMAT_VERSION;
  tool: { name: 'patchprobe'; version: string };
  shard: { index: number; count: number };
  /** sha256 of what was verified: base commit, project folder, and every changed file with its after content. */
  fingerprint: string;
  settings: PartialSettings;
  /** As the report has it (the repository path is this shard's checkout). */
  subject: Report['subject'];
  /** null when the patch changes no file (no suite runs). */
  suites: PartialSuites | null;
  /** Shard 1 only; null in the others. */
  evidence: PartialEvidence | null;
  cache: ReportCache;
  /** cache-ignored warnings of this shard. */
  cacheFindings: Finding[];
  timings: Partial<Record<StageName, number>>;
  durationMs: number;
}

export interface PartialSuites {
  vitest: { version: string; major: number };
  /** This shard's runs: its slice of the full runs, its owned files' cross runs and reruns. */
  runs: SuiteRunJson[];
  testFiles: TestFileChanges;
  /** Test files this shard settled; the shards' sets do not overlap. */
  owned: string[];
  /** Owned files it also ran on the before tree, because vitest's slice of that tree put them in another shard. */
  completed: string[];
  /** Test files holding a test whose outcome changed, as each copy has them (the merged report points findings at their lines). */
  sources: Record<string, { before?: string; after?: string }>;
}

export interface PartialEvidence {
  files: ReportFile[];
  /** describeChanges' findings (source-changed, test-file-changed, dependencies-changed…). */
  changeFindings: Finding[];
  /** vitest-workspace-ignored and the like. */
  environmentFindings: Finding[];
  static: StaticEvidence | null;
  /** The probe stage's result; its findings are derived again at merge, with every shard's test outcomes. */
  probes: ProbeEvidence | null;
  /** The lines each changed code file gained (after side), which the probe findings read. */
  addedLines: Record<string, string[]>;
}

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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Why `v` is not a partial result this patchprobe can merge, or undefined. Checks the structure
 * the merge relies on; the evidence sections are taken as patchprobe wrote them.
 */
export function partialProblem(v: unknown): string | undefined {
  if (!isObject(v) || v.format !== 'patchprobe-partial') return 'it is not a patchprobe partial result';
  if (v.formatVersion !== PARTIAL_FORMAT_VERSION) return `it has partial format ${JSON.stringify(v.formatVersion)}, this patchprobe reads format ${PARTIAL_FORMAT_VERSION}`;
  if (!isObject(v.tool) || typeof v.tool.version !== 'string') return 'it names no patchprobe version';
  const s = v.shard;
  if (!isObject(s) || !Number.isInteger(s.index) || !Number.isInteger(s.count) || (s.index as number) < 1 || (s.index as number) > (s.count as number)) return 'its shard is not i/n';
  if (typeof v.fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(v.fingerprint)) return 'it has no subject fingerprint';
  if (!isObject(v.settings) || !isObject(v.subject) || !isObject(v.cache) || !Array.isArray(v.cacheFindings) || !isObject(v.timings) || typeof v.durationMs !== 'number') return 'it is incomplete';
  if (v.suites !== null) {
    const su = v.suites;
    if (!isObject(su) || !isObject(su.vitest) || typeof su.vitest.version !== 'string' || typeof su.vitest.major !== 'number') return 'its suite section is incomplete';
    if (!Array.isArray(su.runs) || !su.runs.every(isSuiteRunJson)) return 'its suite runs are malformed';
    const tf = su.testFiles;
    if (!isObject(tf) || !isStringArray(tf.edited) || !isStringArray(tf.added) || !isStringArray(tf.deleted)) return 'its test-file changes are malformed';
    if (!isStringArray(su.owned) || !isStringArray(su.completed) || !isObject(su.sources)) return 'its suite section is incomplete';
  }
  if (v.evidence !== null) {
    const e = v.evidence;
    if (!isObject(e) || !Array.isArray(e.files) || !Array.isArray(e.changeFindings) || !Array.isArray(e.environmentFindings) || !isObject(e.addedLines)) return 'its evidence section is incomplete';
    if (e.static !== null && !(isObject(e.static) && Array.isArray(e.static.findings) && Array.isArray(e.static.declarations))) return 'its static evidence is malformed';
    if (e.probes !== null && !(isObject(e.probes) && Array.isArray(e.probes.functions) && Array.isArray(e.probes.uncovered))) return 'its probe evidence is malformed';
  }
  if ((s.index === 1) !== (v.evidence !== null)) return s.index === 1 ? 'it is shard 1 but carries no evidence section' : 'it carries an evidence section though it is not shard 1';
  return undefined;
}
