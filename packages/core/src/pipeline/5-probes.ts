import path from 'node:path';
import { runProbeStage } from '../probes/run-probe-stage.js';
import { resolveProjectVitest } from '../suites/resolve-vitest.js';
import type { MatrixResult } from '../suites/matrix.js';
import { defineStage, type PipelineContext, type PipelineState } from './context.js';
import { isTestFileOf } from './4-static.js';

/** 5. Property probes: the before and after versions of every semantically changed function on the same generated inputs. */
export const probesStage = defineStage({
  name: 'probes',
  needs: ['snapshot', 'changes', 'static'],
  enabled: (ctx, input) => ctx.settings.probes && (ctx.state.comparison !== undefined || withoutSuites(ctx, input)),
  run: async (ctx, input) => {
    const { settings, dirs } = ctx;
    const { matrix, comparison } = suitesFor(ctx, input);
    // The after tree's warm vitest, lent by the suites: the probes are its last use.
    const host = ctx.hosts.after;
    ctx.hosts.after = undefined;
    // Without suites, an inspect session's kept processes (not closed here: the session's).
    const session = host === undefined && settings.session ? settings.session : undefined;
    const [sessionRecord, sessionProbe] = session
      ? await Promise.all([session.host('record', matrix.vitest, input.snapshot.repo.root), session.host('probe', matrix.vitest, input.snapshot.repo.root)])
      : [undefined, undefined];
    try {
      return {
        probes: await runProbeStage({
          snapshot: input.snapshot,
          changes: input.changes,
          matrix,
          comparison,
          staticEvidence: input.static,
          runs: settings.probeRuns,
          callTimeoutMs: settings.probeTimeoutMs,
          seed: settings.probeSeed,
          suiteTimeoutMs: settings.suiteTimeoutMs,
          workDir: dirs.probes,
          tmpDir: dirs.tmp,
          signal: settings.signal,
          host: host ?? sessionProbe,
          recordHost: host ?? sessionRecord,
          quickRecord: ctx.state.matrix === undefined,
        }),
      };
    } finally {
      await host?.close();
    }
  },
});

/**
 * Without a suite run (the plugin's live inspection) the probes need only the project's vitest
 * and which files are tests, and run only when a declaration changed in meaning.
 */
function withoutSuites(ctx: PipelineContext, input: Pick<PipelineState, 'static'>): boolean {
  return ctx.state.matrix === undefined && ctx.settings.withoutSuites !== undefined && input.static.declarations.some((d) => d.change === 'semantic');
}

function suitesFor(ctx: PipelineContext, input: Pick<PipelineState, 'snapshot'>): Pick<PipelineState, 'matrix' | 'comparison'> {
  const { matrix, comparison } = ctx.state;
  if (matrix && comparison) return { matrix, comparison };
  const { snapshot } = input;
  const isTestFile = isTestFileOf(ctx, ctx.state) as (file: string) => boolean;
  const afterProject = path.join(snapshot.afterTree.root, snapshot.repo.projectDir);
  const noSuite: MatrixResult = { vitest: resolveProjectVitest(afterProject, ctx.settings.cwd), runs: [], testFiles: { added: [], edited: [], deleted: [] }, isTestFile };
  return { matrix: noSuite, comparison: { changes: [], findings: [] } };
}
