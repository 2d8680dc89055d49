import fc from 'fast-check';
import { Project, SyntaxKind, type SourceFile } from 'ts-morph';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Descriptor, type DerivedParameters, type ParameterDescriptor, UNDEFINED } from '../../src/probes/arbitrary-descriptor.js';
import { deriveParameters } from '../../src/probes/derive-arbitraries.js';
import { cpuMs, scaledMs } from '@patchprobe/test-utils';
import {
  argsArbitrary,
  decodeConstant,
  toArbitrary,
  UnsupportedDescriptorError,
  type InterpretContext,
} from '../../src/probes/interpret-descriptor.js';

const SOURCE = `
export enum Color { Red = 'red', Blue = 'blue' }
export enum Num { A, B = 5 }
export interface Opts { mode: 'fast' | 'slow'; retries: number; tags?: string[] }
export interface Tree { value: number; children?: Tree[] }
export type List = { head: number; next: List | null };
export class Point { constructor(public x: number, public label?: string) {} }
export class Point3 extends Point {}
export function fNumber(a: number) {}
export function fBigint(a: bigint) {}
export function fString(s: string, t: \`id-\${string}\`) {}
export function fBoolean(b: boolean) {}
export function fNullish(a: null, b: undefined, c: void) {}
export function fLiterals(a: 'x' | 'y', b: 1 | -2, c: true, d: -5n) {}
export function fEnum(c: Color, n: Num, m?: Color) {}
export function fArrays(a: number[], b: readonly string[], c: ReadonlyArray<boolean>) {}
export function fTuple(t: [number, string], o: [boolean, string?]) {}
export function fObject(o: Opts) {}
export function fRecord(r: Record<string, number>, i: { [k: number]: string }, k: Record<'a' | 'b', boolean>) {}
export function fCollections(m: Map<string, number>, s: Set<number>, d: Date) {}
export function fTree(t: Tree) {}
export function fList(l: List) {}
export function fGeneric<T extends string, U>(a: T, b: U) {}
export function fNonPrimitive<T extends object>(initial: T, o: object) {}
export function fFunc(cb: (x: number) => string, done: () => void) {}
export function fVariadicCallback(log: (...parts: string[]) => void) {}
export function fAsyncCallback(reducer: (acc: number, x: number) => Promise<number>) {}
export function fClass(p: Point, q: Point3) {}
export function fOptional(a: number, b?: string, c = 3, ...rest: boolean[]) {}
export function fAny(a: any, b: unknown) {}
export function fIntersection(a: { x: number } & { y: string }, b: string & { __brand: 'id' }) {}
export function fLibrary(p: Promise<number>, s: WeakRef<object>) {}
export function fKeys(k: PropertyKey, s: symbol) {}
export const arrow = (x: number | string | null) => x;
export class Service { run(flag: boolean, when?: Date) { return flag; } }
export interface Events { open: number; close: string }
export function fKeyofGeneric<E extends Events>(e: keyof E) {}
export function fKeyofRecord<E extends Record<string, unknown>>(e: keyof E) {}
export function fIndexedGeneric<E extends Events, K extends keyof E>(k: K, v: E[K]) {}
`;

let file: SourceFile;
beforeAll(() => {
  // Lib files resolve in memory (ts-morph bundles them), so Date/Map/Set need no temp dir.
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { lib: ['lib.es2022.d.ts'], strict: true } });
  file = project.createSourceFile('/src/fixture.ts', SOURCE);
});

function derive(name: string): DerivedParameters {
  return deriveParameters(file.getFunctionOrThrow(name));
}
function descriptors(name: string): Descriptor[] {
  return derive(name).params.map((p) => p.descriptor);
}

const NUMBER: Descriptor = { kind: 'number' };
const STRING: Descriptor = { kind: 'string', maxLength: 20 };
const BOOLEAN: Descriptor = { kind: 'boolean' };
const c = (value: string | number | boolean | null): Descriptor => ({ kind: 'constant', value });
const arr = (item: Descriptor): Descriptor => ({ kind: 'array', item, maxLength: 5 });
const roArr = (item: Descriptor): Descriptor => ({ kind: 'array', item, maxLength: 5, readonly: true });
const POINT_ARGS: Descriptor[] = [NUMBER, { kind: 'oneof', options: [UNDEFINED, STRING] }];

const EXPECTED: Record<string, Descriptor[]> = {
  fNumber: [NUMBER],
  fBigint: [{ kind: 'bigint' }],
  fString: [STRING, STRING],
  fBoolean: [BOOLEAN],
  fNullish: [c(null), UNDEFINED, UNDEFINED],
  fLiterals: [{ kind: 'oneof', options: [c('x'), c('y')] }, { kind: 'oneof', options: [c(-2), c(1)] }, c(true), { kind: 'constant', value: { bigint: '-5' } }],
  fArrays: [arr(NUMBER), roArr(STRING), roArr(BOOLEAN)],
  fTuple: [
    { kind: 'tuple', items: [NUMBER, STRING] },
    { kind: 'tuple', items: [BOOLEAN, { kind: 'oneof', options: [UNDEFINED, STRING] }] },
  ],
  fObject: [
    {
      kind: 'record',
      props: [
        { name: 'mode', value: { kind: 'oneof', options: [c('fast'), c('slow')] }, optional: false },
        { name: 'retries', value: NUMBER, optional: false },
        { name: 'tags', value: arr(STRING), optional: true },
      ],
    },
  ],
  fRecord: [
    { kind: 'dictionary', key: 'string', value: NUMBER },
    { kind: 'dictionary', key: 'number', value: STRING },
    { kind: 'record', props: [{ name: 'a', value: BOOLEAN, optional: false }, { name: 'b', value: BOOLEAN, optional: false }] },
  ],
  fCollections: [{ kind: 'map', key: STRING, value: NUMBER }, { kind: 'set', item: NUMBER }, { kind: 'date' }],
  fGeneric: [STRING, { kind: 'anything' }],
  // `object` (zustand's combine<T extends object>(initialState: T, …)): was "type object", unsupported.
  fNonPrimitive: [
    { kind: 'dictionary', key: 'string', value: { kind: 'anything' } },
    { kind: 'dictionary', key: 'string', value: { kind: 'anything' } },
  ],
  fFunc: [{ kind: 'func', returns: STRING, arity: 1 }, { kind: 'func', returns: UNDEFINED, arity: 0 }],
  fVariadicCallback: [{ kind: 'func', returns: UNDEFINED }],
  // radashi's async reduce: the reducer returns a promise (it was "library type Promise").
  fAsyncCallback: [{ kind: 'func', returns: { kind: 'promise', value: NUMBER }, arity: 2 }],
  fClass: [
    { kind: 'instance', className: 'Point', module: '/src/fixture.ts', args: POINT_ARGS },
    { kind: 'instance', className: 'Point3', module: '/src/fixture.ts', args: POINT_ARGS },
  ],
  fAny: [{ kind: 'anything' }, { kind: 'anything' }],
  // PropertyKey is string | number | symbol (radashi's `group` keys): symbols were "unsupported".
  fKeys: [{ kind: 'oneof', options: [NUMBER, STRING, { kind: 'symbol' }] }, { kind: 'symbol' }],
  // keyof and indexed access over a type parameter, through its constraint (issue 17, item 3).
  fKeyofGeneric: [{ kind: 'oneof', options: [c('close'), c('open')] }],
  fKeyofRecord: [STRING],
  fIndexedGeneric: [
    { kind: 'oneof', options: [c('close'), c('open')] },
    { kind: 'oneof', options: [NUMBER, STRING] },
  ],
};

describe('deriveParameters', () => {
  it.each(Object.entries(EXPECTED))('%s', (name, expected) => {
    expect(descriptors(name)).toEqual(expected);
  });

  it('enums become their member values, also when optional', () => {
    const [color, num, maybe] = derive('fEnum').params;
    expect(color?.descriptor).toEqual({ kind: 'enum', name: 'Color', values: ['red', 'blue'] });
    expect(num?.descriptor).toEqual({ kind: 'enum', name: 'Num', values: [0, 5] });
    expect(maybe).toMatchObject({ optional: true, descriptor: { kind: 'oneof', options: [c('blue'), c('red')] } });
  });

  it('recursive types stop at depth 2: arrays empty, optional members dropped, nullable members null', () => {
    const leaf = { kind: 'record', props: [{ name: 'value', value: NUMBER, optional: false }, { name: 'children', value: { kind: 'tuple', items: [] }, optional: true }] };
    expect(descriptors('fTree')).toEqual([{ kind: 'record', props: [{ name: 'value', value: NUMBER, optional: false }, { name: 'children', value: arr(leaf as Descriptor), optional: true }] }]);
    const last = { kind: 'record', props: [{ name: 'head', value: NUMBER, optional: false }, { name: 'next', value: c(null), optional: false }] };
    const list = { kind: 'record', props: [{ name: 'head', value: NUMBER, optional: false }, { name: 'next', value: { kind: 'oneof', options: [c(null), last] }, optional: false }] };
    expect(descriptors('fList')).toEqual([list]);
  });

  it('optional, defaulted and rest parameters', () => {
    expect(derive('fOptional')).toEqual({
      complete: true,
      params: [
        { name: 'a', optional: false, rest: false, descriptor: NUMBER },
        { name: 'b', optional: true, rest: false, descriptor: STRING },
        { name: 'c', optional: true, rest: false, descriptor: NUMBER },
        { name: 'rest', optional: false, rest: true, descriptor: arr(BOOLEAN) },
      ],
    });
  });

  it('arrow functions and methods', () => {
    const arrow = file.getVariableDeclarationOrThrow('arrow').getInitializerIfKindOrThrow(SyntaxKind.ArrowFunction);
    expect(deriveParameters(arrow).params[0]?.descriptor).toEqual({
      kind: 'oneof',
      options: [c(null), NUMBER, STRING],
    });
    const run = file.getClassOrThrow('Service').getMethodOrThrow('run');
    expect(deriveParameters(run).params.map((p) => p.descriptor)).toEqual([BOOLEAN, { kind: 'date' }]);
  });

  it('complete is false for any/unknown and unsupported types', () => {
    expect(derive('fAny').complete).toBe(false);
    expect(derive('fGeneric').complete).toBe(false);
    expect(derive('fObject').complete).toBe(true);
    const [obj, brand] = descriptors('fIntersection');
    expect(obj).toEqual({ kind: 'record', props: [{ name: 'x', value: NUMBER, optional: false }, { name: 'y', value: STRING, optional: false }] });
    expect(brand).toMatchObject({ kind: 'unsupported' });
    expect(descriptors('fLibrary')).toEqual([
      { kind: 'promise', value: NUMBER },
      { kind: 'unsupported', reason: 'library type WeakRef' },
    ]);
    expect(derive('fLibrary').complete).toBe(false);
  });

  it('descriptors round-trip through JSON unchanged', () => {
    for (const fn of file.getFunctions()) {
      const derived = deriveParameters(fn);
      expect(JSON.parse(JSON.stringify(derived))).toEqual(derived);
    }
  });

  it('derives 50 functions well under a second', () => {
    const body = Array.from({ length: 50 }, (_, i) => `export function g${i}(o: Opts, t: Tree, c: Color, m: Map<string, number[]>, x?: [number, string]) {}`);
    const many = file.getProject().createSourceFile('/src/many.ts', `import { type Opts, type Tree, Color } from './fixture';\n${body.join('\n')}`);
    many.getFunctions()[0]?.getParameters()[0]?.getType(); // build the program once, as the probes stage will
    const { value: all, cpuMs: elapsed } = cpuMs(() => many.getFunctions().map((f) => deriveParameters(f)));
    expect(all.every((d) => d.complete)).toBe(true);
    expect(elapsed).toBeLessThan(scaledMs(500));
  });
});

// Run-time stand-ins for the fixture's classes, as the probe would import them from the copy.
class Point {
  x: number;
  label: string | undefined;
  constructor(x: number, label?: string) {
    this.x = x;
    this.label = label;
  }
}
class Point3 extends Point {}
const CLASSES: Record<string, new (...args: never[]) => unknown> = { Point, Point3 };
const CTX: InterpretContext = {
  construct: (name, args) => {
    const Cls = CLASSES[name] as (new (...a: unknown[]) => unknown) | undefined;
    if (!Cls) throw new Error(`unknown class ${name}`);
    return new Cls(...args);
  },
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const all = (d: Descriptor, xs: Iterable<unknown>) => [...xs].every((x) => conforms(d, x));

/** Whether `v` is a value of the type `d` was derived from, checked at run time. */
function conforms(d: Descriptor, v: unknown): boolean {
  switch (d.kind) {
    case 'number':
    case 'bigint':
    case 'string':
    case 'boolean':
    case 'symbol':
      return typeof v === d.kind;
    case 'integer':
      return Number.isInteger(v);
    case 'constant':
      return Object.is(v, decodeConstant(d.value));
    case 'enum':
      return (d.values as unknown[]).includes(v);
    case 'oneof':
      return d.options.some((o) => conforms(o, v));
    case 'array':
      return Array.isArray(v) && v.length <= d.maxLength && all(d.item, v);
    case 'tuple':
      return Array.isArray(v) && v.length === d.items.length && d.items.every((item, i) => conforms(item, v[i]));
    case 'record':
      return isObject(v) && d.props.every((p) => (p.name in v ? conforms(p.value, v[p.name]) : p.optional));
    case 'dictionary':
      return isObject(v) && all(d.value, Object.values(v)) && (d.key === 'string' || Object.keys(v).every((k) => String(Number(k)) === k));
    case 'map':
      return v instanceof Map && all(d.key, v.keys()) && all(d.value, v.values());
    case 'set':
      return v instanceof Set && all(d.item, v);
    case 'date':
      return v instanceof Date;
    case 'func':
      return typeof v === 'function' && conforms(d.returns, (v as (x: number) => unknown)(1));
    case 'promise':
      return v instanceof Promise;
    case 'instance':
      return v instanceof Object && v.constructor.name === d.className;
    case 'anything':
      return true;
    case 'unsupported':
      return false;
  }
}

function argConforms(p: ParameterDescriptor, v: unknown): boolean {
  return (p.optional && v === undefined) || conforms(p.descriptor, v);
}

const SAMPLE = { numRuns: 50, seed: 42 };

describe('toArbitrary / argsArbitrary', () => {
  const sampled = [...Object.keys(EXPECTED), 'fEnum', 'fTree', 'fList'];
  it.each(sampled)('%s: every sampled argument list satisfies the declared types', (name) => {
    const { params } = derive(name);
    const fixed = params.filter((p) => !p.rest);
    for (const args of fc.sample(argsArbitrary(params, CTX), SAMPLE)) {
      expect(args).toHaveLength(fixed.length);
      fixed.forEach((p, i) => expect(argConforms(p, args[i]), `${p.name} = ${fc.stringify(args[i])}`).toBe(true));
    }
  });

  it('spreads rest parameters and passes undefined for optional ones', () => {
    const samples = fc.sample(argsArbitrary(derive('fOptional').params), { numRuns: 200, seed: 42 });
    for (const [a, b, c, ...rest] of samples) {
      expect(typeof a).toBe('number');
      expect(b === undefined || typeof b === 'string').toBe(true);
      expect(c === undefined || typeof c === 'number').toBe(true);
      expect(rest.every((x) => typeof x === 'boolean') && rest.length <= 5).toBe(true);
    }
    expect(samples.some(([, b]) => b === undefined) && samples.some((s) => s.length > 3)).toBe(true);
  });

  it('numbers reach NaN, -0, ±Infinity and small integers within 1000 samples', () => {
    const values = fc.sample(toArbitrary(NUMBER), { numRuns: 1000, seed: 42 }) as number[];
    expect(values.every((v) => typeof v === 'number')).toBe(true);
    expect(values.some(Number.isNaN)).toBe(true);
    expect(values.some((v) => Object.is(v, -0))).toBe(true);
    expect(values.includes(Number.POSITIVE_INFINITY) && values.includes(Number.NEGATIVE_INFINITY)).toBe(true);
    expect(values.some((v) => Number.isInteger(v) && Math.abs(v) <= 1000 && v !== 0)).toBe(true);
    expect(values.some((v) => !Number.isInteger(v) && Number.isFinite(v))).toBe(true);
  });

  it('strings reach empty, whitespace and non-ASCII values', () => {
    const values = fc.sample(toArbitrary(STRING), { numRuns: 1000, seed: 42 }) as string[];
    expect(values).toContain('');
    expect(values.some((v) => v.trim() === '' && v !== '')).toBe(true);
    expect(values.some((v) => /[^\x00-\x7f]/.test(v))).toBe(true);
    expect(values.every((v) => typeof v === 'string')).toBe(true);
  });

  it('property keys reach symbols within the first 50 inputs, registered ones that print as Symbol.for', () => {
    const [key, symbol] = descriptors('fKeys');
    const keys = fc.sample(toArbitrary(key!), { seed: 1, numRuns: 50 });
    expect(keys.some((k) => typeof k === 'symbol')).toBe(true);
    const symbols = fc.sample(toArbitrary(symbol!), { seed: 1, numRuns: 50 });
    expect(symbols.every((x) => typeof x === 'symbol' && Symbol.keyFor(x) !== undefined)).toBe(true);
    expect(fc.stringify(symbols[0])).toMatch(/^Symbol\.for\("/);
  });

  it('dates reach the Invalid Date within the first 50 inputs, a fresh instance each time (cookie-es 1a69d74)', () => {
    const dates = fc.sample(toArbitrary({ kind: 'date' }), { seed: 1, numRuns: 50 }) as Date[];
    const invalid = dates.filter((d) => Number.isNaN(d.getTime()));
    expect(invalid.length).toBeGreaterThan(0);
    expect(new Set(invalid).size).toBe(invalid.length);
    // Most are still valid dates, in realistic years.
    expect(dates.filter((d) => !Number.isNaN(d.getTime())).length).toBeGreaterThan(dates.length / 2);
  });

  it('enums take every member value and nothing else', () => {
    const [color] = descriptors('fEnum');
    const values = new Set(fc.sample(toArbitrary(color ?? NUMBER), SAMPLE));
    expect([...values].sort()).toEqual(['blue', 'red']);
  });

  it('recursive values stay within depth 2', () => {
    const [tree] = descriptors('fTree');
    const depth = (t: unknown): number => (isObject(t) && Array.isArray(t.children) ? 1 + Math.max(0, ...t.children.map(depth)) : 1);
    const trees = fc.sample(toArbitrary(tree ?? NUMBER), { numRuns: 200, seed: 42 });
    expect(Math.max(...trees.map(depth))).toBe(2);
  });

  it('instances are built through the probe\'s constructor callback', () => {
    const [p] = descriptors('fClass');
    const points = fc.sample(toArbitrary(p ?? NUMBER, CTX), SAMPLE);
    expect(points.every((v) => v instanceof Point && typeof v.x === 'number')).toBe(true);
    expect(() => toArbitrary(p ?? NUMBER)).toThrow(UnsupportedDescriptorError);
  });

  it('unsupported descriptors throw instead of generating wrong values', () => {
    const [, symbol] = descriptors('fLibrary');
    expect(() => toArbitrary(symbol ?? NUMBER)).toThrow(/library type WeakRef/);
  });

  it('a descriptor read back from JSON gives the same values for the same seed', () => {
    const { params } = derive('fObject');
    const replayed = JSON.parse(JSON.stringify(params)) as ParameterDescriptor[];
    expect(fc.sample(argsArbitrary(replayed), SAMPLE)).toEqual(fc.sample(argsArbitrary(params), SAMPLE));
  });
});
