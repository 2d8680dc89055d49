import { createGitRepo, createVitestProject, EXAMPLES, expectValidReport, type GitRepo, scaledMs } from '@patchprobe/test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPatch } from '../../src/index.js';
import type { Report } from '../../src/report/report.js';

// Real vitest runs on tiny projects: the probe runtime inside the project's own vitest, with the
// watchdog, the before-tree plugin and the recording run all for real.

const fn = (report: Report, name: string) => {
  const f = report.probes?.functions.find((x) => x.id.endsWith(`#${name}`));
  if (!f) throw new Error(`no probe result for ${name}: ${JSON.stringify(report.probes?.functions.map((x) => x.id))}`);
  return f;
};

describe('probes: hangs, process.exit, nondeterminism and equivalence in one run', () => {
  let repo: GitRepo;
  let report: Report;
  beforeAll(async () => {
    repo = await createVitestProject({
      'src/util.ts': [
        'export function countdown(n: number): string { while (n > 0) n -= 1; return "done"; }',
        'export function double(x: number): number { return x * 2; }',
        'export function parse(s: string): number { return s.length; }',
        'export function makeId(prefix: string): string { return prefix + "-" + Math.random().toString(36).slice(2, 8); }',
        'export function repeat(s: string): string[] { return [s, s]; }',
        'export function toAge(s: string): number { return Number(s); }',
        'export function first(xs: number[]): number { return xs.length > 0 ? xs[0]! : 0; }',
        // like a React hook called outside a component: throws for every input, before and after
        'export function useLabel(n: number): string { const d = (globalThis as any).__dispatcher; return d.use(n) + "!"; }',
        // factories whose returned method does the work (valibot's actions)
        'export function minValue(req: number) { return { kind: "min", reference: minValue, run(v: number): boolean { return v >= req; } }; }',
        'export function maxValue(req: number) { return { kind: "max", run(v: number): boolean { return v <= req; } }; }',
        'export function tag(req: number) { return { kind: "tag:" + req, run: (v: number): boolean => v === req }; }',
        '',
      ].join('\n'),
      'test/util.test.ts': [
        "import { expect, test } from 'vitest';",
        "import { countdown, double, minValue, parse } from '../src/util';",
        "test('countdown', () => expect(countdown(3)).toBe('done'));",
        "test('double', () => expect(double(2)).toBe(4));",
        "test('parse', () => expect(parse('abc')).toBe(3));",
        // passes on both versions: neither call has the value at the limit
        "test('min', () => { expect(minValue(10).run(5)).toBe(false); expect(minValue(3).run(10)).toBe(true); });",
        '',
      ].join('\n'),
    });
    repo.write(
      'src/util.ts',
      [
        // never ends for negative, fractional or NaN inputs: a synchronous hang the watchdog must stop
        'export function countdown(n: number): string { while (n !== 0) n -= 1; return "done"; }',
        'export function double(x: number): number { return x + x; }',
        'export function parse(s: string): number { if (s === "") process.exit(3); return s.length; }',
        'export function makeId(prefix: string): string { return prefix + "_" + Math.random().toString(36).slice(2, 8); }',
        // runaway memory for the empty string: the watchdog must stop it before V8 dies
        'export function repeat(s: string): string[] { const out: string[] = []; while (s === "") out.push("x".repeat(1 << 20) + out.length); return [s, s]; }',
        // deliberate new validation: the patch adds the throw
        'export function toAge(s: string): number { const n = Number(s); if (Number.isNaN(n)) throw new RangeError("not a number: " + s); return n; }',
        // crashes on [] now, and the patch adds a test that expects exactly that
        'export function first(xs: number[]): number { return xs[0]!.valueOf(); }',
        'export function useLabel(n: number): string { const d = (globalThis as any).__dispatcher; return d.use(n) + "?"; }',
        // the method's code changes; the factory's result compares equal (same keys, same method name)
        'export function minValue(req: number) { return { kind: "min", reference: minValue, run(v: number): boolean { return v > req; } }; }',
        'export function maxValue(req: number) { return { kind: "max", run(v: number): boolean { return v < req; } }; }',
        // the factory changes, its returned function's code does not: the results compare as before
        'export function tag(req: number) { return { kind: `tag:${req}`, run: (v: number): boolean => v === req }; }',
        '',
      ].join('\n'),
    );
    repo.write('test/first.test.ts', ["import { expect, test } from 'vitest';", "import { first } from '../src/util';", "test('first rejects an empty list', () => expect(() => first([])).toThrow());", ''].join('\n'));
    report = await verifyPatch({ cwd: repo.dir, reruns: 0, typecheck: false, probeTimeoutMs: 300, keepTemp: false });
  }, scaledMs(120_000));
  afterAll(() => repo?.cleanup());

  it('reports a synchronous infinite loop as a crash, and still probes the other functions', () => {
    const f = fn(report, 'countdown');
    expect(f.outcome).toBe('diverged');
    expect(f.counterexample?.divergence).toBe('hang');
    // timed again, with the longer limit, before it counts
    expect(f.counterexample?.after).toMatch(/^does not return within 300 ms, nor within 2300 ms when timed again/);
    expect(f.counterexample?.call).toMatch(/^countdown\(/);
    // killed once, then a fresh process for the rest
    expect(report.probes?.processes).toBeGreaterThanOrEqual(2);
    expect(report.findings.some((x) => x.kind === 'probe-crash' && x.severity === 'error' && x.symbol?.endsWith('#countdown'))).toBe(true);
  });

  it('turns process.exit in patched code into a crash finding instead of ending the run', () => {
    const f = fn(report, 'parse');
    expect(f.outcome).toBe('diverged');
    expect(f.counterexample?.call).toBe('parse("")');
    expect(f.counterexample?.divergence).toBe('crash');
    expect(f.counterexample?.after).toMatch(/process\.exit\(3\)/);
  });

  it('proves an equivalent rewrite equivalent on generated inputs', () => {
    const f = fn(report, 'double');
    expect(f.outcome).toBe('equivalent');
    expect(f.runs).toBe(200);
    expect(f.inputs).toMatchObject({ derived: true, complete: true });
    // the suite's own call double(2) was recorded and used
    expect(f.inputs.recorded).toBeGreaterThanOrEqual(1);
  });

  it('stops runaway memory in patched code and reports it as a crash', () => {
    const f = fn(report, 'repeat');
    expect(f.outcome).toBe('diverged');
    expect(f.counterexample?.call).toBe('repeat("")');
    // stopped at the call timeout, then timed again with a longer limit: by time or by memory
    expect(f.counterexample?.after).toMatch(/does not return within 300 ms|grows the process by more than 1 GB/);
  });

  it('reports a throw the patch added as new validation, not as a crash', () => {
    const f = fn(report, 'toAge');
    expect(f.counterexample?.divergence).toBe('throws');
    expect(report.findings.find((x) => x.symbol?.endsWith('#toAge'))).toMatchObject({ kind: 'probe-new-validation', severity: 'warning' });
  });

  it('lets a test the patch added that expects the crash turn it into a warning', () => {
    expect(fn(report, 'first').counterexample?.divergence).toBe('crash');
    const finding = report.findings.find((x) => x.symbol?.endsWith('#first'));
    expect(finding).toMatchObject({ kind: 'probe-crash', severity: 'warning' });
    expect(finding?.message).toMatch(/first rejects an empty list/);
  });

  it('does not call a function equivalent when both versions threw on every input (pmndrs/zustand useShallow)', () => {
    const f = fn(report, 'useLabel');
    expect(f.outcome).toBe('inconclusive');
    expect(f.reason).toMatch(/^both versions threw on every input \(throws TypeError: Cannot read properties of undefined/);
  });

  it('calls the method a factory returns with the arguments the tests pass it, and finds where the versions differ (valibot toMinValue)', () => {
    const f = fn(report, 'minValue');
    expect(f.outcome).toBe('diverged');
    // the factory's recorded 10 crossed with the method's recorded 10
    expect(f.counterexample).toMatchObject({ call: 'minValue(10).run(10)', before: 'returns true', after: 'returns false', via: 'result.run', search: 'recorded' });
    const finding = report.findings.find((x) => x.symbol?.endsWith('#minValue') && x.kind === 'probe-diverged');
    expect(finding?.message).toContain('the function it returns (`result.run`), called with arguments the tests pass it, answers differently');
  });

  it('does not call a factory equivalent when the method it returns changed and no test calls it', () => {
    const f = fn(report, 'maxValue');
    expect(f.outcome).toBe('inconclusive');
    expect(f.reason).toBe('its results are equal, but they hold functions whose code the patch changed and that the probes do not call (`result.run`): their behaviour was not compared');
    expect(report.findings.find((x) => x.symbol?.endsWith('#maxValue'))).toMatchObject({ kind: 'probe-inconclusive' });
  });

  it('still proves a factory equivalent when the functions it returns kept their code', () => {
    expect(fn(report, 'tag').outcome).toBe('equivalent');
  });

  it('reports a function that disagrees with itself as nondeterministic, not as a change', () => {
    const f = fn(report, 'makeId');
    expect(f.outcome).toBe('nondeterministic');
    expect(report.findings.some((x) => x.kind === 'probe-nondeterministic')).toBe(true);
  });

  it('is regressive because of the crashes, with a valid report', () => {
    expect(report.verdict).toBe('regressive');
    expect(report.reasons.join(' ')).toMatch(/crash/);
    expectValidReport(report);
  });
});

describe('probes: aliases, async functions, class methods and helpers', () => {
  let repo: GitRepo;
  let report: Report;
  beforeAll(async () => {
    repo = await createVitestProject({
      'vitest.config.ts': [
        "import path from 'node:path';",
        "import { defineConfig } from 'vitest/config';",
        "export default defineConfig({ resolve: { alias: { '@lib': path.resolve(import.meta.dirname, 'src/lib') } }, test: { include: ['test/**/*.test.ts'] } });",
        '',
      ].join('\n'),
      'src/lib/rate.ts': 'export function rate(x: number): number { return x * 0.2; }\n',
      'src/price.ts': [
        "import { rate } from '@lib/rate';",
        'export async function priceWithTax(n: number): Promise<number> { await null; return n + rate(n); }',
        '',
      ].join('\n'),
      'src/cart.ts': [
        'function clampQty(q: number): number { return q < 0 ? 0 : q; }',
        'export class Cart {',
        '  constructor(private readonly unit: number) {}',
        '  total(qty: number): number { return this.unit * clampQty(qty); }',
        '}',
        '',
      ].join('\n'),
      'test/price.test.ts': [
        "import { expect, test } from 'vitest';",
        "import { priceWithTax } from '../src/price';",
        "import { Cart } from '../src/cart';",
        "test('price', async () => expect(await priceWithTax(0)).toBe(0));",
        "test('cart', () => expect(new Cart(2).total(3)).toBe(6));",
        '',
      ].join('\n'),
    });
    // rate changes, priceWithTax is rewritten equivalently: only if the before version of
    // price.ts imports the BEFORE rate through the alias can the probe see the difference.
    repo.write('src/lib/rate.ts', 'export function rate(x: number): number { return x * 0.25; }\n');
    repo.write('src/price.ts', ["import { rate } from '@lib/rate';", 'export async function priceWithTax(n: number): Promise<number> { await null; return rate(n) + n; }', ''].join('\n'));
    repo.write('src/cart.ts', fs.readFileSync(path.join(repo.dir, 'src/cart.ts'), 'utf8').replace('q < 0 ? 0 : q', 'q < 0 ? -q : q'));
    report = await verifyPatch({ cwd: repo.dir, reruns: 0, typecheck: false });
  }, scaledMs(120_000));
  afterAll(() => repo?.cleanup());

  it('loads the before version of an aliased import from the before tree', () => {
    const f = fn(report, 'priceWithTax');
    expect(f.async).toBe(true);
    expect(f.outcome).toBe('diverged');
    expect(f.counterexample?.before).toMatch(/^resolves /);
  });

  it('probes a changed helper through the exported method that calls it, constructing the class', () => {
    const f = fn(report, 'Cart.total');
    expect(f.covers).toContain('src/cart.ts#clampQty');
    expect(f.outcome).toBe('diverged');
    expect(f.counterexample?.call).toMatch(/^new Cart\(.*\)\.total\(-/);
    // The project collects test/**/*.test.ts only: the suggestion goes there, importing back into src/.
    expect(f.suggestedTest?.file).toBe('test/cart.patchprobe.test.ts');
    expect(f.suggestedTest?.code).toContain("import { Cart } from '../src/cart'");
  });

  it('is substantive with medium confidence: behaviour changed, no test saw it', () => {
    expect(report.verdict).toBe('substantive');
    expect(report.confidence).toBe('medium');
    expectValidReport(report);
  });

  it('records and probes in the after tree\'s warm vitest, which the suites lent, not in vitest processes of their own', () => {
    // the recording run (the test file calls priceWithTax and Cart.total) and the one probe run
    expect(report.probes?.processes).toBe(1);
    expect(report.probes?.warmRuns).toBe(2);
    expect(report.probes?.functions.find((f) => f.id.endsWith('#priceWithTax'))?.inputs.recorded).toBeGreaterThan(0);
  });
});

describe('probes: a call that overruns the call timeout once is timed again', () => {
  let repo: GitRepo;
  let report: Report;
  let mark: string;
  beforeAll(async () => {
    // The new version is slow once (a loaded machine): 1.5 s on its first call with an empty
    // list, then fast. The first probe process is stopped at the 1 s call timeout; the fresh process that
    // times it again with the longer limit finds both versions equal.
    mark = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-retime-')), 'slow-once');
    repo = await createVitestProject({
      'src/sum.ts': 'export function total(xs: number[]): number { let s = 0; for (const x of xs) s += x; return s; }\n',
      'test/sum.test.ts': ["import { expect, test } from 'vitest';", "import { total } from '../src/sum';", "test('total', () => expect(total([1, 2])).toBe(3));", ''].join('\n'),
    });
    repo.write(
      'src/sum.ts',
      [
        "import fs from 'node:fs';",
        `const MARK = ${JSON.stringify(mark)};`,
        'export function total(xs: number[]): number {',
        // the suite never sums an empty list, so only the probe meets the slow call
        '  if (xs.length === 0 && !fs.existsSync(MARK)) { fs.writeFileSync(MARK, ""); const end = Date.now() + 1500; while (Date.now() < end); }',
        '  return xs.reduce((a, b) => a + b, 0);',
        '}',
        '',
      ].join('\n'),
    );
    report = await verifyPatch({ cwd: repo.dir, reruns: 0, typecheck: false, probeTimeoutMs: 1000, keepTemp: false });
  }, scaledMs(120_000));
  afterAll(() => {
    repo?.cleanup();
    fs.rmSync(path.dirname(mark), { recursive: true, force: true });
  });

  it('does not call it a hang: the second try finishes, and the versions agree', () => {
    expect(fs.existsSync(mark)).toBe(true);
    const f = fn(report, 'total');
    expect(report.probes?.processes).toBe(2);
    expect(f.outcome).toBe('equivalent');
    expect(report.findings.some((x) => x.kind === 'probe-crash')).toBe(false);
    expect(report.verdict).not.toBe('regressive');
  });
});

// Issue 17 §5: the recording run names the test behind each recorded call, so the probes know the
// calls of the patch's fail-to-pass tests and the shapes of their divergences.
describe('probes: divergences the patch\'s fail-to-pass tests do not explain', () => {
  let repo: GitRepo;
  let report: Report;
  beforeAll(async () => {
    const parse = (body: string) =>
      ['export function parseQuery(q: string): Record<string, string> {', '  const out: Record<string, string> = {};', '  for (const pair of q.split("&")) {', '    if (pair === "") continue;', body, '  }', '  return out;', '}', ''].join('\n');
    const before = parse('    const at = pair.indexOf("=");\n    out[at === -1 ? pair : pair.slice(0, at)] = at === -1 ? "" : pair.slice(at + 1);');
    repo = await createVitestProject({
      'src/query.ts': before,
      // a helper the fix does not touch, and one it rewrites without a test of the patch calling it
      'src/label.ts': 'export function label(name: string): string { return name.toUpperCase(); }\nexport function initials(name: string): string { return name.split(" ").map((w) => w[0] ?? "").join(""); }\n',
      'test/query.test.ts': "import { expect, it } from 'vitest';\nimport { parseQuery } from '../src/query';\nit('reads pairs', () => expect(parseQuery('page=2&sort=name')).toEqual({ page: '2', sort: 'name' }));\n",
      'test/label.test.ts': "import { expect, it } from 'vitest';\nimport { initials } from '../src/label';\nit('initials', () => expect(initials('Ada Lovelace')).toBe('AL'));\n",
    });
    repo.write('src/query.ts', parse('    const [key = "", value = ""] = pair.split("=");\n    out[key.trim()] = value;'));
    // the unrelated rewrite: initials now upper-cased, which its test ('Ada Lovelace') cannot see
    repo.write('src/label.ts', 'export function label(name: string): string { return name.toUpperCase(); }\nexport function initials(name: string): string { return name.split(" ").map((w) => w.charAt(0).toUpperCase()).join(""); }\n');
    repo.write(
      'test/query.test.ts',
      "import { expect, it } from 'vitest';\nimport { parseQuery } from '../src/query';\nit('reads pairs', () => expect(parseQuery('page=2&sort=name')).toEqual({ page: '2', sort: 'name' }));\nit('trims keys', () => expect(parseQuery(' page =2')).toEqual({ page: '2' }));\n",
    );
    report = await verifyPatch({ cwd: repo.dir, reruns: 0, typecheck: false, mutation: false });
    expectValidReport(report);
  }, scaledMs(120_000));
  afterAll(() => repo?.cleanup());

  it('takes the shapes the patch means from its fail-to-pass test, and reports a divergence of another shape', () => {
    const f = fn(report, 'parseQuery');
    expect(f.explained).toMatchObject({ intentCalls: 1, intentDiverged: 1, intentShapes: ['value object: keys'] });
    expect(f.explained?.unexplained).toMatchObject({ shape: 'value object: values' });
    expect(f.explained?.unexplained?.call).toMatch(/=.*=/);
    const finding = report.findings.find((x) => x.kind === 'unexplained-divergence' && x.symbol?.endsWith('#parseQuery'));
    expect(finding?.message).toContain("their 1 diverging call changes `value object: keys`; this one is `value object: values`");
  });

  it('reports a changed function that no fail-to-pass test calls, and leaves the verdict to the other rules', () => {
    const f = fn(report, 'initials');
    expect(f.outcome).toBe('diverged');
    expect(f.explained).toMatchObject({ intentCalls: 0, intentDiverged: 0, intentShapes: [] });
    expect(f.explained?.unexplained?.before).toMatch(/^returns/);
    expect(report.findings.find((x) => x.kind === 'unexplained-divergence' && x.symbol?.endsWith('#initials'))?.message).toContain("the patch's fail-to-pass tests never call `initials`");
    expect(report.verdict).toBe('substantive');
  });
});

// Issue 17 §3: an overloaded function is called through its signatures, one at a time; its
// implementation's `arg: unknown` would almost never be an options object of the right shape.
describe('probes: overloads', () => {
  let repo: GitRepo;
  let report: Report;
  const pad = (optionsForm: string) =>
    [
      'export function pad(text: string, width: number): string;',
      'export function pad(text: string, options: { width: number; fill: string }): string;',
      'export function pad(text: string, arg: unknown): string {',
      "  if (typeof arg === 'number') return text.padStart(arg, ' ');",
      '  const o = arg as { width: number; fill: string };',
      `  return ${optionsForm};`,
      '}',
      '',
    ].join('\n');
  beforeAll(async () => {
    repo = await createVitestProject({
      'src/pad.ts': pad('text.padStart(o.width, o.fill)'),
      'test/pad.test.ts': "import { expect, it } from 'vitest';\nimport { pad } from '../src/pad';\nit('pads', () => expect(pad('7', 3)).toBe('  7'));\n",
    });
    // The options form now pads on the wrong side; the tests only use the number form.
    repo.write('src/pad.ts', pad('text.padEnd(o.width, o.fill)'));
    report = await verifyPatch({ cwd: repo.dir, reruns: 0, typecheck: false, mutation: false });
    expectValidReport(report);
  }, scaledMs(120_000));
  afterAll(() => repo?.cleanup());

  it('finds the change in the options signature', () => {
    const f = fn(report, 'pad');
    expect(f.outcome).toBe('diverged');
    expect(f.counterexample?.argsText[1]).toMatch(/width/);
    expect(report.verdict).toBe('substantive');
  });
});

// A class the module does not export, whose instances an exported factory returns: its methods are
// reached through the factory (issue 17 §3), one changed and one rewritten the same.
describe('probes: methods of a class the module does not export, through its factory or an exported instance', () => {
  let repo: GitRepo;
  let report: Report;
  const counter = (label: string, double: string) =>
    [
      'class Counter {',
      '  private n = 0;',
      '  constructor(private readonly step: number) {}',
      '  add(times: number): number { for (let i = 0; i < times; i++) this.n += this.step; return this.n; }',
      `  label(prefix: string): string { return ${label}; }`,
      `  double(x: number): number { return ${double}; }`,
      '}',
      'export function createCounter(step: number): Counter { return new Counter(step); }',
      // an exported instance of another class the module does not export
      'class Greeter {',
      `  greet(name: string): string { return ${label.includes('trim') ? '`hello ${name.trim()}`' : '`hello ${name}`'}; }`,
      '}',
      'export const greeter = new Greeter();',
      '',
    ].join('\n');
  beforeAll(async () => {
    repo = await createVitestProject({
      'src/counter.ts': counter('`${prefix}:${this.n}`', 'x * 2'),
      'test/counter.test.ts': "import { expect, it } from 'vitest';\nimport { createCounter } from '../src/counter';\nit('adds', () => expect(createCounter(2).add(3)).toBe(6));\n",
    });
    repo.write('src/counter.ts', counter('`${prefix.trim()}:${this.n}`', 'x + x'));
    report = await verifyPatch({ cwd: repo.dir, reruns: 0, typecheck: false, mutation: false });
    expectValidReport(report);
  }, scaledMs(120_000));
  afterAll(() => repo?.cleanup());

  it('calls the factory, then the changed method, and tells the changed one from the rewrite', () => {
    const label = fn(report, 'createCounter().label');
    expect(label.outcome).toBe('diverged');
    expect(label.counterexample?.call).toMatch(/^createCounter\(.*\)\.label\(".*"\)$/);
    expect(fn(report, 'createCounter().double').outcome).toBe('equivalent');
    expect(report.findings.filter((f) => f.message.includes('cannot be probed'))).toEqual([]);
    expect(report.verdict).toBe('substantive');
  });

  it('calls the changed method on an exported instance of the class', () => {
    const greet = fn(report, 'greeter.greet');
    expect(greet.outcome).toBe('diverged');
    expect(greet.counterexample?.call).toMatch(/^greeter\.greet\(".*"\)$/);
  });
});

// Issue 17 §2–3: what a factory returns may be async (a client's methods), or the factory itself
// (a store opened with `await`). Before, an async returned method was called, seen to be a promise,
// and left alone: the factory read "equivalent" while its method changed.
describe('probes: async methods of what a factory returns, and async factories', () => {
  let repo: GitRepo;
  let report: Report;
  const client = (url: string, text: string) =>
    [
      // an async factory of a plain object with an async method
      `export async function connect(base: string) { return { kind: 'client', async url(path: string): Promise<string> { return ${url}; } }; }`,
      // a sync factory whose async method is rewritten equivalently
      `export function createLabel(name: string) { return { async text(suffix: string): Promise<string> { ${text} } }; }`,
      // an async factory of a class the module does not export
      'class Store {',
      '  constructor(private readonly prefix: string) {}',
      `  async get(key: string): Promise<string> { return this.prefix + ${url.includes('replace') ? 'key.trim()' : 'key'}; }`,
      '}',
      'export async function openStore(prefix: string): Promise<Store> { return new Store(prefix); }',
      '',
    ].join('\n');
  beforeAll(async () => {
    repo = await createVitestProject({
      'src/client.ts': client("base.replace(/\\/+$/, '') + '/' + path.replace(/^\\//, '')", 'return name + ":" + suffix;'),
      'test/client.test.ts': [
        "import { expect, it } from 'vitest';",
        "import { connect, createLabel, openStore } from '../src/client';",
        "it('builds urls', async () => expect(await (await connect('https://api.test')).url('/users')).toBe('https://api.test/users'));",
        "it('labels', async () => expect(await createLabel('a').text('b')).toBe('a:b'));",
        "it('reads', async () => expect(await (await openStore('p:')).get('a')).toBe('p:a'));",
        '',
      ].join('\n'),
      // a callback argument: its calls were not recorded at all (v8 cannot serialise a function)
      'src/words.ts': 'export function countBy(words: string[], key: (word: string) => string): Record<string, number> { const out: Record<string, number> = {}; for (const w of words) { const k = key(w); out[k] = (out[k] ?? 0) + 1; } return out; }\n',
      'test/words.test.ts': "import { expect, it } from 'vitest';\nimport { countBy } from '../src/words';\nit('counts', () => expect(countBy(['ab', 'b', 'ab'], (w) => w)).toEqual({ ab: 2, b: 1 }));\n",
      // a module-level threshold the tests' totals (12.5, 120) never straddle
      'src/shipping.ts': 'const FREE_FROM = 50;\nexport function shippingCost(total: number): number { return total >= FREE_FROM ? 0 : 4.95; }\n',
      'test/shipping.test.ts': "import { expect, it } from 'vitest';\nimport { shippingCost } from '../src/shipping';\nit('ships', () => { expect(shippingCost(12.5)).toBe(4.95); expect(shippingCost(120)).toBe(0); });\n",
      // curried: the change is two calls below the probed function
      'src/money.ts': 'export function currency(code: string) { return (locale: string) => (amount: number): string => `${amount.toFixed(2)} ${code.toUpperCase()}`; }\n',
      'test/money.test.ts': "import { expect, it } from 'vitest';\nimport { currency } from '../src/money';\nit('formats', () => expect(currency('EUR')('de')(10)).toBe('10.00 EUR'));\n",
    });
    repo.write('src/words.ts', 'export function countBy(words: string[], key: (word: string) => string): Record<string, number> { const out: Record<string, number> = {}; for (const w of words) { const k = key(w.trim()); out[k] = (out[k] ?? 0) + 1; } return out; }\n');
    repo.write('src/shipping.ts', 'const FREE_FROM = 60;\nexport function shippingCost(total: number): number { return total >= FREE_FROM ? 0 : 4.95; }\n');
    repo.write('src/money.ts', 'export function currency(code: string) { return (locale: string) => (amount: number): string => `${amount.toFixed(2)} ${code}`; }\n');
    // the trailing slash of the base and the trimming of keys are gone; the label is the same
    repo.write('src/client.ts', client('base + path', 'const parts = [name, suffix]; return parts.join(":");'));
    report = await verifyPatch({ cwd: repo.dir, reruns: 0, typecheck: false, mutation: false });
    expectValidReport(report);
  }, scaledMs(120_000));
  afterAll(() => repo?.cleanup());

  it('awaits the async method of what an async factory resolves to, with the arguments the tests pass it', () => {
    const f = fn(report, 'connect');
    expect(f.outcome).toBe('diverged');
    expect(f.counterexample).toMatchObject({ via: 'result.url', search: 'recorded' });
    expect(f.counterexample?.call).toMatch(/^connect\(".*\/"\)\.url\("\/users"\)$/);
    expect(f.counterexample?.before).toMatch(/^resolves "/);
  });

  it('still proves a factory equivalent when its async method was rewritten and answers the same', () => {
    expect(fn(report, 'createLabel').outcome).toBe('equivalent');
  });

  it('follows a curried function down to the call that changed, with the arguments the tests pass at each level', () => {
    const f = fn(report, 'currency');
    expect(f.outcome).toBe('diverged');
    expect(f.counterexample).toMatchObject({ via: 'result()', search: 'recorded' });
    expect(f.counterexample?.call).toMatch(/^currency\(".*"\)\("de"\)\(10\)$/);
  });

  it('records a call that passes a callback, with a function of the parameter\'s type in its place', () => {
    const f = fn(report, 'countBy');
    expect(f.inputs.recorded).toBe(1);
    expect(f.outcome).toBe('diverged');
  });

  it('tries the literals of the changed lines first: a moved module-level threshold (issue 17 §1, §6)', () => {
    const f = fn(report, 'shippingCost');
    expect(f.outcome).toBe('diverged');
    expect(f.counterexample).toMatchObject({ call: 'shippingCost(50)', before: 'returns 0', after: 'returns 4.95', search: 'recorded' });
  });

  it('calls the method of a class instance an async factory resolves to', () => {
    const f = fn(report, 'openStore().get');
    expect(f.outcome).toBe('diverged');
    expect(f.counterexample?.call).toMatch(/^\(await openStore\(".*"\)\)\.get\(".*"\)$/);
    expect(report.verdict).toBe('substantive');
  });
});

// The search for unexplained divergences goes on past the probe's first divergence, where the old
// version may never return: the probe's result must stand when that search hangs the process.
describe('probes: a hang in the search for unexplained divergences', () => {
  let repo: GitRepo;
  let report: Report;
  beforeAll(async () => {
    repo = await createVitestProject({
      // never returns for a negative or fractional n
      'src/count.ts': "export function countdown(n: number): string { let steps = 0; while (n !== 0) { n -= 1; steps++; } return 'done in ' + steps; }\n",
      'test/count.test.ts': "import { expect, it } from 'vitest';\nimport { countdown } from '../src/count';\nit('counts', () => expect(countdown(2)).toContain('2'));\n",
    });
    repo.write('src/count.ts', "export function countdown(n: number): string { let steps = 0; while (n > 0) { n -= 1; steps++; } return steps + ' steps'; }\n");
    repo.write('test/count.test.ts', "import { expect, it } from 'vitest';\nimport { countdown } from '../src/count';\nit('counts', () => expect(countdown(2)).toContain('2'));\nit('says steps', () => expect(countdown(2)).toBe('2 steps'));\n");
    report = await verifyPatch({ cwd: repo.dir, reruns: 0, typecheck: false, mutation: false, probeTimeoutMs: 500 });
    expectValidReport(report);
  }, scaledMs(120_000));
  afterAll(() => repo?.cleanup());

  it('keeps the divergence the probe found, without the search', () => {
    const f = fn(report, 'countdown');
    expect(f.outcome).toBe('diverged');
    expect(f.counterexample?.call).toBe('countdown(2)');
    expect(f.explained).toBeUndefined();
    expect(report.findings.some((x) => x.kind === 'probe-inconclusive')).toBe(false);
    expect(report.verdict).toBe('substantive');
  });
});

describe('probes of a function that returns a generator (radashi range)', () => {
  let repo: GitRepo;
  afterAll(() => repo?.cleanup());

  it('compares what the generators yield, not the generator objects', async () => {
    repo = await createVitestProject({
      'src/range.ts': [
        'export function* range(startOrLength: number, end?: number): Generator<number> {',
        '  const start = end ? startOrLength : 0;',
        '  const final = end ?? startOrLength;',
        '  for (let i = start; i <= final; i++) yield i;',
        '}',
        '',
      ].join('\n'),
      'test/range.test.ts': "import { expect, it } from 'vitest';\nimport { range } from '../src/range';\nit('counts', () => expect([...range(1, 3)]).toEqual([1, 2, 3]));\n",
    });
    // radashi 9c8ffa04: `end` of 0 now counts. The generator objects of both versions look alike.
    repo.write('src/range.ts', fs.readFileSync(path.join(repo.dir, 'src/range.ts'), 'utf8').replace('end ? startOrLength : 0', 'end !== undefined ? startOrLength : 0'));
    const report = await verifyPatch({ cwd: repo.dir, reruns: 0, typecheck: false, mutation: false });
    const f = fn(report, 'range');
    expect(f.outcome).toBe('diverged');
    expect(f.counterexample?.before).toMatch(/^returns a generator yielding \[/);
    expect(f.suggestedTest?.code).toMatch(/expect\(\[\.\.\.range\(.*\)\]\)\.toEqual\(\[/);
    expectValidReport(report);
  }, scaledMs(120_000));
});

describe('probes in a project whose config resolves a path from its own folder (radashi; vitest 1, vite 5)', () => {
  let repo: GitRepo;
  afterAll(() => repo?.cleanup());

  it('loads the before version of a module through an alias made with import.meta.resolve', async () => {
    // vite 5 (vitest 1 and 2) bundles a config with what it imports into one file beside the config
    // it loads and leaves `import.meta.resolve` as it is: the probes' wrapper config (in
    // __patchprobe__) must have the project's vite load the project's config where it is, or
    // `import.meta.resolve('./src/…')` resolves from patchprobe's folder. The wrapper cannot sit
    // beside the project's config either: vitest 1 then runs the workspace file it finds there.
    repo = await createGitRepo(
      {
        'package.json': '{"name":"p","private":true,"type":"module"}',
        'vitest.config.ts': [
          "import { defineConfig } from 'vitest/config';",
          "export default defineConfig({ resolve: { alias: { '@rate': new URL(import.meta.resolve('./src/rate.ts')).pathname } }, test: { include: ['test/**/*.test.ts'] } });",
          '',
        ].join('\n'),
        'vitest.workspace.ts': "export default ['.'];\n",
        'src/rate.ts': 'export function rate(x: number): number { return x * 0.2; }\n',
        'src/fee.ts': "import { rate } from '@rate';\nexport function fee(n: number): number { return rate(n) + 1; }\n",
        'test/fee.test.ts': "import { expect, it } from 'vitest';\nimport { fee } from '../src/fee';\nit('fee', () => expect(fee(0)).toBe(1));\n",
      },
      { nodeModulesFrom: path.join(EXAMPLES, 'vitest-versions', 'v1') },
    );
    // fee is rewritten equivalently and rate changes: fee diverges only if its before version
    // imports the before rate through the alias.
    repo.write('src/rate.ts', 'export function rate(x: number): number { return x * 0.25; }\n');
    repo.write('src/fee.ts', "import { rate } from '@rate';\nexport function fee(n: number): number { return 1 + rate(n); }\n");
    const report = await verifyPatch({ cwd: repo.dir, reruns: 0, typecheck: false, mutation: false });
    expect(report.tests.vitestVersion).toMatch(/^1\./);
    expect(fn(report, 'fee')).toMatchObject({ outcome: 'diverged' });
  }, scaledMs(120_000));
});

describe('documented examples of the callers of a changed function (issue 17 §4)', () => {
  const repos: GitRepo[] = [];
  afterAll(() => repos.forEach((r) => r.cleanup()));
  const project = (): Promise<GitRepo> =>
    createVitestProject({
      'src/text.ts': 'export function slugPart(s: string): string {\n  return s.trim().toLowerCase();\n}\n',
      'src/slug.ts': [
        "import { slugPart } from './text';",
        '/**',
        ' * Joins words into a slug.',
        ' * @example',
        " * slug('Hello', ' World ') // => 'hello-world'",
        ' */',
        "export function slug(...parts: string[]): string {\n  return parts.map(slugPart).join('-');\n}",
        '',
      ].join('\n'),
      'test/text.test.ts': "import { expect, it } from 'vitest';\nimport { slugPart } from '../src/text';\nit('trims', () => expect(slugPart(' a ')).toBe('a'));\n",
    });
  // slugPart is exported and probed itself; slug, in another module, is only its caller, and its
  // doc comment promises a lower-case slug that the patch no longer gives.
  const dropLowerCase = (repo: GitRepo): void => repo.write('src/text.ts', 'export function slugPart(s: string): string {\n  return s.trim();\n}\n');

  it('runs them, and one the patch left as it was and no longer keeps is doc-example-broken', async () => {
    const repo = await project();
    repos.push(repo);
    dropLowerCase(repo);
    const report = await verifyPatch({ cwd: repo.dir, reruns: 0, typecheck: false, mutation: false });
    const broken = report.findings.find((f) => f.kind === 'doc-example-broken');
    expect(broken).toMatchObject({ severity: 'error', file: 'src/slug.ts', symbol: 'src/slug.ts#slug' });
    expect(broken?.message).toContain("`slug('Hello', ' World ')` should be 'hello-world'");
    expect(report.verdict).toBe('regressive');
  }, scaledMs(120_000));

  it('does not judge the example when the patch rewrites it with the change (the honest twin)', async () => {
    const repo = await project();
    repos.push(repo);
    dropLowerCase(repo);
    repo.write('src/slug.ts', fs.readFileSync(path.join(repo.dir, 'src/slug.ts'), 'utf8').replace("// => 'hello-world'", "// => 'Hello-World'"));
    const report = await verifyPatch({ cwd: repo.dir, reruns: 0, typecheck: false, mutation: false });
    expect(report.findings.filter((f) => f.kind.startsWith('doc-example'))).toEqual([]);
    expect(report.probes?.docExamples).toMatchObject({ changedByPatch: 1 });
    expect(report.verdict).toBe('substantive');
  }, scaledMs(120_000));
});

describe('probes of a package whose tests import it by its own name (radashi: an alias to the barrel)', () => {
  let repo: GitRepo;
  afterAll(() => repo?.cleanup());

  it('records the arguments the tests pass, through the alias', async () => {
    // The blast radius follows relative imports only, so it finds no test of `fee`; vitest's module
    // graph (`related`) does, and the recording run runs those tests.
    repo = await createVitestProject({
      'vitest.config.ts': [
        "import { fileURLToPath } from 'node:url';",
        "import { defineConfig } from 'vitest/config';",
        "export default defineConfig({ resolve: { alias: { shop: fileURLToPath(new URL('./src/index.ts', import.meta.url)) } } });",
        '',
      ].join('\n'),
      'src/index.ts': "export * from './fee';\n",
      'src/fee.ts': 'export function fee(amount: number): number {\n  return Math.round(amount * 20) / 100;\n}\n',
      'test/fee.test.ts': "import { expect, it } from 'vitest';\nimport { fee } from 'shop';\nit('fee', () => expect(fee(19.99)).toBe(4));\n",
    });
    repo.write('src/fee.ts', 'export function fee(amount: number): number {\n  return Math.trunc(amount * 20) / 100;\n}\n');
    const report = await verifyPatch({ cwd: repo.dir, reruns: 0, typecheck: false, mutation: false });
    expect(report.static?.blastRadius.find((e) => e.symbol === 'src/fee.ts#fee')?.testFiles ?? []).toEqual([]);
    expect(fn(report, 'fee').inputs).toMatchObject({ recorded: 1 });
  }, scaledMs(120_000));
});
