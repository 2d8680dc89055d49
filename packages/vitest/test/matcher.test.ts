import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fc } from '@patchprobe/core/probes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patchprobeMatchers } from '../src/matcher.js';

expect.extend(patchprobeMatchers);

const SOURCE = Symbol.for('patchprobe.source');
const tag = <F extends (...args: never[]) => unknown>(fn: F, file: string, exportName: string): F =>
  Object.defineProperty(fn, SOURCE, { value: { file, exportName } });

/** The message of the assertion error `run` throws (synchronously or as a rejection). */
async function failureOf(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the assertion to fail, but it passed');
}

const ints = fc.tuple(fc.integer({ min: -1000, max: 1000 }));

describe('toBehaveLike: verdicts', () => {
  it('passes for equivalent functions and fails .not with the number of inputs tried', async () => {
    const double = (n: number) => n * 2;
    const twice = (n: number) => n + n;
    expect(double).toBehaveLike(twice, { inputs: fc.tuple(fc.double()) });
    const msg = await failureOf(() => expect(double).not.toBehaveLike(twice, { inputs: fc.tuple(fc.double()), runs: 37 }));
    expect(msg).toBe(
      'expected double to behave differently from twice, but 37 generated inputs gave the same results (inputs: given as a fast-check arbitrary; seed 42)',
    );
  });

  it('fails for different functions with the shrunk call, both outcomes, seed and path', async () => {
    function clampAfter(n: number) {
      return n > 10 ? n - 1 : n;
    }
    function clampBefore(n: number) {
      return n;
    }
    const msg = await failureOf(() => expect(clampAfter).toBehaveLike(clampBefore, { inputs: ints }));
    expect(msg).toMatch(
      /^expected clampAfter to behave like clampBefore, but clampAfter\(11\) returns 10 where clampBefore returns 11 \(seed 42, path "[\d:]+", \d+ runs?; replay with \{ seed: 42, path: "[\d:]+" \}\)$/,
    );
    // .not passes on the same pair: the change did change behaviour.
    expect(clampAfter).not.toBehaveLike(clampBefore, { inputs: ints });
  });

  it('compares NaN and −0 exactly', async () => {
    expect((n: number) => n * 1).toBehaveLike((n: number) => n, { inputs: [[Number.NaN], [-0], [Number.POSITIVE_INFINITY]] });
    const abs = (n: number) => Math.abs(n);
    const naiveAbs = (n: number) => (n < 0 ? -n : n);
    const msg = await failureOf(() => expect(naiveAbs).toBehaveLike(abs, { inputs: fc.tuple(fc.double()) }));
    expect(msg).toContain('but naiveAbs(-0) returns -0 where abs returns 0 (seed 42');
    const nan = await failureOf(() => expect((n: number) => n + 1).toBehaveLike((n: number) => n + Number.NaN, { inputs: [[1]] }));
    expect(nan).toContain('returns 2 where the expected function returns Number.NaN');
  });

  it('compares errors by class and message, and how the arguments are left', async () => {
    const typeErr = (s: string) => {
      throw new TypeError(`bad ${s}`);
    };
    const rangeErr = (s: string) => {
      throw new RangeError(`bad ${s}`);
    };
    expect(typeErr).toBehaveLike((s: string) => typeErr(s), { inputs: [['a']] });
    expect(await failureOf(() => expect(typeErr).toBehaveLike(rangeErr, { inputs: [['a']] }))).toContain(
      'but typeErr("a") throws TypeError: bad a where rangeErr throws RangeError: bad a (given example 1 of 1)',
    );
    const sortInPlace = (xs: number[]) => xs.sort((a, b) => a - b);
    const sortCopy = (xs: number[]) => [...xs].sort((a, b) => a - b);
    expect(await failureOf(() => expect(sortInPlace).toBehaveLike(sortCopy, { inputs: [[[1, 2]], [[2, 1]]] }))).toContain(
      'but sortInPlace([2,1]) leaves argument 1 as [1,2] where sortCopy leaves it as [2,1] (given example 2 of 2)',
    );
  });
});

describe('toBehaveLike: typing (checked by tsc, never run)', () => {
  it('types inputs after the received function\'s parameters', () => {
    const typed = (): void => {
      const f = (s: string, n?: number) => s.repeat(n ?? 1);
      expect(f).toBehaveLike(f, { inputs: fc.tuple(fc.string()) });
      expect(f).toBehaveLike(f, { inputs: [['a'], ['b', 2]] });
      // @ts-expect-error an arbitrary of the wrong argument types
      expect(f).toBehaveLike(f, { inputs: fc.tuple(fc.integer()) });
      // @ts-expect-error argument arrays of the wrong types
      expect(f).toBehaveLike(f, { inputs: [[1]] });
      const sync: void = expect(f).toBehaveLike(f);
      const async: Promise<void> = expect(async (s: string) => s).toBehaveLike(f);
      return [sync, async] as never;
    };
    expect(typeof typed).toBe('function');
  });
});

describe("toBehaveLike in patchprobe's recording run", () => {
  it('calls neither function and passes both forms: only the arguments the tests pass are recorded there', () => {
    const saved = process.env.PATCHPROBE_RECORD_FILE;
    process.env.PATCHPROBE_RECORD_FILE = path.join(os.tmpdir(), 'never-written.jsonl');
    try {
      const calls: unknown[] = [];
      const f = (x: number) => (calls.push(x), x + 1);
      const g = (x: number) => (calls.push(x), x + 2);
      expect(f).toBehaveLike(g);
      expect(f).not.toBehaveLike(g);
      expect(calls).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.PATCHPROBE_RECORD_FILE;
      else process.env.PATCHPROBE_RECORD_FILE = saved;
    }
  });
});

describe('toBehaveLike: inputs', () => {
  it('calls every given argument array once, in order', async () => {
    const seen: unknown[][] = [];
    const f = (a: number, b: string) => {
      seen.push([a, b]);
      return `${a}${b}`;
    };
    expect(f).toBehaveLike((a: number, b: string) => `${a}${b}`, { inputs: [[1, 'x'], [2, 'y']] });
    // The first input is called twice more up front (sync/async detection and a determinism check).
    expect(seen).toEqual([[1, 'x'], [1, 'x'], [1, 'x'], [2, 'y']]);
    const msg = await failureOf(() => expect(f).not.toBehaveLike((a: number, b: string) => `${a}${b}`, { inputs: [[1, 'x'], [2, 'y']] }));
    expect(msg).toContain('but 2 given inputs gave the same results (inputs: given, 2 argument arrays; seed 42)');
  });

  it('uses an explicit arbitrary of the argument array, with runs and seed', () => {
    const seen: unknown[] = [];
    const f = (s: string, n: number) => {
      seen.push([s, n]);
      return s.repeat(n);
    };
    expect(f).toBehaveLike((s: string, n: number) => s.repeat(n), { inputs: fc.tuple(fc.string(), fc.nat(3)), runs: 25, seed: 3 });
    expect(seen.length).toBe(25 + 2); // runs, plus the first input twice up front
    expect(seen.every((x) => Array.isArray(x) && typeof x[0] === 'string' && typeof x[1] === 'number')).toBe(true);
  });

  it('rejects inputs that are neither an arbitrary nor argument arrays', async () => {
    const id = (x: unknown) => x;
    expect(await failureOf(() => expect(id).toBehaveLike(id, { inputs: fc.string() as never }))).toMatch(/^toBehaveLike: inputs must produce argument arrays/);
    expect(await failureOf(() => expect(id).toBehaveLike(id, { inputs: ['a'] as never }))).toMatch(/^toBehaveLike: inputs\[0\] must be an argument array/);
    expect(await failureOf(() => expect(id).toBehaveLike(id, { inputs: [] }))).toMatch(/^toBehaveLike: inputs is an empty list/);
    expect(await failureOf(() => expect(id).toBehaveLike(id, { inputs: 5 as never }))).toMatch(/^toBehaveLike: inputs must be a fast-check arbitrary of the argument array/);
    expect(await failureOf(() => expect(id).toBehaveLike(id, { inputs: [[1]], runs: 0 }))).toMatch(/^toBehaveLike: runs must be a positive integer/);
  });

  it('fails (also under .not) when a side is not a function', async () => {
    const f = (x: number) => x;
    expect(await failureOf(() => expect(42).toBehaveLike(f, { inputs: [[1]] }))).toBe('toBehaveLike: the received value must be a function, got number 42');
    expect(await failureOf(() => expect(f).not.toBehaveLike('f' as never, { inputs: [[1]] }))).toBe(
      'toBehaveLike: the expected value must be a function, got string "f"',
    );
  });

  describe('derived from the parameter types (source tag)', () => {
    let dir: string;
    let file: string;
    beforeAll(() => {
      dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-matcher-')));
      file = path.join(dir, 'slug.ts');
      fs.writeFileSync(
        file,
        [
          'export function slugify(text: string, maxLength?: number): string {',
          "  return text.toLowerCase().replace(/\\s+/g, '-').slice(0, maxLength);",
          '}',
          'export const RATE = 2;',
          '',
        ].join('\n'),
      );
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    const current = (text: string, maxLength?: number) => text.toLowerCase().replace(/\s+/g, '-').slice(0, maxLength);

    it('generates arguments of the declared types, from either side\'s tag', async () => {
      const seen: unknown[][] = [];
      const slugify = tag((text: string, maxLength?: number) => {
        seen.push([text, maxLength]);
        return current(text, maxLength);
      }, file, 'slugify');
      // `before` carries the base query; types come from the current file either way.
      const base = tag((text: string, maxLength?: number) => current(text, maxLength), `${file}?patchprobe=base`, 'slugify');
      expect(slugify).toBehaveLike(base, { runs: 50 });
      expect(seen.length).toBe(52);
      expect(seen.every(([t, m]) => typeof t === 'string' && (m === undefined || typeof m === 'number'))).toBe(true);
      expect(seen.some(([, m]) => m === undefined) && seen.some(([, m]) => typeof m === 'number')).toBe(true);

      // Only the base function tagged: the query is stripped and the current file read.
      const untagged = (text: string, maxLength?: number) => current(text, maxLength);
      const msg = await failureOf(() => expect(untagged).not.toBehaveLike(base, { runs: 10 }));
      expect(msg).toMatch(
        /^expected untagged to behave differently from the base version, but 10 generated inputs gave the same results \(inputs: derived from the parameter types of slugify in \S*slug\.ts; seed 42\)$/,
      );
    });

    it('names the base version and finds a difference on derived inputs', async () => {
      const slugify = (text: string) => text.replace(/\s+/g, '-');
      tag(slugify, file, 'slugify');
      const base = tag((text: string) => text.toLowerCase().replace(/\s+/g, '-'), `${file}?patchprobe=base`, 'slugify');
      const msg = await failureOf(() => expect(slugify).toBehaveLike(base));
      expect(msg).toMatch(/^expected slugify to behave like the base version, but slugify\(".*"\) returns ".+" where the base returns ".+" \(seed 42, path /);
    });

    it('loads ts-morph only when inputs are first derived, not when the matcher is imported', () => {
      const script = [
        "import { createRequire } from 'node:module';",
        "const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('ts-morph'));",
        "const probes = await import('@patchprobe/core/probes');",
        'const before = loaded();',
        `const { params } = probes.deriveExportParameters(${JSON.stringify(file)}, 'slugify');`,
        'console.log(JSON.stringify([before, loaded(), params.length]));',
      ].join('\n');
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: path.resolve(import.meta.dirname, '..'), encoding: 'utf8' });
      expect(JSON.parse(out)).toEqual([false, true, 2]);
    });

    it('says why inputs cannot be derived: no tag, or an export that is not a function', async () => {
      const f = (s: string) => s;
      const g = (s: string) => s;
      const none = await failureOf(() => expect(f).toBehaveLike(g));
      expect(none).toBe(
        "toBehaveLike: cannot derive inputs for f: neither function carries patchprobe's source tag (the patchprobe() vitest plugin adds it to functions exported by the modules it transforms); " +
          'pass { inputs: fc.tuple(fc.string()) } (an arbitrary of the argument array) or { inputs: [["a b"], [""]] } (argument arrays)',
      );
      // Not a verdict on the functions: `.not` fails as well.
      expect(await failureOf(() => expect(f).not.toBehaveLike(g))).toBe(none);
      const wrong = await failureOf(() => expect(tag(f, file, 'RATE')).toBehaveLike(g));
      expect(wrong).toMatch(/^toBehaveLike: cannot derive inputs for f from its parameter types: .*the variable RATE .*; pass \{ inputs/);
    });
  });
});

describe('toBehaveLike: async, nondeterminism, replay', () => {
  it('returns a Promise for async functions and compares what they resolve or reject', async () => {
    const double = async (n: number) => n * 2;
    const twice = async (n: number) => n + n;
    const pending = expect(double).toBehaveLike(twice, { inputs: ints, runs: 30 });
    expect(typeof pending.then).toBe('function'); // typed Promise<void>: the function is async
    await pending;
    const sync = expect((n: number) => n).toBehaveLike((n: number) => n, { inputs: ints });
    expect(typeof (sync as unknown as { then?: unknown }).then).toBe('undefined');

    const off = async (n: number) => (n === 7 ? n : n * 2);
    expect(await failureOf(() => expect(off).toBehaveLike(double, { inputs: ints }))).toMatch(
      /^expected off to behave like double, but off\(7\) resolves 7 where double resolves 14 \(seed 42, path /,
    );
    const rejects = async (n: number) => {
      if (n > 0) throw new Error('positive');
      return n * 2;
    };
    await expect(rejects).not.toBehaveLike(double, { inputs: ints });
    expect(await failureOf(() => expect(rejects).toBehaveLike(double, { inputs: ints }))).toContain('rejects(1) rejects Error: positive where double resolves 2');
  });

  it('runs asynchronously when only one side is async, and reports the change of kind', async () => {
    const plain = (n: number) => n;
    const promised = async (n: number) => n;
    expect(await failureOf(() => expect(plain).toBehaveLike(promised, { inputs: [[1]] }))).toBe(
      'expected plain to behave like promised, but plain(1) returns 1 where promised resolves 1 (given example 1 of 1)',
    );
  });

  it('counts an async call that does not settle within timeoutMs as a timeout', async () => {
    // Settles after 300 ms for 0: past the 30 ms limit, well within the 1000 ms default.
    const hangs = (n: number) => new Promise<number>((resolve) => (n === 0 ? setTimeout(() => resolve(n), 300) : resolve(n)));
    const settles = async (n: number) => n;
    expect(await failureOf(() => expect(hangs).toBehaveLike(settles, { inputs: [[1], [0]], timeoutMs: 30 }))).toContain(
      'but hangs(0) never settles (timeout) where settles resolves 0 (given example 2 of 2)',
    );
  });

  it('fails when a function returns a Promise for some inputs only', async () => {
    const sometimes = (n: number) => (n > 5 ? Promise.resolve(n) : n);
    expect(await failureOf(() => expect(sometimes).toBehaveLike((n: number) => n, { inputs: [[1], [9]] }))).toMatch(
      /^toBehaveLike: sometimes returned a Promise for sometimes\(9\) but both functions returned plain values for the first input/,
    );
  });

  it('fails, under .not too, when a function disagrees with itself', async () => {
    let calls = 0;
    const flaky = (n: number) => n + (calls++ % 2);
    const stable = (n: number) => n;
    const msg = await failureOf(() => expect(flaky).toBehaveLike(stable, { inputs: ints }));
    expect(msg).toMatch(/^toBehaveLike: flaky is not deterministic: flaky\(-?\d+\) returns -?\d+, then returns -?\d+ when called again with the same arguments/);
    expect(await failureOf(() => expect(flaky).not.toBehaveLike(stable, { inputs: ints }))).toMatch(/^toBehaveLike: flaky is not deterministic/);
    // The expected side, found on a difference rather than up front.
    let n = 0;
    const random = (x: number) => (x > 100 ? x + n++ : x);
    expect(await failureOf(() => expect(stable).toBehaveLike(random, { inputs: ints }))).toMatch(/^toBehaveLike: random is not deterministic: random\(\d+\)/);
  });

  it('catches functions that agree with each other only because both read the same changing state', async () => {
    let tick = 0;
    // Called alternately, the two sides always see the same value; each side alone does not.
    const now = () => Math.floor(tick++ / 2);
    const nowToo = () => Math.floor(tick++ / 2);
    expect(await failureOf(() => expect(now).toBehaveLike(nowToo, { inputs: [[]] }))).toMatch(
      /^toBehaveLike: nowToo is not deterministic: nowToo\(\) returns 0, then returns 1 when called again/,
    );
  });

  it('replays the same counterexample from its seed and path', async () => {
    const after = (xs: number[]) => xs.filter((x) => x % 7 !== 3).length;
    const before = (xs: number[]) => xs.length;
    const inputs = fc.tuple(fc.array(fc.integer()));
    const first = await failureOf(() => expect(after).toBehaveLike(before, { inputs, seed: 1234 }));
    const m = /^(.* where before returns \d+) \(seed 1234, path "([\d:]+)", (\d+) runs?; replay with \{ seed: 1234, path: "\2" \}\)$/.exec(first);
    expect(m, first).not.toBeNull();
    const [, difference, replayPath] = m!;
    const replay = await failureOf(() => expect(after).toBehaveLike(before, { inputs, seed: 1234, path: replayPath! }));
    expect(replay).toBe(`${difference} (seed 1234, path "${replayPath}", 1 run; replay with { seed: 1234, path: "${replayPath}" })`);
    // Another seed finds the difference on its own path.
    const other = await failureOf(() => expect(after).toBehaveLike(before, { inputs, seed: 99 }));
    expect(other).toContain('(seed 99, path "');
  });
});
