import { describe, expect, it } from 'vitest';
import { hung, Retimer } from '../../src/probes/retime.js';
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

  it('steps over a call on which the old version hangs, twice: the next process runs the new version alone on it', () => {
    const r = new Retimer(1000);
    const before = (call: string): Hang => hang({ side: 'before', call });
    const again = r.retry(plan, before('f(0)'))!;
    expect(again).toEqual({ ...plan, callTimeoutMs: 3000 });
    const stepped = r.retry(again, before('f(0)'))!;
    expect(stepped).toEqual({ ...plan, callTimeoutMs: 3000, beforeHangs: ['f(0)'] });
    // a second call where the old version hangs (memory too) is stepped over without timing it again; a third is not
    const twice = r.retry(stepped, before('f(-1)'))!;
    expect(twice.beforeHangs).toEqual(['f(0)', 'f(-1)']);
    expect(r.retry(twice, before('f(-2)'))).toBeUndefined();
    expect(hung(twice, before('f(-2)'), r.limits(twice))).toMatchObject({ outcome: 'inconclusive', reason: expect.stringContaining('the old version does not return') });
  });

  it('calls a function inconclusive when the new version hangs on a call the old one hung on too', () => {
    const r = new Retimer(1000);
    const stepped: ProbeTargetPlan = { ...plan, callTimeoutMs: 3000, beforeHangs: ['f(0)'] };
    const both = hang({ side: 'after', call: 'f(0)' });
    expect(r.retry(stepped, both)).toBeUndefined();
    expect(hung(stepped, both, [1000, 3000])).toMatchObject({ outcome: 'inconclusive', reason: 'neither version returns within 3000 ms for f(0)' });
    // a hang of the new version on another call is still a hang
    expect(hung(stepped, hang({ call: 'f(1)' }), [1000, 3000])).toMatchObject({ outcome: 'diverged', counterexample: { divergence: 'hang' } });
  });
});
