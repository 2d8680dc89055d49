import { describe, expect, it } from 'vitest';
import { isDeliberateThrow } from '../../src/probes/deliberate-throw.js';
import { probeFindings, shortPath } from '../../src/probes/findings.js';
import type { Counterexample, ProbeTargetResult } from '../../src/probes/plan.js';
import type { ProbeTarget } from '../../src/probes/targets.js';

describe(isDeliberateThrow.name, () => {
  const te = (message: string) => ({ name: 'TypeError', message });

  it('takes a throw of any class the patch added, matched by class and literal message', () => {
    expect(isDeliberateThrow(te('must be finite'), "  if (!Number.isFinite(x)) throw new TypeError('must be finite');")).toBe(true);
    expect(isDeliberateThrow(te('must be finite'), 'throw new TypeError(\n  "must be finite",\n);')).toBe(true);
    expect(isDeliberateThrow(te('amount must be finite, got NaN'), 'throw new TypeError(`amount must be finite, got ${x}`);')).toBe(true);
    expect(isDeliberateThrow(te('not a number: abc'), "throw new TypeError('not a number: ' + s);")).toBe(true);
    expect(isDeliberateThrow(te("can't be empty"), "throw TypeError('can\\'t be empty');")).toBe(true);
    expect(isDeliberateThrow({ name: 'RangeError', message: 'x' }, 'return Promise.reject(new RangeError("x"));')).toBe(true);
    // a message the code computes: the class decides
    expect(isDeliberateThrow(te('bad input'), 'throw new TypeError(messageFor(x));')).toBe(true);
  });

  it('does not take an engine error for the throw the patch added', () => {
    const crash = te("Cannot read properties of undefined (reading '0')");
    expect(isDeliberateThrow(crash, "throw new TypeError('must be finite');")).toBe(false);
    expect(isDeliberateThrow(crash, "throw new RangeError('x');")).toBe(false);
    expect(isDeliberateThrow(crash, '')).toBe(false);
    // a rethrow or a helper: deliberate only for a message the engine does not write
    expect(isDeliberateThrow(crash, 'catch (e) { log(e); throw e; }')).toBe(false);
    expect(isDeliberateThrow(te('must be finite'), 'throw invalid(x);')).toBe(true);
    expect(isDeliberateThrow({ name: 'Error', message: 'process.exit(1) called' }, 'throw err;')).toBe(false);
  });

  it('matches the class by its last name and the message from the start', () => {
    expect(isDeliberateThrow({ name: 'ValidationError', message: 'no' }, "throw new errors.ValidationError('no');")).toBe(true);
    expect(isDeliberateThrow(te('xmust be finite'), "throw new TypeError('must be finite');")).toBe(false);
  });
});

const target: ProbeTarget = { id: 'src/a.ts#f', file: 'src/a.ts', exportName: 'f', covers: ['src/a.ts#f'], params: [] };

function ce(over: Partial<Counterexample>): Counterexample {
  return {
    call: 'f(1)',
    argsText: ['1'],
    before: 'returns 1',
    after: 'throws TypeError: must be finite',
    afterBehaviour: { kind: 'threw', errorName: 'TypeError', message: 'must be finite' },
    divergence: 'crash',
    divergenceReason: '',
    search: 'all',
    shrinks: 0,
    ...over,
  };
}

function findings(result: Partial<ProbeTargetResult>, added: string[] = [], expecting?: string) {
  const r: ProbeTargetResult = { id: target.id, outcome: 'diverged', runs: 10, seed: 1, async: false, inputs: { derived: true, complete: true, recorded: 0 }, durationMs: 1, ...result };
  return probeFindings({ targets: [target], results: [r], uncovered: [], addedLines: () => added, expectingTest: () => expecting, lineOf: () => 3 }).map((f) => ({
    kind: f.kind,
    severity: f.severity,
    message: f.message,
  }));
}

describe('probe findings: deliberate throws', () => {
  it('a TypeError from a throw the patch added is new validation, not a crash', () => {
    const out = findings({ counterexample: ce({}) }, ["  if (!Number.isFinite(x)) throw new TypeError('must be finite');"]);
    expect(out).toEqual([expect.objectContaining({ kind: 'probe-new-validation', severity: 'warning' })]);
  });

  it('an engine TypeError stays a crash even when the patch added a throw elsewhere', () => {
    const crash = ce({ after: "throws TypeError: Cannot read properties of undefined (reading '0')", afterBehaviour: { kind: 'threw', errorName: 'TypeError', message: "Cannot read properties of undefined (reading '0')" } });
    expect(findings({ counterexample: crash }, ["throw new TypeError('must be finite');"])).toEqual([expect.objectContaining({ kind: 'probe-crash', severity: 'error' })]);
    expect(findings({ counterexample: crash })).toEqual([expect.objectContaining({ kind: 'probe-crash', severity: 'error' })]);
  });

  it('a TypeError the patch did not add stays a crash', () => {
    expect(findings({ counterexample: ce({}) })).toEqual([expect.objectContaining({ kind: 'probe-crash', severity: 'error' })]);
  });
});

describe('probe findings: realistic inputs', () => {
  const degenerate = (extremes?: string[]) =>
    ce({
      call: 'addMonths(new Date("+275760-08-01T00:00:00.000Z"), 1)',
      after: 'returns new Date(NaN)',
      afterBehaviour: { kind: 'returned', valueText: 'new Date(Number.NaN)' },
      divergence: 'degenerate',
      ...(extremes ? { extremes } : {}),
    });

  it('a break on a realistic input is an error', () => {
    expect(findings({ counterexample: degenerate() })).toEqual([expect.objectContaining({ kind: 'probe-degenerate', severity: 'error' })]);
  });

  it('a break only at type extremes is a warning that says so, and still a change (probe-diverged)', () => {
    const out = findings({ counterexample: degenerate(['argument 1 is a date in the year 275760 (realistic: 1000–3000)']) });
    expect(out.map((f) => [f.kind, f.severity])).toEqual([
      ['probe-degenerate', 'warning'],
      ['probe-diverged', 'info'],
    ]);
    expect(out[0]!.message).toMatch(/only at type extremes \(argument 1 is a date in the year 275760/);
  });

  it('a realistic counterexample decides; the extreme one it replaced is a warning beside it', () => {
    const realistic = ce({ call: 'addMonths(new Date("2024-01-31"), 1)', before: 'returns new Date("2024-03-02")', after: 'returns new Date("2024-02-29")', afterBehaviour: { kind: 'returned', valueText: 'x' }, divergence: 'value', search: 'realistic' });
    const out = findings({ counterexample: realistic, extremeCounterexample: degenerate(['argument 1 is a date in the year 275760 (realistic: 1000–3000)']) });
    expect(out.map((f) => [f.kind, f.severity])).toEqual([
      ['probe-diverged', 'info'],
      ['probe-degenerate', 'warning'],
    ]);
    expect(out[1]!.message).toMatch(/only at type extremes/);
  });

  it('an extreme break beside a realistic break adds nothing', () => {
    const out = findings({ counterexample: degenerate(), extremeCounterexample: degenerate(['argument 1 is NaN']) });
    expect(out.map((f) => [f.kind, f.severity])).toEqual([['probe-degenerate', 'error']]);
  });

  it('a hang only at type extremes is a warning', () => {
    const hang = ce({ after: 'does not return within 1000 ms, nor within 3000 ms when timed again (stopped)', afterBehaviour: { kind: 'timeout' }, divergence: 'hang', extremes: ['argument 1 is NaN'] });
    expect(findings({ counterexample: hang })[0]).toMatchObject({ kind: 'probe-crash', severity: 'warning' });
  });

  it('a test the patch wrote that expects the break still turns it into a warning', () => {
    expect(findings({ counterexample: degenerate() }, [], 'the test "x"')).toEqual([expect.objectContaining({ kind: 'probe-degenerate', severity: 'warning' })]);
  });
});

describe(shortPath.name, () => {
  // radashi 27eb1e8e: fast-check shrank `isEmpty(1n)` in 500-odd steps, and the finding printed them all.
  it('keeps a short replay path and cuts a long one, saying where the whole one is', () => {
    expect(shortPath('23:1:0')).toBe('23:1:0');
    const long = ['23', '1', ...Array.from({ length: 500 }, () => '0')].join(':');
    expect(shortPath(long)).toBe(`${long.slice(0, 40)}… (502 steps; the whole path is in the JSON report)`);
  });
});
