import { structuredPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { analyzeDeclarations } from '../../src/static/declarations/declarations.js';
import type { StaticFile } from '../../src/static/types.js';

function staticFile(path: string, before: string, after: string): StaticFile {
  const patch = structuredPatch(path, path, before, after, '', '', { context: 0 });
  const hunks = patch.hunks.map((h) => ({ oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines }));
  return { path, status: 'modified', role: 'source', before, after, hunks };
}

/** The change kind of one declaration ("f" unless named), and whether the whole file counts as equivalent. */
function change(before: string, after: string, symbol = 'f', path = 'src/a.ts') {
  const analysis = analyzeDeclarations([staticFile(path, before, after)]);
  const found = analysis.declarations.find((d) => d.symbol === `${path}#${symbol}`);
  return { kind: found?.change, equivalent: analysis.equivalentFiles.includes(path), all: analysis.declarations };
}

type Case = [name: string, before: string, after: string, symbol?: string, path?: string];

describe('formatting', () => {
  it.each<Case>([
    ['re-indentation and line breaks', 'export function f(a: number){return a+1}\n', 'export function f(a: number) {\n  return a + 1;\n}\n'],
    ['comments inside the body', 'function f() {\n  // old\n  return 1; /* a */\n}\n', 'function f() {\n  /** new */\n  return 1;\n}\n'],
    [
      'quotes, semicolons, trailing commas and redundant parentheses together',
      "function f() {\n  const o = { a: 'x', b: [1, 2] };\n  return (o.a + (o.b[0]));\n}\n",
      'function f() {\n  const o = { a: "x", b: [1, 2,], }\n  return o.a + o.b[0]\n}\n',
    ],
    ['the quote style of a directive', "function f() {\n  'use strict';\n  return this;\n}\n", 'function f() {\n  "use strict"\n  return this;\n}\n'],
    ['stray semicolons', 'function f() {\n  g();\n}\n', 'function f() {\n  g();;\n  ;\n}\n'],
    ['escapes and backticks in plain strings', "function f() {\n  return 'it\\'s';\n}\n", 'function f() {\n  return `it\'s`;\n}\n'],
    ['numeric notation of the same value', 'function f() {\n  return 1000 + 16;\n}\n', 'function f() {\n  return 1_000 + 0x10;\n}\n'],
    ['a reformatted method (class wrapping)', 'class C {\n  m(a: number) { return a * 2 }\n}\n', 'class C {\n  m(a: number) {\n    return a * 2;\n  }\n}\n', 'C.m'],
    [
      'JSX re-laid out over lines',
      'export function f() {\n  return <div><span>{a}</span> text</div>;\n}\n',
      'export function f() {\n  return (\n    <div>\n      <span>{a}</span> text\n    </div>\n  );\n}\n',
      'f',
      'src/a.tsx',
    ],
  ])('%s', (_, before, after, symbol, path) => {
    const result = change(before, after, symbol, path);
    expect(result.kind).toBe('formatting');
    expect(result.equivalent).toBe(true);
  });
});

describe('types-only', () => {
  it.each<Case>([
    ['a parameter and return type', 'function f(a) {\n  return a;\n}\n', 'function f(a: number): number {\n  return a;\n}\n'],
    ['an `as` cast', 'function f(a: unknown) {\n  return a;\n}\n', 'function f(a: unknown) {\n  return a as string;\n}\n'],
    ['`satisfies`', 'function f() {\n  return { a: 1 };\n}\n', 'function f() {\n  return { a: 1 } satisfies Record<string, number>;\n}\n'],
    ['a non-null assertion `!`', 'function f(m: Map<string, number>) {\n  return m.get("a");\n}\n', 'function f(m: Map<string, number>) {\n  return m.get("a")!;\n}\n'],
    ['a generic type parameter', 'function f(xs: unknown[]) {\n  return xs[0];\n}\n', 'function f<T>(xs: T[]): T | undefined {\n  return xs[0];\n}\n'],
    ['a local interface', 'function f(p) {\n  return p.x;\n}\n', 'function f(p: P) {\n  interface P { x: number }\n  return p.x;\n}\n'],
    ['a local type alias', 'function f(p) {\n  return p;\n}\n', 'function f(p: Id) {\n  type Id = string;\n  return p;\n}\n'],
    ['access modifiers and an optional parameter on a method', 'class C {\n  m(a) { return a; }\n}\n', 'class C {\n  private m(a?: number) { return a; }\n}\n', 'C.m'],
    ['a typed accessor (class wrapping)', 'class C {\n  get double() { return 2; }\n}\n', 'class C {\n  get double(): number { return 2; }\n}\n', 'C.get double'],
    ['a typed constructor parameter', 'class C {\n  constructor(a) { this.a = a; }\n}\n', 'class C {\n  constructor(a: number) { this.a = a; }\n}\n', 'C.constructor'],
    ['a nested arrow (expression wrapping)', 'function g() {\n  const f = (a) => a + 1;\n  return f;\n}\n', 'function g() {\n  const f = (a: number): number => a + 1;\n  return f;\n}\n', 'g.f'],
    ['a function expression bound to a property', 'const o = {\n  f: function (a) { return a; },\n};\n', 'const o = {\n  f: function (a: string) { return a; },\n};\n', 'o.f'],
  ])('%s', (_, before, after, symbol, path) => {
    const result = change(before, after, symbol, path);
    expect(result.kind).toBe('types-only');
    expect(result.equivalent).toBe(true);
  });

  it('a parameter property rewritten as a field: the class emits the same JavaScript (define semantics)', () => {
    const before = 'export class M {\n  constructor(public options?: Options) {}\n}\n';
    const after = 'export class M {\n  options: Options | undefined;\n\n  constructor(options?: Options) {\n    this.options = options;\n  }\n}\n';
    const result = change(before, after, 'M');
    expect(Object.fromEntries(result.all.map((d) => [d.symbol, d.change]))).toEqual({
      'src/a.ts#M': 'types-only',
      'src/a.ts#M.options': 'added',
      'src/a.ts#M.constructor': 'types-only',
    });
    expect(result.equivalent).toBe(true);
  });
});

describe('rename', () => {
  it.each<Case>([
    ['a renamed parameter', 'function f(x: number) {\n  return x * 2;\n}\n', 'function f(n: number) {\n  return n * 2;\n}\n'],
    [
      'renamed locals with array destructuring',
      'function f(pairs: [number, number][]) {\n  let total = 0;\n  for (const [p, q] of pairs) total += p + q;\n  return total;\n}\n',
      'function f(items: [number, number][]) {\n  let acc = 0;\n  for (const [a, b] of items) acc += a + b;\n  return acc;\n}\n',
    ],
    ['a shorthand property `{x}` whose local is renamed', 'function f(x: number) {\n  return { x };\n}\n', 'function f(y: number) {\n  return { x: y };\n}\n'],
    ['a shorthand binding `const {a}` renamed', 'function f(o: { a: number }) {\n  const { a } = o;\n  return a;\n}\n', 'function f(o: { a: number }) {\n  const { a: b } = o;\n  return b;\n}\n'],
    ['a renamed catch variable', 'function f() {\n  try { g(); } catch (e) { return e; }\n}\n', 'function f() {\n  try { g(); } catch (err) { return err; }\n}\n'],
    ['an arrow parameter (expression wrapping)', 'function g() {\n  return [1].map((v) => v + 1);\n}\n', 'function g() {\n  return [1].map((item) => item + 1);\n}\n', 'g.<anon#0>'],
    ['a JavaScript file', 'export function f(a) {\n  return a.b;\n}\n', 'export function f(x) {\n  return x.b;\n}\n', 'f', 'src/a.mjs'],
    ['an object-literal method parameter', 'const o = {\n  f(a: number) { return a; },\n};\n', 'const o = {\n  f(b: number) { return b; },\n};\n', 'o.f'],
    [
      "an outer local renamed where a nested function uses it (the nested one alone sees a free name)",
      'function g() {\n  const base = 1;\n  const f = () => base + 1;\n  return f;\n}\n',
      'function g() {\n  const start = 1;\n  const f = () => start + 1;\n  return f;\n}\n',
      'g.f',
    ],
  ])('%s', (_, before, after, symbol, path) => {
    const result = change(before, after, symbol, path);
    expect(result.kind).toBe('rename');
    expect(result.equivalent).toBe(true);
  });

  it('a nested function renamed consistently: the outer one is a rename, the inner one is reported as renamed', () => {
    const before = 'function f(xs: number[]) {\n  function double(v: number) { return v * 2; }\n  return xs.map(double);\n}\n';
    const after = 'function f(xs: number[]) {\n  function twice(v: number) { return v * 2; }\n  return xs.map(twice);\n}\n';
    const result = change(before, after);
    expect(result.kind).toBe('rename');
    expect(result.all.find((d) => d.symbol === 'src/a.ts#f.twice')).toMatchObject({ change: 'renamed', oldSymbol: 'src/a.ts#f.double' });
    expect(result.equivalent).toBe(true);
  });
});

describe('semantic', () => {
  it.each<Case>([
    ['the ASI trap: `return` followed by a newline', 'function f(a: number) {\n  return a + 1;\n}\n', 'function f(a: number) {\n  return\n  a + 1;\n}\n'],
    ['`??` → `||`', 'function f(a?: number) {\n  return a ?? 1;\n}\n', 'function f(a?: number) {\n  return a || 1;\n}\n'],
    ['reordered object keys', 'function f() {\n  return { a: g(), b: h() };\n}\n', 'function f() {\n  return { b: h(), a: g() };\n}\n'],
    ['a changed default parameter', 'function f(a = 1) {\n  return a;\n}\n', 'function f(a = 2) {\n  return a;\n}\n'],
    ['a changed string literal', "function f() {\n  return 'a b';\n}\n", "function f() {\n  return 'a  b';\n}\n"],
    ['a directive prologue added', 'function f() {\n  return this;\n}\n', "function f() {\n  'use strict';\n  return this;\n}\n"],
    ['capture: a parameter renamed onto an outer name the body uses', 'function f(x: number) {\n  return x + y;\n}\n', 'function f(y: number) {\n  return y + y;\n}\n'],
    [
      'shadowing: an inner parameter renamed onto an outer local it used',
      'function f(x: number) {\n  const g = (y: number) => x + y;\n  return g;\n}\n',
      'function f(x: number) {\n  const g = (x: number) => x + x;\n  return g;\n}\n',
    ],
    ['two locals swapped', 'function f(a: number, b: number) {\n  return a - b;\n}\n', 'function f(a: number, b: number) {\n  return b - a;\n}\n'],
    ['`let` → `const` (the emitted JS differs)', 'function f() {\n  let a = 1;\n  return a;\n}\n', 'function f() {\n  const a = 1;\n  return a;\n}\n'],
    ['a parameter property (runtime TypeScript)', 'class C {\n  constructor(a: number) {}\n}\n', 'class C {\n  constructor(private a: number) {}\n}\n', 'C.constructor'],
    ['optional chaining scope `(a?.b).c` → `a?.b.c`', 'function f(a: any) {\n  return (a?.b).c;\n}\n', 'function f(a: any) {\n  return a?.b.c;\n}\n'],
    ['`export` removed', 'export function f() {\n  return 1;\n}\n', 'function f() {\n  return 1;\n}\n'],
    ['a parameter type on a decorated method (decorator metadata emits it)', 'class C {\n  @Get() m(a: string) { return a; }\n}\n', 'class C {\n  @Get() m(a: number) { return a; }\n}\n', 'C.m'],
    ["a parenthesised string turned into a directive", "function f() {\n  ('use strict');\n  return this;\n}\n", "function f() {\n  'use strict';\n  return this;\n}\n"],
    ['whitespace inside a template literal', 'function f(a: string) {\n  return `${a} b`;\n}\n', 'function f(a: string) {\n  return `${a}  b`;\n}\n'],
    ['a property name is never renamed', 'function f(o: { a: number }) {\n  return o.a;\n}\n', 'function f(o: { b: number }) {\n  return o.b;\n}\n'],
  ])('%s', (_, before, after, symbol, path) => {
    const result = change(before, after, symbol, path);
    expect(result.kind).toBe('semantic');
    expect(result.equivalent).toBe(false);
  });

  it('a file that no longer parses is never equivalent', () => {
    const result = change('function f() {\n  return 1;\n}\n', 'function f() {\n  return 1 +;\n}\n');
    expect(result.kind).toBe('semantic');
    expect(result.equivalent).toBe(false);
  });
});
