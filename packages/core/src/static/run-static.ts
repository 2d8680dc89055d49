import { testsFollowingRenames } from './tampering/follows-rename.js';
import { testsDiscardingReturns } from './tampering/discards-return.js';
import { testsFollowingSignatures } from './tampering/follows-signature.js';
import fs from 'node:fs';
import path from 'node:path';
import type { ChangeSet } from '../diff/change-set.js';
import { categorize } from '../diff/change-set.js';
import { codeScriptKind } from '../diff/formatting.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { Finding } from '../verdict/finding.js';
import { analyzeDeclarations, declarationFindings } from './declarations/declarations.js';
import { blastRadiusFindings, computeBlastRadius, type BlastRadiusEntry } from './reach/blast-radius.js';
import { scopeFindings } from './reach/scope.js';
import { createModuleExists, detectTampering } from './tampering/tampering.js';
import { runTypecheckDelta, type TscOutcome } from './typecheck/typecheck.js';
import type { BaselineCache } from '../cache/baseline-cache.js';
import type { DeclarationChange, StaticFile } from './types.js';

export interface StaticInput {
  snapshot: Snapshot;
  changes: ChangeSet;
  isTestFile: (file: string) => boolean;
  /** --scope globs, repository-relative. */
  scope?: readonly string[] | undefined;
  typecheck: boolean;
  typecheckTimeoutMs: number;
  tmpDir: string;
  signal?: AbortSignal | undefined;
  /** tsc on both trees, already started by the pipeline (pipeline/3-typecheck.ts); else it runs here. */
  tsc?: Promise<TscOutcome> | TscOutcome | undefined;
  /** The baseline cache (the before tree's tsc diagnostics). */
  cache?: BaselineCache | undefined;
}

export interface StaticEvidence {
  findings: Finding[];
  declarations: DeclarationChange[];
  /** `afterScope`: the after tree was checked only in these files, the only ones whose diagnostics the patch can change. */
  typecheck: { status: 'ran' | 'skipped'; reason?: string; durationMs: number; afterScope?: string[] };
  blastRadius: BlastRadiusEntry[];
  /** Milliseconds per part of the stage. */
  timings: { declarations: number; tampering: number; typecheck: number; blastRadius: number };
}

/**
 * Stage 4: facts about the code from the diff — touched declarations and what kind of change each
 * underwent, new type errors and invented APIs, test tampering, blast radius, scope.
 */
export async function runStatic(input: StaticInput): Promise<StaticEvidence> {
  return completeStatic(runStaticWithoutTypecheck(input), input);
}

/**
 * Everything of stage 4 but the type-check delta, which waits for tsc: what the probes and the
 * mutation stage need (declarations, blast radius), so they need not wait for tsc.
 * `completeStatic` adds the delta.
 */
export function runStaticWithoutTypecheck(input: StaticInput): StaticEvidence {
  const { snapshot } = input;
  const files = staticFiles(input.changes, snapshot, input.isTestFile);
  // A part that throws (a bug, or code our parser cannot handle) must not cost the user the rest of
  // the evidence: it becomes a stage-failed warning and the verdict rests on what remains.
  const failures: Finding[] = [];
  const timed = <T>(part: string, fn: () => T, fallback: T): [T, number] => {
    const t0 = performance.now();
    let out: T;
    try {
      out = fn();
    } catch (error) {
      failures.push({
        kind: 'stage-failed',
        severity: 'warning',
        message: `static analysis (${part}) failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}; the verdict uses the other evidence (please report this)`,
      });
      out = fallback;
    }
    return [out, Math.round(performance.now() - t0)];
  };

  const [analysis, declarationsMs] = timed('declarations', () => analyzeDeclarations(files), { declarations: [], equivalentFiles: [] });
  const [tampering, tamperingMs] = timed('tampering', () => detectTampering({ files, moduleExists: createModuleExists(snapshot.afterTree.root) }), []);

  const prefix = snapshot.repo.projectDir ? `${snapshot.repo.projectDir}/` : '';
  const projectCode = snapshot.afterTree.files.filter((f) => f.startsWith(prefix) && codeScriptKind(f) !== undefined);
  const changed = analysis.declarations.filter((d) => d.change === 'semantic' && !input.isTestFile(d.file)).map((d) => d.symbol);
  const [blastRadius, blastMs] = timed(
    'blast radius',
    () => computeBlastRadius({ root: snapshot.afterTree.root, files: projectCode, changed, isTestFile: input.isTestFile }),
    [],
  );

  // Declarations in files proven equivalent (an added interface, say) change no behaviour.
  const equivalent = new Set(analysis.equivalentFiles);
  const sourceDeclarations = analysis.declarations.filter((d) => !input.isTestFile(d.file) && !equivalent.has(d.file));
  const findings: Finding[] = [
    ...failures,
    ...tampering,
    ...testsFollowingRenames(files, analysis.declarations),
    ...testsFollowingSignatures(files),
    ...testsDiscardingReturns(files),
    ...declarationFindings(analysis),
    ...blastRadiusFindings(blastRadius),
    ...scopeFindings(sourceDeclarations, input.scope),
  ];
  return {
    findings,
    declarations: analysis.declarations,
    typecheck: { status: 'skipped', reason: 'not run yet', durationMs: 0 },
    blastRadius,
    timings: { declarations: declarationsMs, tampering: tamperingMs, typecheck: 0, blastRadius: blastMs },
  };
}

/** The evidence of `runStaticWithoutTypecheck` with the type-check delta in (tsc awaited: `input.tsc`, or run here). */
export async function completeStatic(evidence: StaticEvidence, input: StaticInput): Promise<StaticEvidence> {
  const { snapshot } = input;
  const t0 = performance.now();
  const typecheck = input.typecheck
    ? await runTypecheckDelta({
        beforeRoot: snapshot.before.root,
        afterRoot: snapshot.afterTree.root,
        projectDir: snapshot.repo.projectDir,
        files: staticFiles(input.changes, snapshot, input.isTestFile),
        declarations: evidence.declarations,
        timeoutMs: input.typecheckTimeoutMs,
        tmpDir: input.tmpDir,
        signal: input.signal,
        tsc: input.tsc,
        cache: input.cache,
      })
    : { status: 'skipped' as const, reason: 'turned off with --no-typecheck', durationMs: 0, findings: [] };
  const typecheckMs = Math.round(performance.now() - t0);
  // After the parts that failed, as they always read: a stage-failed warning first.
  const failed = evidence.findings.filter((f) => f.kind === 'stage-failed');
  const rest = evidence.findings.filter((f) => f.kind !== 'stage-failed');
  const findings: Finding[] = [...failed, ...typecheck.findings, ...rest];
  if (!input.typecheck) findings.push({ kind: 'typecheck-skipped', severity: 'info', message: 'type-check delta turned off with --no-typecheck' });
  const typecheckSummary: StaticEvidence['typecheck'] = { status: typecheck.status, durationMs: Math.round(typecheck.durationMs) };
  if (typecheck.reason) typecheckSummary.reason = typecheck.reason;
  if ('afterScope' in typecheck && typecheck.afterScope) typecheckSummary.afterScope = typecheck.afterScope;
  return { ...evidence, findings, typecheck: typecheckSummary, timings: { ...evidence.timings, typecheck: typecheckMs } };
}

/** Both versions of every changed text file, with its role and hunks. */
function staticFiles(changes: ChangeSet, snapshot: Snapshot, isTestFile: (f: string) => boolean): StaticFile[] {
  const read = (root: string, rel: string | undefined): string | undefined => {
    if (!rel) return undefined;
    try {
      return fs.readFileSync(path.join(root, rel), 'utf8');
    } catch {
      return undefined;
    }
  };
  return changes.files
    .filter((c) => !c.binary)
    .map((c) => {
      const role = isTestFile(c.path) || (c.oldPath !== undefined && isTestFile(c.oldPath)) ? 'test' : categorize(c.path) === 'docs' ? 'docs' : 'source';
      const file: StaticFile = { path: c.path, status: c.status, role, hunks: c.hunks };
      if (c.oldPath) file.oldPath = c.oldPath;
      const before = c.status === 'added' ? undefined : read(snapshot.before.root, c.oldPath ?? c.path);
      const after = c.status === 'deleted' ? undefined : read(snapshot.afterTree.root, c.path);
      if (before !== undefined) file.before = before;
      if (after !== undefined) file.after = after;
      return file;
    });
}
