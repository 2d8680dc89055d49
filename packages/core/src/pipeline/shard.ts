import { cacheSection } from '../cache/open-cache.js';
import { describeChanges } from '../diff/describe-changes.js';
import { UsageError } from '../errors.js';
import { resolveOptions, type VerifyOptions } from '../options.js';
import { PARTIAL_FORMAT_VERSION, subjectFingerprint, type PartialResult } from '../shard/partial.js';
import { addedLines, subjectOf, suitesOf } from '../shard/to-partial.js';
import { defineStage, VERSION, type PipelineContext } from './context.js';
import { snapshotStage } from './1-snapshot.js';
import { diffStage } from './2-diff.js';
import { suitesStage } from './3-suites.js';
import { staticStage } from './4-static.js';
import { probesStage } from './5-probes.js';
import { runPipeline } from './run-pipeline.js';

/** The diff, and the fingerprint every shard of one verification must share (taken before any test runs). */
const shardDiffStage = defineStage({
  ...diffStage,
  run: async (ctx, input) => {
    const { changes } = await diffStage.run(ctx, input);
    return { changes, fingerprint: await subjectFingerprint(input.snapshot, changes as NonNullable<typeof changes>) };
  },
});

/**
 * One shard of a verification (issue 7 §4): slice `index` of `count` of every suite run, by
 * vitest's own `--shard`, and a partial result that `mergePartials` joins with the other shards'
 * into the report `verifyPatch` would give. Shard 1 also gathers the evidence that needs the
 * copies (static evidence, property probes). Never prints, never exits, never writes to the
 * user's repository (except the baseline cache, when `cacheDir` is given).
 */
export async function runShard(options: VerifyOptions & { shard: { index: number; count: number } }): Promise<PartialResult> {
  if (!options.shard) throw new UsageError('runShard needs a shard', 'pass shard: { index, count }, e.g. { index: 1, count: 2 }');
  const settings = resolveOptions(options);
  // Shard 1 brings the evidence that needs the copies. Its probe findings depend on test outcomes
  // of every shard (a test the patch wrote may expect a crash), so mergePartials derives them again.
  const stages = settings.shard?.index === 1 ? [snapshotStage, shardDiffStage, suitesStage, staticStage, probesStage] : [snapshotStage, shardDiffStage, suitesStage];
  return runPipeline(settings, stages, toPartial);
}

function toPartial(ctx: PipelineContext): PartialResult {
  const { settings, state, timings } = ctx;
  const shard = settings.shard as { index: number; count: number };
  const snapshot = state.snapshot;
  const changes = state.changes;
  if (!snapshot || !changes || state.fingerprint === undefined) throw new Error('the shard ended before its diff');
  const matrix = state.matrix;
  let evidence: PartialResult['evidence'] = null;
  if (shard.index === 1) {
    const described = describeChanges(changes, matrix?.isTestFile ?? (() => false), { before: snapshot.before.root, after: snapshot.afterTree.root });
    evidence = {
      files: described.files,
      changeFindings: described.findings,
      environmentFindings: state.environmentFindings ?? [],
      static: state.static ?? null,
      probes: state.probes ?? null,
      addedLines: addedLines(changes, snapshot.afterTree.root),
    };
  }
  return {
    format: 'patchprobe-partial',
    formatVersion: PARTIAL_FORMAT_VERSION,
    tool: { name: 'patchprobe', version: VERSION },
    shard,
    fingerprint: state.fingerprint,
    settings: {
      reruns: settings.reruns,
      scope: settings.scope ?? null,
      typecheck: settings.typecheck,
      probes: settings.probes,
      probeRuns: settings.probeRuns,
      probeTimeoutMs: settings.probeTimeoutMs,
      probeSeed: settings.probeSeed,
      mutation: settings.mutation,
    },
    subject: subjectOf(snapshot),
    suites: matrix ? suitesOf(matrix, snapshot) : null,
    evidence,
    cache: cacheSection(state.cache, matrix?.reusedRuns ?? 0),
    cacheFindings: [...(state.cacheFindings ?? []), ...(state.cache?.findings ?? [])],
    timings,
    durationMs: Math.round(performance.now() - ctx.startedAt),
  };
}
