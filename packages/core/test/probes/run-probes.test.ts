import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Descriptor } from '../../src/probes/arbitrary-descriptor.js';
import type { ProbeEvent, ProbePlan, ProbeTargetResult } from '../../src/probes/plan.js';
import { runProbes, type ModuleLoaders } from '../../src/probes/runtime/run-probes.js';
import { scaledMs } from '@patchprobe/test-utils';

// The probe runtime in this process, on in-memory modules: the searches, the realistic search
// and the re-timing of async calls, without a vitest of a project around them.
let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function probe(descriptor: Descriptor, before: (x: never) => unknown, after: (x: never) => unknown, callTimeoutMs = 500): Promise<ProbeTargetResult> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-run-probes-'));
  const plan: ProbePlan = {
    targets: [{ id: 'src/m.ts#f', module: 'src/m.ts', exportName: 'f', params: [{ name: 'x', optional: false, rest: false, descriptor }], recorded: [], seed: 42 }],
    runs: 100,
    callTimeoutMs,
    functionBudgetMs: 20_000,
    resultsFile: path.join(dir, 'results.jsonl'),
    hangFile: path.join(dir, 'hang.json'),
  };
  const planFile = path.join(dir, 'plan.json');
  fs.writeFileSync(planFile, JSON.stringify(plan));
  const loaders: ModuleLoaders = { 'src/m.ts': { before: async () => ({ f: before }), after: async () => ({ f: after }) } };
  await runProbes(planFile, loaders);
  const events = fs.readFileSync(plan.resultsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as ProbeEvent);
  const result = events.find((e): e is Extract<ProbeEvent, { type: 'result' }> => e.type === 'result');
  if (!result) throw new Error('no result');
  return result.result;
}

describe('runProbes: realistic inputs', () => {
  it('searches again on realistic inputs when the first counterexample is extreme, and keeps both', async () => {
    // NaN where the old version gave 0 for non-finite input (extreme), and an off-by-one on x > 100
    const r = await probe(
      { kind: 'number' },
      ((x: number) => (Number.isFinite(x) ? Math.round(x) : 0)) as never,
      ((x: number) => (Number.isFinite(x) ? Math.round(x) + (x > 100 ? 1 : 0) : Number.NaN)) as never,
    );
    expect(r.outcome).toBe('diverged');
    expect(r.counterexample).toMatchObject({ call: 'f(101)', divergence: 'value', search: 'realistic' });
    expect(r.counterexample?.extremes).toBeUndefined();
    expect(r.extremeCounterexample).toMatchObject({ divergence: 'degenerate', extremes: [expect.stringMatching(/^argument 1 is (NaN|-?Infinity)/)] });
  });

  it('keeps the extreme counterexample, marked, when realistic inputs show no divergence', async () => {
    const day = (d: Date) => d.getUTCDate();
    const r = await probe(
      { kind: 'date' },
      ((d: Date) => (Number.isNaN(d.getTime()) ? -1 : day(d))) as never,
      ((d: Date) => (Number.isNaN(d.getTime()) ? -1 : d.getUTCFullYear() > 200_000 ? Number.NaN : day(d))) as never,
    );
    expect(r.outcome).toBe('diverged');
    expect(r.counterexample).toMatchObject({ divergence: 'degenerate', search: 'all', extremes: [expect.stringMatching(/^argument 1 is a date in the year \d{6}/)] });
    expect(r.extremeCounterexample).toBeUndefined();
  });

  it('a realistic first counterexample needs no second search', async () => {
    const r = await probe({ kind: 'number' }, ((x: number) => x) as never, ((x: number) => (x === 0 ? Number.NaN : x)) as never);
    expect(r.counterexample).toMatchObject({ call: 'f(0)', divergence: 'degenerate', search: 'all' });
    expect(r.counterexample?.extremes).toBeUndefined();
  });
});

describe('runProbes: async calls past the timeout', () => {
  it('times an overrunning call again with a longer limit: slow once is not a hang', async () => {
    let slow = true;
    const r = await probe(
      { kind: 'integer', min: 0, max: 10 },
      (async (x: number) => x * 2) as never,
      (async (x: number) => {
        if (slow && x === 7) {
          slow = false;
          await new Promise((resolve) => setTimeout(resolve, 1_500));
        }
        return x + x;
      }) as never,
    );
    expect(slow).toBe(false);
    expect(r.outcome).toBe('equivalent');
  }, scaledMs(30_000));

  it('a call that never settles stays a timeout after the tries', async () => {
    const r = await probe({ kind: 'integer', min: 0, max: 10 }, (async (x: number) => x) as never, ((x: number) => (x === 3 ? new Promise(() => {}) : Promise.resolve(x))) as never, 200);
    expect(r.counterexample).toMatchObject({ call: 'f(3)', divergence: 'timeout' });
  }, scaledMs(60_000));
});
