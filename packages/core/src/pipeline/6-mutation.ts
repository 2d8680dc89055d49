import { runMutationStage } from '../mutation/run-mutation-stage.js';
import type { StrykerPrestart } from '../mutation/run-stryker.js';
import { defineStage } from './context.js';

/** 6. Mutation probes: StrykerJS on the touched declarations — do the tests pin what the patch changed? */
export const mutationStage = defineStage({
  name: 'mutation',
  needs: ['snapshot', 'matrix', 'static'],
  enabled: (ctx) => ctx.settings.mutation,
  run: async ({ settings, dirs, prestarted }, { snapshot, matrix, static: staticEvidence }) => ({
    mutation: await runMutationStage({
      prestarted: takePrestarted(prestarted),
      snapshot,
      matrix,
      staticEvidence,
      maxMutants: settings.maxMutants,
      minScore: settings.minMutationScore,
      budgetMs: settings.mutationTimeoutMs,
      reportDir: settings.mutationReportDir,
      workDir: dirs.mutation,
      tmpDir: dirs.tmp,
      signal: settings.signal,
    }),
  }),
});

/** The StrykerJS child the suites stage started, now this stage's (it runs it or kills it). */
function takePrestarted(prestarted: { stryker?: StrykerPrestart | undefined }): StrykerPrestart | undefined {
  const child = prestarted.stryker;
  prestarted.stryker = undefined;
  return child;
}
