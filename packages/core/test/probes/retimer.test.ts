import { describe, expect, it } from 'vitest';
import { Retimer } from '../../src/probes/retime.js';
import type { Counterexample, ProbeEvent, ProbeTargetPlan, ProbeTargetResult } from '../../src/probes/plan.js';

type Hang = Extract<ProbeEvent, { type: 'hang' }>;
const plan: ProbeTargetPlan = { id: 'src/a.ts#f', module: 'src/a.ts', exportName: 'f', params: [], recorded: [], seed: 1 };
const hang = (over: Partial<Hang> = {}): Hang => ({ type: 'hang', id: plan.id, side: 'after', call: 'f(1)', reason: 'time', ...over });
const result = (over: Partial<ProbeTargetResult>): ProbeTargetResult => ({ id: plan.id, outcome: 'equivalent', runs: 200, seed: 1, async: false, inputs: { derived: true, complete: true, recorded: 0 }, durationMs: 1, ...over });

describe(Retimer.name, () => {
  it('times a hung function again once, in a fresh process with the longer limit, then calls it a hang', () => {
    const r = new Retimer(1000);
    const again = r.retry(plan, hang());
    expect(again).toEqual({ ...plan, callTimeoutMs: 3000 });
    expect(r.retry(again!, hang())).toBeUndefined();
    expect(r.limits(plan)).toEqual([1000, 3000]);
  });

  it('does not time runaway memory again', () => {
    expect(new Retimer(1000).retry(plan, hang({ reason: 'memory' }))).toBeUndefined();
  });

  it('uses at least 2 s more than a short timeout', () => {
    expect(new Retimer(300).retry(plan, hang())?.callTimeoutMs).toBe(2300);
  });

  it('leaves the result of a retry that finished alone: the slow call was not a hang', () => {
    const r = new Retimer(1000);
    r.retry(plan, hang());
    const done = result({});
    expect(r.complete(done)).toBe(done);
  });

  it('after a hang that holds at a type extreme, runs realistic inputs only and reports the hang beside that result as extreme', () => {
    const r = new Retimer(1000);
    const extreme = hang({ call: 'f(NaN)', extremes: ['argument 1 is NaN'] });
    const again = r.retry(plan, extreme)!;
    const realistic = r.retry(again, extreme);
    expect(realistic).toEqual({ ...plan, callTimeoutMs: 3000, realisticOnly: true });
    const merged = r.complete(result({ outcome: 'equivalent' }));
    expect(merged.outcome).toBe('diverged');
    expect(merged.counterexample).toMatchObject({ call: 'f(NaN)', divergence: 'hang', extremes: ['argument 1 is NaN'] });
    expect(merged.counterexample?.after).toBe('does not return within 1000 ms, nor within 3000 ms when timed again (stopped)');
    // a realistic hang in that run is a hang
    expect(r.retry(realistic!, hang())).toBeUndefined();
  });

  it('keeps a realistic divergence as the counterexample, the extreme hang beside it', () => {
    const r = new Retimer(1000);
    const extreme = hang({ call: 'f(NaN)', extremes: ['argument 1 is NaN'] });
    r.retry(r.retry(plan, extreme)!, extreme);
    const ce: Counterexample = { call: 'f(2)', argsText: ['2'], before: 'returns 2', after: 'returns 3', afterBehaviour: { kind: 'returned', valueText: '3' }, divergence: 'value', divergenceReason: '', search: 'all', shrinks: 0 };
    const merged = r.complete(result({ outcome: 'diverged', counterexample: ce }));
    expect(merged.counterexample).toBe(ce);
    expect(merged.extremeCounterexample).toMatchObject({ call: 'f(NaN)', divergence: 'hang' });
  });
});
