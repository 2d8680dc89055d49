import { describe, expect, it } from 'vitest';
import { SetupError } from '../../src/errors.js';
import type { ProgressEvent, StageName } from '../../src/events.js';
import { resolveOptions } from '../../src/options/resolve.js';
import { defineStage, type PipelineContext } from '../../src/pipeline/context.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { scaledMs } from '@patchprobe/test-utils';

// The pipeline runner's groups (issue 18): stages listed together run at the same time, their
// timings read in list order, and one that fails stops its siblings at once and is the error thrown.
const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('aborted by the group'));
    });
  });

function settings(events: ProgressEvent[]) {
  return { ...resolveOptions({}), onEvent: (e: ProgressEvent) => events.push(e) };
}

/** A stage that fails after 20 ms with a SetupError. */
const failingStage = (name: StageName, message = 'vitest could not run the base version') =>
  defineStage({
    name,
    needs: [],
    run: async () => {
      await wait(20);
      throw new SetupError('PP_VITEST_FAILED', message, { hint: 'fix it' });
    },
  });

/** A stage that runs for a minute unless its signal stops it; `stopped()` says whether it did. */
function longStage(name: StageName) {
  let stopped = false;
  const stage = defineStage({
    name,
    needs: [],
    run: async (ctx) => {
      await wait(60_000, ctx.settings.signal).catch((e: unknown) => {
        stopped = true;
        throw e;
      });
      return {};
    },
  });
  return { stage, stopped: () => stopped };
}

describe('runPipeline with a group of stages', () => {
  it('runs the group at the same time and keeps the timings in list order', async () => {
    const events: ProgressEvent[] = [];
    const first = defineStage({ name: 'snapshot', needs: [], run: () => ({}) });
    const slow = defineStage({ name: 'probes', needs: [], run: async () => (await wait(300), {}) });
    const fast = defineStage({ name: 'mutation', needs: [], run: async () => (await wait(20), {}) });
    const started = performance.now();
    const timings = await runPipeline(settings(events), [first, [slow, fast]], (ctx: PipelineContext) => ctx.timings);
    expect(performance.now() - started).toBeLessThan(300 + 250);
    expect(Object.keys(timings)).toEqual(['snapshot', 'probes', 'mutation']);
    const order = events.filter((e) => e.type === 'stage-start' || e.type === 'stage-end').map((e) => `${e.type}:${'stage' in e ? e.stage : ''}`);
    expect(order).toEqual(['stage-start:snapshot', 'stage-end:snapshot', 'stage-start:probes', 'stage-start:mutation', 'stage-end:mutation', 'stage-end:probes']);
  });

  it('stops the siblings of a stage that fails and throws its error, not theirs', async () => {
    const failing = failingStage('suites');
    const long = longStage('typecheck');
    const started = performance.now();
    await expect(runPipeline(settings([]), [[failing, long.stage]], () => 'unreachable')).rejects.toMatchObject({ code: 'PP_VITEST_FAILED' });
    expect(long.stopped()).toBe(true);
    expect(performance.now() - started).toBeLessThan(scaledMs(5_000));
  });
});

// A background stage (the type-check: tsc can take as long as the suites) runs beside the steps
// after it; only a stage that reads its keys waits for it, and its failure is the run's failure.
describe('runPipeline with a stage in the background', () => {
  const tscOutcome = { status: 'skipped' as const, reason: 'test' };

  it('runs the steps after it meanwhile, and holds back only the stage that reads its keys', async () => {
    const events: ProgressEvent[] = [];
    const log: string[] = [];
    const tsc = defineStage({ name: 'typecheck', needs: [], run: async () => (await wait(300), log.push('tsc done'), { tsc: tscOutcome }) });
    const suites = defineStage({ name: 'suites', needs: [], run: async () => (await wait(20), log.push('suites done'), {}) });
    const probes = defineStage({ name: 'probes', needs: [], run: async () => (await wait(20), log.push('probes done'), {}) });
    const delta = defineStage({ name: 'static', quiet: true, needs: [], waitsFor: ['tsc'], run: (ctx) => (log.push(`delta saw ${ctx.state.tsc?.status}`), {}) });
    const timings = await runPipeline(settings(events), [{ background: tsc, produces: ['tsc'] }, suites, [probes, delta]], (ctx: PipelineContext) => ctx.timings);
    expect(log).toEqual(['suites done', 'probes done', 'tsc done', 'delta saw skipped']);
    // the quiet stage is neither timed nor announced
    expect(Object.keys(timings)).toEqual(['typecheck', 'suites', 'probes']);
    expect(timings.typecheck).toBeGreaterThanOrEqual(250);
    expect(events.filter((e) => e.type === 'stage-start').map((e) => ('stage' in e ? e.stage : ''))).toEqual(['typecheck', 'suites', 'probes']);
  });

  it('fails the run with its error, when a later stage waits for it or at the end', async () => {
    const failing = failingStage('typecheck', 'tsc broke');
    const after = defineStage({ name: 'suites', needs: [], run: async () => (await wait(100), {}) });
    await expect(runPipeline(settings([]), [{ background: failing, produces: ['tsc'] }, after], () => 'unreachable')).rejects.toMatchObject({ message: 'tsc broke' });
  });

  it('is stopped, and waited for, when the run fails first', async () => {
    const long = longStage('typecheck');
    const failing = failingStage('suites');
    const started = performance.now();
    await expect(runPipeline(settings([]), [{ background: long.stage, produces: ['tsc'] }, failing], () => 'unreachable')).rejects.toMatchObject({ code: 'PP_VITEST_FAILED' });
    // stopped before runPipeline returned, not left running in the copies
    expect(long.stopped()).toBe(true);
    expect(performance.now() - started).toBeLessThan(scaledMs(5_000));
  });
});
