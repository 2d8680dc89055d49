import fs from 'node:fs';
import path from 'node:path';
import { AbortedError, InternalError, isPatchprobeError } from '../errors.js';
import { createTempWorkspace } from '../snapshot/temp-workspace.js';
import { sweepStaleWorkspaces } from '../snapshot/stale-workspaces.js';
import type { StageName } from '../events.js';
import type { PipelineContext, PipelineSettings, PipelineState, Stage, StateKey } from './context.js';
import { settleAll } from '../process/settle-all.js';

/** A stage with any needs: `run` accepts the whole state, which has every key a stage may need. */
export type AnyStage = Stage<StateKey>;
/** One stage, or stages that run at the same time. */
export type PipelineStep = AnyStage | readonly AnyStage[];

/**
 * Runs `stages` in order in a private workspace and hands what they produced to `finish`. The
 * one place a run is timed, cancelled and cleaned up: a stage starts only when the signal is not
 * aborted and its needs are present; an abort at any point is AbortedError; an unexpected error
 * is InternalError (patchprobe's own errors pass through); the workspace is removed whatever
 * happens (unless the settings keep it).
 */
export async function runPipeline<T>(
  settings: PipelineSettings,
  stages: readonly PipelineStep[],
  finish: (ctx: PipelineContext) => T | Promise<T>,
): Promise<T> {
  const startedAt = performance.now();
  const { signal, onEvent } = settings;
  const workspace = createTempWorkspace(settings.keepTemp);
  onEvent?.({ type: 'workspace', dir: workspace.dir, kept: settings.keepTemp });
  // Beside the run, not before it: removing a dead run's copies costs disk time, not the verdict's.
  const sweep = sweepStaleWorkspaces().then((r) => {
    if (r.removed > 0) onEvent?.({ type: 'stale-workspaces-removed', count: r.removed, bytes: r.bytes });
  });
  const dirs = {
    runs: path.join(workspace.dir, 'runs'),
    tmp: path.join(workspace.dir, 'tmp'),
    probes: path.join(workspace.dir, 'probes'),
    mutation: path.join(workspace.dir, 'mutation'),
  };
  const ctx: PipelineContext = { settings, workspace, dirs, state: {}, timings: {}, startedAt, hosts: {} };
  const { timings } = ctx;
  try {
    fs.mkdirSync(dirs.runs, { recursive: true });
    fs.mkdirSync(dirs.tmp, { recursive: true });
    for (const step of stages) {
      // A group's stages need only what came before the group, and write different state keys:
      // they run at the same time (the probes and StrykerJS each wait on their own processes).
      const group = (Array.isArray(step) ? step : [step]) as readonly AnyStage[];
      const ready = group.flatMap((stage) => {
        const input = inputOf(ctx.state, stage.needs);
        return input && (!stage.enabled || stage.enabled(ctx, input)) ? [{ stage, input }] : [];
      });
      if (ready.length === 0) continue;
      if (signal?.aborted) throw new AbortedError();
      const outputs = await runGroup(ctx, ready);
      // In the stage list's order, whichever ended first: the report's timings read in pipeline order.
      for (const { name, state, durationMs } of outputs) {
        timings[name] = durationMs;
        Object.assign(ctx.state, state);
      }
      if (signal?.aborted) throw new AbortedError();
    }
    return await finish(ctx);
  } catch (error) {
    if (signal?.aborted) throw new AbortedError();
    if (isPatchprobeError(error)) throw error;
    throw new InternalError(error instanceof Error ? error.message : String(error), error);
  } finally {
    // Before the copies go: a host still running works in one.
    await ctx.hosts.after?.close();
    await workspace.dispose();
    await sweep;
  }
}

/**
 * Runs stages at the same time. One that fails stops its siblings (their children are killed at
 * once) rather than letting them run to their time limits; the first failure is the one thrown.
 */
async function runGroup(ctx: PipelineContext, ready: ReadonlyArray<{ stage: AnyStage; input: PipelineState }>): Promise<Array<{ name: StageName; state: Partial<PipelineState>; durationMs: number }>> {
  const { signal, onEvent } = ctx.settings;
  const group = new AbortController();
  const stop = (): void => group.abort();
  signal?.addEventListener('abort', stop, { once: true });
  const groupCtx: PipelineContext = ready.length > 1 ? { ...ctx, settings: { ...ctx.settings, signal: group.signal } } : ctx;
  let firstFailure: { error: unknown } | undefined;
  try {
    return await settleAll(
      ready.map(async ({ stage, input }) => {
        onEvent?.({ type: 'stage-start', stage: stage.name });
        const t0 = performance.now();
        try {
          const state = await stage.run(groupCtx, input);
          const durationMs = Math.round(performance.now() - t0);
          onEvent?.({ type: 'stage-end', stage: stage.name, durationMs });
          return { name: stage.name, state, durationMs };
        } catch (error) {
          firstFailure ??= { error };
          group.abort();
          throw error;
        }
      }),
    );
  } catch (error) {
    throw firstFailure ? firstFailure.error : error;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

/**
 * The stage's input, or undefined when something it needs was not produced. The stage reads only
 * the keys it `needs` (its type says so), and those are checked present here.
 */
function inputOf(state: Partial<PipelineState>, needs: readonly StateKey[]): PipelineState | undefined {
  for (const key of needs) if (state[key] === undefined) return undefined;
  return state as PipelineState;
}
