import { AbortedError } from './errors.js';
import type { ProgressListener, StageName } from './events.js';

export type RunStage = <T>(name: StageName, fn: () => Promise<T> | T) => Promise<T>;

/**
 * Runs pipeline stages with timing, start/end events and cancellation between stages; `verifyPatch`
 * and `runShard` share it so both report the same timings and stop at the same points.
 */
export function createStageTimer(opts: { signal?: AbortSignal | undefined; onEvent?: ProgressListener | undefined }): {
  stage: RunStage;
  timings: Partial<Record<StageName, number>>;
} {
  const timings: Partial<Record<StageName, number>> = {};
  const stage: RunStage = async (name, fn) => {
    if (opts.signal?.aborted) throw new AbortedError();
    opts.onEvent?.({ type: 'stage-start', stage: name });
    const t0 = performance.now();
    const out = await fn();
    timings[name] = Math.round(performance.now() - t0);
    opts.onEvent?.({ type: 'stage-end', stage: name, durationMs: timings[name] });
    if (opts.signal?.aborted) throw new AbortedError();
    return out;
  };
  return { stage, timings };
}
