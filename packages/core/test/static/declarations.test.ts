import { structuredPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import type { Hunk } from '../../src/diff/change-set.js';
import { analyzeDeclarations, declarationFindings } from '../../src/static/declarations/declarations.js';
import type { StaticFile } from '../../src/static/types.js';
import { cpuMs, scaledMs } from '@patchprobe/test-utils';

function hunks(before: string, after: string): Hunk[] {
  const patch = structuredPatch('a', 'a', before, after, '', '', { context: 0 });
  return patch.hunks.map((h) => ({ oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines }));
}

function staticFile(path: string, before: string | undefined, after: string | undefined, role: StaticFile['role'] = 'source'): StaticFile {
  const status = before === undefined ? 'added' : after === undefined ? 'deleted' : 'modified';
  return { path, status, role, before, after, hunks: hunks(before ?? '', after ?? '') };
}

/** symbol → change, for compact expectations. */
function changes(files: StaticFile[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of analyzeDeclarations(files).declarations) out[d.symbol] = d.oldSymbol ? `${d.change} from ${d.oldSymbol}` : d.change;
  return out;
}

const CALC_BEFORE = `export class Calc {
  constructor(private x: number) {}
  apply(y: number) { return this.x + y; }
  static make() { return new Calc(1); }
  get double() { return this.x * 2; }
}
export const obj = {
  inc: (n: number) => n + 1,
  dec(n: number) { return n - 1; },
};
export function outer(xs: number[]) {
  function inner(v: number) { return v * 2; }
  return xs.filter((x) => x > 0).map(inner);
}
`;

describe('touched declarations and their paths', () => {
  it('names nested functions, members, accessors, statics and anonymous functions', () => {
    const after = CALC_BEFORE.replace('constructor(private x: number) {}', 'constructor(private x: number) { log(x); }')
      .replace('this.x + y', 'this.x - y')
      .replace('new Calc(1)', 'new Calc(2)')
      .replace('this.x * 2', 'this.x * 3')
      .replace('n + 1', 'n + 2')
      .replace('n - 1', 'n - 2')
      .replace('v * 2', 'v * 4')
      .replace('x > 0', 'x >= 0');
    expect(changes([staticFile('src/calc.ts', CALC_BEFORE, after)])).toEqual({
      'src/calc.ts#Calc': 'semantic',
      'src/calc.ts#Calc.constructor': 'semantic',
      'src/calc.ts#Calc.apply': 'semantic',
      'src/calc.ts#Calc.static make': 'semantic',
      'src/calc.ts#Calc.get double': 'semantic',
      'src/calc.ts#obj': 'semantic',
      'src/calc.ts#obj.inc': 'semantic',
      'src/calc.ts#obj.dec': 'semantic',
      'src/calc.ts#outer': 'semantic',
      'src/calc.ts#outer.inner': 'semantic',
      'src/calc.ts#outer.<anon#0>': 'semantic',
    });
  });

  it('takes every declaration a hunk overlaps: one 3-line hunk over 3 one-line methods', () => {
    const before = 'class K {\n  a() { return 1; }\n  b() { return 2; }\n  c() { return 3; }\n  d() { return 4; }\n}\n';
    const after = 'class K {\n  a() { return 10; }\n  b() { return 20; }\n  c() { return 30; }\n  d() { return 4; }\n}\n';
    const file = staticFile('src/k.ts', before, after);
    expect(file.hunks).toEqual([{ oldStart: 2, oldLines: 3, newStart: 2, newLines: 3 }]);
    expect(changes([file])).toEqual({ 'src/k.ts#K': 'semantic', 'src/k.ts#K.a': 'semantic', 'src/k.ts#K.b': 'semantic', 'src/k.ts#K.c': 'semantic' });
  });

  it('two functions on one line are both taken', () => {
    const result = changes([staticFile('src/l.ts', 'const p = () => 1, q = () => 2;\n', 'const p = () => 1, q = () => 3;\n')]);
    expect(result).toEqual({ 'src/l.ts#p,q': 'semantic', 'src/l.ts#q': 'semantic' });
  });

  it('reports nothing for declarations next to an insertion, nor for a comment edited above a function', () => {
    const before = 'function a() {\n  return 1;\n}\n// note\nfunction b() {\n  return 2;\n}\n';
    const after = 'function a() {\n  return 1;\n}\n// a better note\nfunction b() {\n  return 2;\n}\nfunction c() {\n  return 3;\n}\n';
    const analysis = analyzeDeclarations([staticFile('src/n.ts', before, after)]);
    expect(analysis.declarations.map((d) => [d.symbol, d.change])).toEqual([['src/n.ts#c', 'added']]);
  });

  it('a line appended at the end of a function body touches it, with git-style hunks as well as jsdiff ones', () => {
    const before = 'function a() {\n  one();\n}\nfunction b() {\n  two();\n}\n';
    const after = 'function a() {\n  one();\n  three();\n}\nfunction b() {\n  two();\n}\n';
    const jsdiff = staticFile('src/g.ts', before, after);
    const git: StaticFile = { ...jsdiff, hunks: [{ oldStart: 2, oldLines: 0, newStart: 3, newLines: 1 }] };
    expect(changes([jsdiff])).toEqual({ 'src/g.ts#a': 'semantic' });
    expect(changes([git])).toEqual({ 'src/g.ts#a': 'semantic' });
  });

  it('names module-level statements: imports, consts, calls, assignments', () => {
    const before = "import { a } from './a';\nexport const CONFIG = { retries: 1 };\napp.use(a);\nmodule.exports.x = 1;\n";
    const after = "import { a, b } from './a';\nexport const CONFIG = { retries: 2 };\napp.use(b);\nmodule.exports.x = 2;\n";
    expect(changes([staticFile('src/m.ts', before, after)])).toEqual({
      'src/m.ts#<import ./a>': 'semantic',
      'src/m.ts#CONFIG': 'semantic',
      'src/m.ts#CONFIG.retries': 'semantic',
      'src/m.ts#<call app.use>': 'semantic',
      'src/m.ts#<assign module.exports.x>': 'semantic',
    });
  });

  it('marks declarations of exported statements, classes and objects as exported', () => {
    const before = 'export class A {\n  m() { return 1; }\n}\nfunction b() {\n  const c = () => 1;\n  return c;\n}\nexport { b };\n';
    const after = before.replaceAll('1', '2');
    const exported = Object.fromEntries(analyzeDeclarations([staticFile('src/e.ts', before, after)]).declarations.map((d) => [d.symbol, d.exported]));
    expect(exported).toEqual({ 'src/e.ts#A': true, 'src/e.ts#A.m': true, 'src/e.ts#b': true, 'src/e.ts#b.c': false });
  });
});

describe('pairing: added, removed, renamed, moved', () => {
  it('added and removed declarations', () => {
    const before = 'export function keep() {\n  return 1;\n}\nexport function gone() {\n  return 2;\n}\n';
    const after = 'export function keep() {\n  return 1;\n}\nexport function fresh() {\n  return 3;\n}\n';
    expect(changes([staticFile('src/a.ts', before, after)])).toEqual({ 'src/a.ts#fresh': 'added', 'src/a.ts#gone': 'removed' });
  });

  it('the same body under a new name in the same file is renamed', () => {
    const before = 'export function total(xs: number[]) {\n  return xs.reduce((s, x) => s + x, 0);\n}\n';
    const after = 'export function sum(xs: number[]) {\n  return xs.reduce((s, x) => s + x, 0);\n}\n';
    const analysis = analyzeDeclarations([staticFile('src/a.ts', before, after)]);
    expect(analysis.declarations.find((d) => d.symbol === 'src/a.ts#sum')).toMatchObject({ change: 'renamed', oldSymbol: 'src/a.ts#total', line: 1 });
    expect(analysis.equivalentFiles).toEqual([]);
  });

  it('the same body in another file is moved; the old copy is not also reported as removed', () => {
    const fn = 'export function parse(s: string) {\n  return JSON.parse(s);\n}\n';
    const files = [staticFile('src/a.ts', `export const x = 1;\n${fn}`, 'export const x = 1;\n'), staticFile('src/b.ts', 'export const y = 1;\n', `export const y = 1;\n${fn}`)];
    expect(changes(files)).toEqual({ 'src/b.ts#parse': 'moved from src/a.ts#parse' });
    expect(analyzeDeclarations(files).equivalentFiles).toEqual([]);
  });

  it('every declaration of an added or deleted file is added or removed; a renamed file with edits shows moves', () => {
    const result = changes([
      staticFile('src/new.ts', undefined, 'export function n() {\n  return 1;\n}\n'),
      staticFile('src/old.ts', 'export class O {\n  m() { return 2; }\n}\n', undefined),
    ]);
    expect(result).toEqual({ 'src/new.ts#n': 'added', 'src/old.ts#O': 'removed', 'src/old.ts#O.m': 'removed' });
  });

  it('pairs by path: duplicates are numbered in order', () => {
    const before = "describe('a', () => {\n  it('x', () => expect(1).toBe(1));\n});\n";
    const after = "describe('a', () => {\n  it('x', () => expect(1).toBe(2));\n});\n";
    expect(changes([staticFile('test/a.test.ts', before, after, 'test')])).toEqual({
      'test/a.test.ts#<call describe>': 'semantic',
      'test/a.test.ts#<anon#0>': 'semantic',
      'test/a.test.ts#<anon#0>.<anon#0>': 'semantic',
    });
  });
});

describe('equivalent files', () => {
  const before = "import { a } from './a';\nexport function f(x) {\n  return a(x);\n}\n";

  it('formatting + types-only + rename across declarations', () => {
    const after = "import { a } from './a';\nexport function f(value: number): number {\n  return a(value)\n}\n";
    const analysis = analyzeDeclarations([staticFile('src/f.ts', before, after)]);
    expect(analysis.equivalentFiles).toEqual(['src/f.ts']);
  });

  it('a type-only import and a new interface keep the file equivalent; a value import does not', () => {
    const typed = "import { a } from './a';\nimport type { N } from './n';\nimport { M } from './m';\nexport interface P { x: N }\nexport function f(x: M) {\n  return a(x);\n}\n";
    const analysis = analyzeDeclarations([staticFile('src/f.ts', before, typed)]);
    expect(analysis.declarations.map((d) => [d.symbol, d.change])).toEqual([
      ['src/f.ts#<import ./n>', 'added'],
      ['src/f.ts#<import ./m>', 'added'],
      ['src/f.ts#interface P', 'added'],
      ['src/f.ts#f', 'types-only'],
    ]);
    expect(analysis.equivalentFiles).toEqual(['src/f.ts']);
    const valueImport = "import { a } from './a';\nimport { b } from './b';\nexport function f(x) {\n  return a(x) ?? b;\n}\n";
    expect(analyzeDeclarations([staticFile('src/f.ts', before, valueImport)]).equivalentFiles).toEqual([]);
  });

  it('module-level statements that swap places are not equivalent (evaluation order); hoisted functions may move', () => {
    const before = 'const a = first();\nconst b = second();\nfunction g() {\n  return 1;\n}\nfunction h() {\n  return 2;\n}\n';
    const swapped = 'const b = second();\nconst a = first();\nfunction g() {\n  return 1;\n}\nfunction h() {\n  return 2;\n}\n';
    const hoisted = 'const a = first();\nconst b = second();\nfunction h() {\n  return 2;\n}\nfunction g() {\n  return 1;\n}\n';
    expect(analyzeDeclarations([staticFile('src/o.ts', before, swapped)]).equivalentFiles).toEqual([]);
    expect(analyzeDeclarations([staticFile('src/o.ts', before, hoisted)]).equivalentFiles).toEqual(['src/o.ts']);
  });

  it('only modified source files count; tests, docs and non-code files are not equivalent files', () => {
    const after = before.replace('return a(x);', 'return a(x); // same');
    const analysis = analyzeDeclarations([
      staticFile('test/f.test.ts', before, after, 'test'),
      staticFile('README.md', '# a\n', '# b\n', 'docs'),
      staticFile('src/data.json', '{}', '{ }'),
      staticFile('src/new.ts', undefined, 'export const n = 1;\n'),
    ]);
    expect(analysis.equivalentFiles).toEqual([]);
    expect(analysis.declarations.map((d) => d.file)).toEqual(['src/new.ts', 'test/f.test.ts']);
  });
});

describe(declarationFindings.name, () => {
  it('one info finding per source declaration and one per equivalent file; none for test files', () => {
    const files = [
      staticFile('src/a.ts', 'export function f(x) {\n  return x;\n}\nexport function g() {\n  return 1;\n}\n', 'export function f(y: number) {\n  return y;\n}\nexport function h() {\n  return 2;\n}\n'),
      staticFile('src/b.ts', 'export const b = 1;\n', "export const b = 1 as const;\n"),
      staticFile('test/a.test.ts', "it('x', () => {});\n", "it('y', () => {});\n", 'test'),
    ];
    const findings = declarationFindings(analyzeDeclarations(files));
    expect(findings.map((f) => [f.kind, f.severity, f.file, f.line, f.symbol, f.message])).toEqual([
      ['declaration-changed', 'info', 'src/a.ts', 1, 'src/a.ts#f', '`src/a.ts#f`: locals renamed consistently'],
      ['declaration-removed', 'info', 'src/a.ts', 4, 'src/a.ts#g', '`src/a.ts#g`: removed'],
      ['declaration-added', 'info', 'src/a.ts', 4, 'src/a.ts#h', '`src/a.ts#h`: added'],
      ['declaration-changed', 'info', 'src/b.ts', 1, 'src/b.ts#b', '`src/b.ts#b`: types-only change'],
      [
        'source-equivalent', 'info', 'src/b.ts', undefined, undefined,
        'src/b.ts: every change is formatting, types-only or a consistent rename; the emitted JavaScript is equivalent',
      ],
    ]);
  });

  it('renamed and moved findings name the old symbol', () => {
    const fn = (name: string) => `export function ${name}(s: string) {\n  return s.trim();\n}\n`;
    const findings = declarationFindings(
      analyzeDeclarations([staticFile('src/a.ts', fn('clean') + fn('other'), fn('tidy')), staticFile('src/b.ts', 'export {};\n', `export {};\n${fn('other')}`)]),
    );
    expect(findings.map((f) => [f.kind, f.message])).toEqual([
      ['declaration-renamed', '`src/a.ts#tidy`: renamed from `src/a.ts#clean`'],
      ['declaration-moved', '`src/b.ts#other`: moved from `src/a.ts#other`'],
    ]);
  });
});

describe('speed', () => {
  it('200 files of ~50 lines with one changed function each analyse within 5 s', () => {
    const fn = (i: number, k: number, body: string) => `export function f${i}_${k}(items: number[], factor: number) {\n${body}\n}\n`;
    const body = (i: number) => `  let total = 0;\n  for (const item of items) {\n    total += item * factor + ${i};\n  }\n  return total;`;
    const files: StaticFile[] = [];
    for (let i = 0; i < 200; i++) {
      const fns = (changed: string) => Array.from({ length: 7 }, (_, k) => fn(i, k, k === 3 ? changed : body(k))).join('');
      const head = `import { helper } from './helper';\n// file ${i}\n`;
      const variants = [
        body(3).replace('+ 3', '- 3'), // semantic
        body(3).replace('let total = 0;', 'let total: number = 0;'), // types-only
        body(3).replaceAll('total', 'sum').replace(/\bitem\b/g, 'x'), // rename
        body(3).replace('return total;', '// done\n  return (total);'), // formatting
      ];
      files.push(staticFile(`src/f${i}.ts`, head + fns(body(3)), head + fns(variants[i % 4]!)));
    }
    expect(files[0]!.before!.split('\n').length).toBeGreaterThanOrEqual(50);
    // CPU time, not wall time: the other test worker may be running StrykerJS on both cores.
    const { value: analysis, cpuMs: ms, wallMs } = cpuMs(() => analyzeDeclarations(files));
    console.log(`analyzeDeclarations: 200 files in ${ms.toFixed(0)} ms of CPU (${wallMs.toFixed(0)} ms wall)`);
    expect(analysis.declarations).toHaveLength(200);
    expect(analysis.equivalentFiles).toHaveLength(150);
    expect(ms).toBeLessThan(scaledMs(5000));
  });
});

describe('line spans and code excerpts', () => {
  it('gives each side of a paired declaration its own lines and text', () => {
    const before = 'export const x = 1;\nexport function f(a: number) {\n  return a + 1;\n}\n';
    const after = '// moved down\nexport const x = 1;\n\nexport function f(a: number) {\n  if (a < 0) return 0;\n  return a + 1;\n}\n';
    const [d] = analyzeDeclarations([staticFile('src/f.ts', before, after)]).declarations.filter((x) => x.symbol === 'src/f.ts#f');
    expect(d).toMatchObject({ line: 4, endLine: 7, change: 'semantic' });
    expect(d!.code.before).toEqual({ startLine: 2, endLine: 4, text: 'export function f(a: number) {\n  return a + 1;\n}' });
    expect(d!.code.after).toEqual({ startLine: 4, endLine: 7, text: 'export function f(a: number) {\n  if (a < 0) return 0;\n  return a + 1;\n}' });
  });

  it('has only the side that exists for added and removed declarations, and caps long ones', () => {
    const long = `export function big() {\n${Array.from({ length: 200 }, (_, i) => `  call(${i});`).join('\n')}\n}\n`;
    const ds = analyzeDeclarations([staticFile('src/new.ts', undefined, long), staticFile('src/old.ts', 'export const gone = () => 1;\n', undefined)]).declarations;
    const added = ds.find((d) => d.symbol === 'src/new.ts#big')!;
    expect(added.code.before).toBeUndefined();
    expect(added.code.after).toMatchObject({ startLine: 1, endLine: 202, truncated: true });
    expect(added.code.after!.text.split('\n')).toHaveLength(120);
    const removed = ds.find((d) => d.symbol === 'src/old.ts#gone')!;
    expect(removed.code).toEqual({ before: { startLine: 1, endLine: 1, text: 'export const gone = () => 1;' } });
  });
});
