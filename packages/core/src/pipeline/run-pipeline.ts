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
/**
 * A stage that starts when the pipeline reaches it and runs beside the steps after it; a later
 * stage that needs one of the keys it `produces` waits for it (the type-check, whose tsc can take
 * as long as the suites and is needed only by the type-check delta, not by the probes).
 */
export interface BackgroundStep {
  background: AnyStage;
  produces: readonly StateKey[];
}
/** One stage, stages that run at the same time, or a stage in the background. */
export type PipelineStep = AnyStage | readonly AnyStage[] | BackgroundStep;

const isBackground = (step: PipelineStep): step is BackgroundStep => 'background' in step;

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
  const ctx: PipelineContext = { settings, workspace, dirs, state: {}, timings: {}, startedAt, hosts: {}, prestarted: {} };
  const { timings } = ctx;
  // Background stages: stopped when the run ends early, awaited before the copies go.
  const background = new Background(ctx);
  try {
    fs.mkdirSync(dirs.runs, { recursive: true });
    fs.mkdirSync(dirs.tmp, { recursive: true });
    for (const step of stages) {
      if (isBackground(step)) {
        background.start(step);
        continue;
      }
      // A group's stages need only what came before the group (or a background stage's keys,
      // waited for), and write different state keys: they run at the same time (the probes and
      // StrykerJS each wait on their own processes).
      const group = (Array.isArray(step) ? step : [step]) as readonly AnyStage[];
      if (signal?.aborted) throw new AbortedError();
      const outputs = await runGroup(ctx, group, background);
      // In the stage list's order, whichever ended first: the report's timings read in pipeline order.
      for (const { name, state, durationMs } of outputs) {
        if (name !== undefined) timings[name] = durationMs;
        Object.assign(ctx.state, state);
      }
      if (signal?.aborted) throw new AbortedError();
    }
    await background.settle('all');
    return await finish(ctx);
  } catch (error) {
    if (signal?.aborted) throw new AbortedError();
    if (isPatchprobeError(error)) throw error;
    throw new InternalError(error instanceof Error ? error.message : String(error), error);
  } finally {
    await background.stop();
    // Before the copies go: a host still running works in one.
    await ctx.hosts.after?.close();
    ctx.prestarted.stryker?.group.kill();
    await workspace.dispose();
    await sweep;
  }
}

/**
 * Runs stages at the same time. Each first waits for the background stages it reads from, then
 * starts if its needs are present and it is enabled (else it is skipped, untimed). One that fails
 * stops its siblings (their children are killed at once) rather than letting them run to their
 * time limits; the first failure is the one thrown.
 */
async function runGroup(ctx: PipelineContext, group: readonly AnyStage[], background: Background): Promise<Array<{ name: StageName | undefined; state: Partial<PipelineState>; durationMs: number }>> {
  const { signal, onEvent } = ctx.settings;
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  signal?.addEventListener('abort', stop, { once: true });
  const groupCtx: PipelineContext = group.length > 1 ? { ...ctx, settings: { ...ctx.settings, signal: controller.signal } } : ctx;
  let firstFailure: { error: unknown } | undefined;
  try {
    const outputs = await settleAll(
      group.map(async (stage) => {
        try {
          await background.settle([...stage.needs, ...(stage.waitsFor ?? [])]);
          const input = inputOf(ctx.state, stage.needs);
          if (!input || (stage.enabled && !stage.enabled(ctx, input))) return undefined;
          if (groupCtx.settings.signal?.aborted) throw new AbortedError();
          const quiet = stage.quiet === true;
          if (!quiet) onEvent?.({ type: 'stage-start', stage: stage.name });
          const t0 = performance.now();
          const state = await stage.run(groupCtx, input);
          const durationMs = Math.round(performance.now() - t0);
          if (!quiet) onEvent?.({ type: 'stage-end', stage: stage.name, durationMs });
          return { name: quiet ? undefined : stage.name, state, durationMs };
        } catch (error) {
          firstFailure ??= { error };
          controller.abort();
          throw error;
        }
      }),
    );
    return outputs.filter((o) => o !== undefined);
  } catch (error) {
    throw firstFailure ? firstFailure.error : error;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

/**
 * The background stages of a run. Each gets its own abort signal (the run's, and the end of the
 * run): a run that fails or ends while tsc still works must not leave it writing in the copies.
 * Its failure is the run's failure, thrown where a stage waits for its keys (or at the end).
 */
class Background {
  private readonly running: Array<{ produces: readonly StateKey[]; done: Promise<void> }> = [];
  private readonly controller = new AbortController();
  private readonly ctx: PipelineContext;

  constructor(ctx: PipelineContext) {
    this.ctx = ctx;
    const outer = ctx.settings.signal;
    if (outer?.aborted) this.controller.abort();
    else outer?.addEventListener('abort', () => this.controller.abort(), { once: true });
  }

  start(step: BackgroundStep): void {
    const { ctx } = this;
    const stage = step.background;
    const input = inputOf(ctx.state, stage.needs);
    if (!input || (stage.enabled && !stage.enabled(ctx, input))) return;
    const stageCtx: PipelineContext = { ...ctx, settings: { ...ctx.settings, signal: this.controller.signal } };
    const { onEvent } = ctx.settings;
    onEvent?.({ type: 'stage-start', stage: stage.name });
    // Its place in the timings is where it starts: they read in pipeline order, whenever it ends.
    ctx.timings[stage.name] = 0;
    const t0 = performance.now();
    const done = (async () => {
      const state = await stage.run(stageCtx, input);
      const durationMs = Math.round(performance.now() - t0);
      onEvent?.({ type: 'stage-end', stage: stage.name, durationMs });
      ctx.timings[stage.name] = durationMs;
      Object.assign(ctx.state, state);
    })();
    // Seen here, thrown by settle: a failure before anything waits is not an unhandled rejection.
    done.catch(() => undefined);
    this.running.push({ produces: step.produces, done });
  }

  /** Waits for the background stages that produce any of `keys` (all of them: 'all'). */
  async settle(keys: readonly StateKey[] | 'all'): Promise<void> {
    const wanted = this.running.filter((r) => keys === 'all' || r.produces.some((k) => keys.includes(k)));
    for (const r of wanted) await r.done;
  }

  /** Stops what still runs, and waits until it has stopped. */
  async stop(): Promise<void> {
    this.controller.abort();
    await Promise.all(this.running.map((r) => r.done.catch(() => undefined)));
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
