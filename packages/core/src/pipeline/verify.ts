import { UsageError } from '../errors.js';
import { resolveOptions, type VerifyOptions } from '../options.js';
import type { Report } from '../report/report.js';
import { snapshotStage } from './1-snapshot.js';
import { diffStage } from './2-diff.js';
import { suitesStage } from './3-suites.js';
import { typecheckStage } from './3-typecheck.js';
import { staticBesideTscStage, typecheckDeltaStage } from './4-static.js';
import { probesStage } from './5-probes.js';
import { mutationStage } from './6-mutation.js';
import { verdictStage } from './7-verdict.js';
import { reportStage } from './8-report.js';
import { runPipeline } from './run-pipeline.js';

/**
 * Every stage, in order: the full verdict. tsc starts in the background, beside the suites, and
 * only the type-check delta waits for it; a group runs at the same time: the probes beside the
 * mutation probes (StrykerJS in its own copy) and the delta.
 */
export const VERIFY_STAGES = [
  snapshotStage,
  diffStage,
  { background: typecheckStage, produces: ['tsc'] },
  suitesStage,
  staticBesideTscStage,
  [probesStage, mutationStage, typecheckDeltaStage],
  verdictStage,
  reportStage,
] as const;

/**
 * Did the patch change behaviour, and did it change it for the worse?
 * Builds private before/after copies, runs the project's own vitest over the before/after matrix,
 * and returns a verdict with its evidence. Never prints, never exits, never writes to the user's
 * repository; throws PatchprobeError subclasses for bad input and setup problems.
 */
export async function verifyPatch(options: VerifyOptions = {}): Promise<Report> {
  const settings = resolveOptions(options);
  if (settings.shard) throw new UsageError('verifyPatch runs every suite run in full; a shard is run by runShard', 'call runShard({ ...options, shard }) per shard, then mergePartials on the results');
  return runPipeline(settings, VERIFY_STAGES, ({ state }) => state.report as Report);
}
