import { completeStatic, runStatic, runStaticWithoutTypecheck, type StaticInput } from '../static/run-static.js';
import { defineStage, type PipelineContext, type PipelineState } from './context.js';
import { testSideMatcher } from '../suites/test-files.js';

/**
 * 4. Static evidence: the touched declarations and their change kinds, the type-check delta,
 * test tampering, blast radius and scope. Needs to know which files are tests: from the suite
 * runs, or (no suite run) from the settings.
 */
export const staticStage = defineStage({
  name: 'static',
  needs: ['snapshot', 'changes'],
  enabled: (ctx, { changes }) => changes.files.length > 0 && isTestFileOf(ctx, ctx.state) !== undefined,
  run: async (ctx, input) => ({ static: await runStatic(staticInput(ctx, input)) }),
});

/**
 * 4, beside tsc: stage 4 without the type-check delta, so that the probes and StrykerJS, which
 * need only the declarations and the blast radius, start when the suites are done rather than
 * when tsc is (on a real library tsc can take as long as the suites). `typecheckDeltaStage` then
 * completes the evidence, beside them.
 */
export const staticBesideTscStage = defineStage({
  ...staticStage,
  run: (ctx, input) => ({ static: runStaticWithoutTypecheck(staticInput(ctx, input)) }),
});

/** The type-check delta, once tsc is done, added to the static evidence (`staticBesideTscStage`). */
export const typecheckDeltaStage = defineStage({
  name: 'static',
  quiet: true,
  needs: ['snapshot', 'changes', 'static'],
  waitsFor: ['tsc'],
  run: async (ctx, input) => ({ static: await completeStatic(input.static, staticInput(ctx, input)) }),
});

function staticInput(ctx: PipelineContext, { snapshot, changes }: Pick<PipelineState, 'snapshot' | 'changes'>): StaticInput {
  const { settings, dirs } = ctx;
  return {
    snapshot,
    changes,
    isTestFile: isTestFileOf(ctx, ctx.state) as (file: string) => boolean,
    scope: settings.scope,
    typecheck: settings.typecheck,
    typecheckTimeoutMs: settings.typecheckTimeoutMs,
    tmpDir: dirs.tmp,
    signal: settings.signal,
    tsc: ctx.state.tsc,
    cache: ctx.state.cache,
  };
}

const noSuiteMatchers = new WeakMap<PipelineContext, (file: string) => boolean>();

/** Which files are tests: what the project's vitest collected and matches, else what the configuration says. */
export function isTestFileOf(ctx: PipelineContext, state: Partial<PipelineState>): ((file: string) => boolean) | undefined {
  if (state.matrix) return state.matrix.isTestFile;
  const { withoutSuites } = ctx.settings;
  if (!withoutSuites || !state.snapshot) return undefined;
  let matcher = noSuiteMatchers.get(ctx);
  if (!matcher) noSuiteMatchers.set(ctx, (matcher = testSideMatcher(withoutSuites.testFiles(state.snapshot), state.snapshot.repo.projectDir)));
  return matcher;
}
