import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DERIVE_CACHE_ENV } from '../../src/probes/derive-disk-cache.js';
import { clearDeriveExportCache, deriveExportParameters, nearestTsconfig, prederiveTestFile, warmUpTypes } from '../../src/probes/derive-export.js';
import { argsArbitrary } from '../../src/probes/interpret-descriptor.js';
import { cpuMs, scaledMs } from '@patchprobe/test-utils';

const STRING = { kind: 'string', maxLength: 20 } as const;
const NUMBER = { kind: 'number' } as const;

const FILES: Record<string, string> = {
  'proj/tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler' } }),
  'proj/src/types.ts': 'export interface Opts { sep: string; lower?: boolean }\n',
  'proj/src/slug.ts': [
    "import type { Opts } from './types';",
    'export function slugify(text: string, opts?: Opts): string { return text; }',
    'export const arrow = (n: number, ...rest: boolean[]): number => n;',
    'export const expr = function (flag: boolean): boolean { return flag; };',
    'export const cast = ((s: string) => s) as (s: string) => string;',
    'function local(a: number, b = 2): number { return a + b; }',
    'export { local as renamed };',
    'export function over(a: string): string;',
    'export function over(a: number): number;',
    'export function over(a: string | number): string | number { return a; }',
    'export function loose(a: any): unknown { return a; }',
    'export default function (when: Date): number { return when.getTime(); }',
    'export class Shop { price(n: number) { return n; } }',
    'export const RATE = 2;',
    'export type Id = string;',
    '',
  ].join('\n'),
  'proj/src/default-arrow.ts': 'export default (xs: number[]): number => xs.length;\n',
  'proj/src/default-ref.ts': 'const pick = (k: "a" | "b"): string => k;\nexport default pick;\n',
  // Test files of the plugin's pre-derivation (prederiveTestFile): every call resolvable, and one that is not.
  'proj/test/all.test.ts': [
    "import { expect, it } from 'vitest';",
    "import pick from '../src/default-ref';",
    "import { renamed, slugify } from '../src/slug';",
    "it('a', () => { expect(slugify).toBehaveLike(slugify); expect.soft(renamed).not.toBehaveLike(renamed); expect(pick).toBehaveLike(pick); });",
    '',
  ].join('\n'),
  'proj/test/partly.test.ts': [
    "import { expect, it } from 'vitest';",
    "import { slugify } from '../src/slug';",
    'const local = { run: (n: number) => n };',
    "it('b', () => { expect(slugify).toBehaveLike(slugify); expect(local.run).toBehaveLike(local.run); });",
    '',
  ].join('\n'),
  // A project whose tsconfig.json turns strict off: `string | null` is just string there.
  'lax/tsconfig.json': JSON.stringify({ compilerOptions: { strict: false } }),
  'lax/src/plain.ts': 'export function maybe(x: string | null): string { return x ?? ""; }\n',
  // No tsconfig.json anywhere above (the temp root has none): default strict options.
  'loose/plain.ts': 'export function maybe(x: string | null): string { return x ?? ""; }\n',
};

let root: string;
const at = (rel: string) => path.join(root, rel);

beforeAll(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-derive-export-')));
  for (const [rel, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(at(rel)), { recursive: true });
    fs.writeFileSync(at(rel), text);
  }
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
beforeEach(() => clearDeriveExportCache());

describe('deriveExportParameters', () => {
  it('derives an exported function declaration, resolving types imported from another module', () => {
    const r = deriveExportParameters(at('proj/src/slug.ts'), 'slugify');
    expect(r).toEqual({
      params: [
        { name: 'text', optional: false, rest: false, descriptor: STRING },
        {
          name: 'opts',
          optional: true,
          rest: false,
          descriptor: {
            kind: 'record',
            props: [
              { name: 'sep', value: STRING, optional: false },
              { name: 'lower', value: { kind: 'boolean' }, optional: true },
            ],
          },
        },
      ],
      complete: true,
    });
  });

  it('derives const arrows, function expressions, casts and renamed exports', () => {
    expect(deriveExportParameters(at('proj/src/slug.ts'), 'arrow').params).toEqual([
      { name: 'n', optional: false, rest: false, descriptor: NUMBER },
      { name: 'rest', optional: false, rest: true, descriptor: { kind: 'array', item: { kind: 'boolean' }, maxLength: 5 } },
    ]);
    expect(deriveExportParameters(at('proj/src/slug.ts'), 'expr').params.map((p) => p.descriptor)).toEqual([{ kind: 'boolean' }]);
    expect(deriveExportParameters(at('proj/src/slug.ts'), 'cast').params.map((p) => p.descriptor)).toEqual([STRING]);
    expect(deriveExportParameters(at('proj/src/slug.ts'), 'renamed').params).toEqual([
      { name: 'a', optional: false, rest: false, descriptor: NUMBER },
      { name: 'b', optional: true, rest: false, descriptor: NUMBER },
    ]);
  });

  it('derives an overloaded function from its implementation', () => {
    expect(deriveExportParameters(at('proj/src/slug.ts'), 'over').params[0]?.descriptor).toEqual({ kind: 'oneof', options: [NUMBER, STRING] });
  });

  it('derives the default export in its three forms', () => {
    expect(deriveExportParameters(at('proj/src/slug.ts'), 'default').params.map((p) => p.descriptor)).toEqual([{ kind: 'date' }]);
    expect(deriveExportParameters(at('proj/src/default-arrow.ts'), 'default').params.map((p) => p.descriptor)).toEqual([
      { kind: 'array', item: NUMBER, maxLength: 5 },
    ]);
    expect(deriveExportParameters(at('proj/src/default-ref.ts'), 'default').params.map((p) => p.descriptor)).toEqual([
      { kind: 'oneof', options: [{ kind: 'constant', value: 'a' }, { kind: 'constant', value: 'b' }] },
    ]);
  });

  it('reports incomplete derivations (any/unknown) as complete: false', () => {
    const r = deriveExportParameters(at('proj/src/slug.ts'), 'loose');
    expect(r.complete).toBe(false);
    expect(r.params[0]?.descriptor).toEqual({ kind: 'anything' });
  });

  it('reads compiler options from the nearest tsconfig.json', () => {
    expect(nearestTsconfig(at('lax/src/plain.ts'))).toBe(at('lax/tsconfig.json'));
    expect(deriveExportParameters(at('lax/src/plain.ts'), 'maybe').params[0]?.descriptor).toEqual(STRING);
  });

  it('uses default strict options when no tsconfig.json is found upwards', () => {
    expect(nearestTsconfig(at('loose/plain.ts'))).toBeUndefined();
    expect(nearestTsconfig(at('proj/src/slug.ts'))).toBe(at('proj/tsconfig.json'));
    // strict: null stays a separate member of the union (without strictNullChecks it would vanish).
    expect(deriveExportParameters(at('loose/plain.ts'), 'maybe').params[0]?.descriptor).toEqual({
      kind: 'oneof',
      options: [{ kind: 'constant', value: null }, STRING],
    });
  });

  it('produces descriptors argsArbitrary accepts', () => {
    const { params } = deriveExportParameters(at('proj/src/slug.ts'), 'slugify');
    const samples = fc.sample(argsArbitrary(params), { seed: 1, numRuns: 30 });
    for (const [text, opts] of samples) {
      expect(typeof text).toBe('string');
      expect(opts === undefined || typeof (opts as { sep: unknown }).sep === 'string').toBe(true);
    }
  });

  it('throws a clear error for a missing file, a missing export and an export that is not a function', () => {
    expect(() => deriveExportParameters('src/slug.ts', 'slugify')).toThrow(/absolute path/);
    expect(() => deriveExportParameters(at('proj/src/nope.ts'), 'slugify')).toThrow(/nope\.ts does not exist/);
    expect(() => deriveExportParameters(at('proj/src/slug.ts'), 'missing')).toThrow(/has no export named missing \(it exports Id, RATE, Shop, arrow, cast, default, expr, loose, over, renamed, slugify\)/);
    expect(() => deriveExportParameters(at('proj/src/slug.ts'), 'Shop')).toThrow(/the export is the class Shop, not a function/);
    expect(() => deriveExportParameters(at('proj/src/slug.ts'), 'RATE')).toThrow(/the variable RATE \(2\)/);
    expect(() => deriveExportParameters(at('proj/src/slug.ts'), 'Id')).toThrow(/the type Id/);
  });

  it('caches per file, export and mtime, and rereads a file (and its imports) after an edit', () => {
    const file = at('proj/src/edit.ts');
    const types = at('proj/src/edit-types.ts');
    fs.writeFileSync(types, 'export type In = number;\n');
    fs.writeFileSync(file, "import type { In } from './edit-types';\nexport function f(a: In) { return a; }\n");
    const first = deriveExportParameters(file, 'f');
    expect(first.params[0]?.descriptor).toEqual(NUMBER);
    expect(deriveExportParameters(file, 'f')).toBe(first); // cached: same object

    // The imported type changes, then the file itself is touched (a new mtime): both are reread.
    fs.writeFileSync(types, 'export type In = boolean;\n');
    fs.writeFileSync(file, "import type { In } from './edit-types';\nexport function f(a: In, b: string) { return a; }\n");
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(types, later, later);
    fs.utimesSync(file, later, later);
    const second = deriveExportParameters(file, 'f');
    expect(second).not.toBe(first);
    expect(second.params.map((p) => p.descriptor)).toEqual([{ kind: 'boolean' }, STRING]);
  });
});

describe('the derivation cache on disk that patchprobe gives its own vitest processes (issue 18)', () => {
  const withCacheDir = <T>(fn: (dir: string) => T): T => {
    const dir = fs.mkdtempSync(path.join(root, 'derive-cache-'));
    process.env[DERIVE_CACHE_ENV] = dir;
    try {
      return fn(dir);
    } finally {
      delete process.env[DERIVE_CACHE_ENV];
    }
  };

  it('a second process (no memory cache) reads the derivation and the warm-up from disk, and builds no TypeScript program', () => {
    withCacheDir((dir) => {
      const first = deriveExportParameters(at('proj/src/slug.ts'), 'slugify');
      const testFile = at('proj/src/slug.ts');
      expect(warmUpTypes(testFile)).toBeGreaterThan(0);
      clearDeriveExportCache();
      const second = cpuMs(() => [warmUpTypes(testFile), deriveExportParameters(at('proj/src/slug.ts'), 'slugify')] as const);
      expect(second.value[0]).toBe(0);
      expect(second.value[1]).toEqual(first);
      expect(second.cpuMs).toBeLessThan(scaledMs(200));
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('params-'))).toHaveLength(1);
    });
  });

  it('the plugin derives a test file\'s toBehaveLike inputs ahead: each received function by its declaring module and export name; warm only when every call was derived', () => {
    withCacheDir((dir) => {
      const all = prederiveTestFile(at('proj/test/all.test.ts'));
      expect(all.calls).toBe(3);
      expect(all.complete).toBe(true);
      // `renamed` is `local` exported under another name: the tag the plugin adds carries the export name.
      expect(all.derived).toEqual([
        { file: at('proj/src/slug.ts'), exportName: 'slugify' },
        { file: at('proj/src/slug.ts'), exportName: 'renamed' },
        { file: at('proj/src/default-ref.ts'), exportName: 'default' },
      ]);
      const partly = prederiveTestFile(at('proj/test/partly.test.ts'));
      expect(partly).toMatchObject({ calls: 2, complete: false, derived: [{ exportName: 'slugify' }] });
      // A worker (no memory cache): the derivations are on disk; the fully derived file needs no warm-up, the other one does.
      clearDeriveExportCache();
      const second = cpuMs(() => [warmUpTypes(at('proj/test/all.test.ts')), deriveExportParameters(at('proj/src/default-ref.ts'), 'default')] as const);
      expect(second.value[0]).toBe(0);
      expect(second.value[1].params.map((p) => p.name)).toEqual(['k']);
      expect(second.cpuMs).toBeLessThan(scaledMs(200));
      expect(warmUpTypes(at('proj/test/partly.test.ts'))).toBeGreaterThan(0);
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('warm-'))).toHaveLength(2);
    });
  });

  it('a changed file (an overlay, StrykerJS instrumenting it) is derived again; without the variable nothing is written', () => {
    withCacheDir(() => {
      const file = at('lax/src/plain.ts');
      const before = deriveExportParameters(file, 'maybe');
      const original = fs.readFileSync(file, 'utf8');
      try {
        fs.writeFileSync(file, 'export function maybe(x: number): string { return String(x); }\n');
        clearDeriveExportCache();
        expect(deriveExportParameters(file, 'maybe').params[0]?.descriptor).toEqual(NUMBER);
        expect(deriveExportParameters(file, 'maybe')).not.toEqual(before);
      } finally {
        fs.writeFileSync(file, original);
      }
    });
    const entries = fs.readdirSync(root).filter((f) => f.startsWith('params-'));
    deriveExportParameters(at('proj/src/slug.ts'), 'arrow');
    expect(fs.readdirSync(root).filter((f) => f.startsWith('params-'))).toEqual(entries);
  });
});
