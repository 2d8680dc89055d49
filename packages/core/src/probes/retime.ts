import { crashLine } from '../suites/run-vitest.js';
import { retimeLimitMs, type ProbeEvent, type ProbeTargetPlan, type ProbeTargetResult } from './plan.js';

// The results execute.ts gives a function whose probe process stopped (a hang, a crash) or never
// ran, and the re-timing of a synchronous call that overran the call timeout.

export function baseResult(t: ProbeTargetPlan): Omit<ProbeTargetResult, 'outcome'> {
  return { id: t.id, runs: 0, seed: t.seed, async: false, inputs: { derived: true, complete: false, recorded: t.recorded.length }, durationMs: 0 };
}

export function inconclusive(t: ProbeTargetPlan, reason: string): ProbeTargetResult {
  return { ...baseResult(t), outcome: 'inconclusive', reason };
}

type Hang = Extract<ProbeEvent, { type: 'hang' }>;

/** Fresh-process tries of a function after a synchronous call overran the call timeout (each costs a vitest start). */
const SYNC_RETIME_TRIES = 1;
/** Calls on which the old version hangs that a function's probe steps over, each in a fresh process. */
const MAX_BEFORE_HANGS = 2;

/**
 * A synchronous call that overruns the call timeout ends the probe process (the watchdog), so it
 * is timed again by probing its function once more, from the same seed, in a fresh process with
 * a longer limit (plan.ts retimeLimitMs): a slower, correct version on a loaded machine finishes
 * then, and its results are compared as usual. A hang that holds on an input at a type extreme
 * gets one more run on realistic inputs only: a hang there is a regression; otherwise the extreme
 * one is reported beside that run's result (a warning, runtime/realistic.ts).
 */
export class Retimer {
  readonly #hangs = new Map<string, Hang[]>();
  readonly #extreme = new Map<string, { hang: Hang; limits: number[] }>();
  readonly callTimeoutMs: number;

  constructor(callTimeoutMs: number) {
    this.callTimeoutMs = callTimeoutMs;
  }

  /** The next plan for a function that just hung, or undefined when the hang holds. */
  retry(t: ProbeTargetPlan, hang: Hang): ProbeTargetPlan | undefined {
    // The new version hangs where the old one did too: nothing to compare (hung() says so).
    if (t.beforeHangs?.includes(hang.call)) return undefined;
    if (hang.reason === 'memory' && hang.side === 'after') return undefined;
    const seen = [...(this.#hangs.get(t.id) ?? []), hang];
    this.#hangs.set(t.id, seen);
    const longer = retimeLimitMs(this.callTimeoutMs);
    if (hang.reason !== 'memory' && seen.length <= SYNC_RETIME_TRIES) return { ...t, callTimeoutMs: longer };
    // The old version does not return on this call: the next process runs the new one alone on it
    // (a fix of an endless loop, radashi 214ce5dc), a few calls at most, each a process.
    if (hang.side === 'before' && (t.beforeHangs?.length ?? 0) < MAX_BEFORE_HANGS) {
      return { ...t, callTimeoutMs: longer, beforeHangs: [...(t.beforeHangs ?? []), hang.call] };
    }
    if (hang.side === 'after' && hang.extremes && !t.realisticOnly) {
      this.#extreme.set(t.id, { hang, limits: this.limits(t) });
      return { ...t, callTimeoutMs: longer, realisticOnly: true };
    }
    return undefined;
  }

  /** The limits a function's calls were given so far: the call timeout, then the longer one per retry. */
  limits(t: ProbeTargetPlan): number[] {
    const n = (this.#hangs.get(t.id) ?? []).length;
    return [this.callTimeoutMs, ...Array.from({ length: Math.max(0, n - 1) }, () => retimeLimitMs(this.callTimeoutMs))];
  }

  /** A function's final result, with the hang at a type extreme that its realistic run followed, if any. */
  complete(r: ProbeTargetResult): ProbeTargetResult {
    const x = this.#extreme.get(r.id);
    if (!x) return r;
    const ce = hangCounterexample(x.hang, x.limits);
    if (r.outcome === 'diverged' && r.counterexample && !r.counterexample.extremes) return { ...r, extremeCounterexample: ce };
    if (r.outcome === 'equivalent' || r.outcome === 'diverged') {
      const { extremeCounterexample: _, ...rest } = r;
      return { ...rest, outcome: 'diverged', counterexample: ce };
    }
    return { ...r, extremeCounterexample: ce };
  }
}

function hangText(memory: boolean, limits: readonly number[]): string {
  if (memory) return 'grows the process by more than 1 GB of memory (stopped)';
  const [first, ...again] = limits;
  const retimed = again.length === 0 ? '' : `, nor within ${again[again.length - 1]} ms when timed again${again.length > 1 ? ` ${again.length} times` : ''}`;
  return `does not return within ${first} ms${retimed} (stopped)`;
}

function hangCounterexample(hang: Hang, limits: readonly number[]): NonNullable<ProbeTargetResult['counterexample']> {
  const memory = hang.reason === 'memory';
  const last = limits[limits.length - 1];
  return {
    call: hang.call,
    argsText: [],
    before: 'returns',
    after: hangText(memory, limits),
    afterBehaviour: { kind: 'timeout' },
    divergence: 'hang',
    divergenceReason: memory ? 'after runs out of memory where before returned' : `after does not return within ${last} ms (a synchronous loop that never ends?) where before returned`,
    search: 'all',
    shrinks: 0,
    ...(hang.extremes && hang.extremes.length > 0 ? { extremes: hang.extremes } : {}),
  };
}

export function hung(t: ProbeTargetPlan, hang: Hang, limits: readonly number[]): ProbeTargetResult {
  if (t.beforeHangs?.includes(hang.call)) return inconclusive(t, `neither version returns within ${limits[limits.length - 1]} ms for ${hang.call}`);
  if (hang.side === 'before') return inconclusive(t, `the old version ${hangText(hang.reason === 'memory', limits)} for ${hang.call}`);
  return { ...baseResult(t), outcome: 'diverged', counterexample: hangCounterexample(hang, limits) };
}

export function died(t: ProbeTargetPlan, run: { exitCode: number | undefined; stderr: string; stdout: string; timedOut: boolean }): ProbeTargetResult {
  const why = run.timedOut ? 'the probe run timed out' : crashLine(run.stderr + '\n' + run.stdout, run.exitCode);
  return inconclusive(t, `the probe process died while probing this function (out of memory, or process.exit?): ${why}`);
}

