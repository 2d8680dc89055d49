import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { pasteableTest, type PasteableInput } from '../../src/probes/pasteable-test.js';
import { observe } from '../../src/probes/runtime/observe.js';
import { Yielded, type Outcome } from '../../src/probes/runtime/outcome.js';
import { renderCall } from '../../src/probes/runtime/render.js';
import { scaledMs } from '@patchprobe/test-utils';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

function input(after: PasteableInput['after'], over: Partial<PasteableInput> = {}): PasteableInput {
  return { importPath: '../src/slug', exportName: 'slugify', callText: 'slugify("Ä b")', after, title: 'keeps the accent of "Ä b"', ...over };
}

/** Syntax errors of a generated file; transpileModule reports only syntactic diagnostics. */
function syntaxErrors(code: string): string[] {
  const out = ts.transpileModule(code, { reportDiagnostics: true, fileName: 'x.test.ts', compilerOptions: { module: ts.ModuleKind.ESNext } });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe(pasteableTest.name, () => {
  it('pins a returned object with toEqual', () => {
    expect(pasteableTest(input({ kind: 'returned', valueText: '{"slug":"a-b","parts":["a","b"]}' }))).toMatchInlineSnapshot(`
      "import { expect, test } from 'vitest';
      import { slugify } from '../src/slug';

      test('keeps the accent of "Ä b"', () => {
        expect(slugify("Ä b")).toEqual({"slug":"a-b","parts":["a","b"]});
      });
      "
    `);
  });

  it.each([
    ['"ä-b"', '.toBe("ä-b")'],
    ['3', '.toBe(3)'],
    ['-1.5e-7', '.toBe(-1.5e-7)'],
    ['-0', '.toBe(-0)'],
    ['Number.POSITIVE_INFINITY', '.toBe(Number.POSITIVE_INFINITY)'],
    ['true', '.toBe(true)'],
    ['null', '.toBe(null)'],
    ['undefined', '.toBe(undefined)'],
    ['-12n', '.toBe(-12n)'],
    ['Number.NaN', '.toBeNaN()'],
    ['[1,2]', '.toEqual([1,2])'],
    ['new Map([["a",1]])', '.toEqual(new Map([["a",1]]))'],
    ['new Date("1970-01-01T00:00:00.000Z")', '.toEqual(new Date("1970-01-01T00:00:00.000Z"))'],
    ['"a" + "b"', '.toEqual("a" + "b")'],
  ])('returned %s → %s', (valueText, matcher) => {
    expect(pasteableTest(input({ kind: 'returned', valueText }))).toContain(`  expect(slugify("Ä b"))${matcher};\n`);
  });

  it('awaits a resolved value in an async test', () => {
    const code = pasteableTest(input({ kind: 'resolved', valueText: '{"id":1}' }, { exportName: 'load', callText: 'load(1)', title: 'loads' }));
    expect(code).toMatchInlineSnapshot(`
      "import { expect, test } from 'vitest';
      import { load } from '../src/slug';

      test('loads', async () => {
        await expect(load(1)).resolves.toEqual({"id":1});
      });
      "
    `);
    expect(pasteableTest(input({ kind: 'resolved', valueText: 'Number.NaN' }))).toContain('await expect(slugify("Ä b")).resolves.toBeNaN();');
    expect(pasteableTest(input({ kind: 'resolved', valueText: '"x"' }))).toContain('await expect(slugify("Ä b")).resolves.toBe("x");');
  });

  it('expects a thrown error by its message', () => {
    const code = pasteableTest(
      input({ kind: 'threw', errorName: 'RangeError', message: 'amount must be "positive"' }, { exportName: 'Cart', callText: 'new Cart(2).total(-1)', title: 'rejects a negative total' }),
    );
    expect(code).toMatchInlineSnapshot(`
      "import { expect, test } from 'vitest';
      import { Cart } from '../src/slug';

      test('rejects a negative total', () => {
        expect(() => new Cart(2).total(-1)).toThrow("amount must be \\"positive\\"");
      });
      "
    `);
  });

  it('expects a rejection by its message in an async test', () => {
    expect(pasteableTest(input({ kind: 'rejected', errorName: 'Error', message: 'nope' }))).toContain(
      "test('keeps the accent of \"Ä b\"', async () => {\n  await expect(slugify(\"Ä b\")).rejects.toThrow(\"nope\");\n",
    );
  });

  it('expects a thrown non-Error by its value', () => {
    const thrown = (errorName: string, message: string) => pasteableTest(input({ kind: 'threw', errorName, message }));
    expect(thrown('throwstring', '"oops"')).toContain('expect(() => slugify("Ä b")).toThrow("oops");');
    expect(thrown('throwobject', '{"code":1}')).toContain('expect(() => slugify("Ä b")).toThrow({"code":1});');
    expect(thrown('throwobject', 'null')).toContain('expect(() => slugify("Ä b")).toThrow();');
    expect(thrown('throwundefined', 'undefined')).toContain('expect(() => slugify("Ä b")).toThrow();');
  });

  it('imports a default export under the name the call uses', () => {
    const code = pasteableTest(input({ kind: 'returned', valueText: '1' }, { exportName: 'default', callText: 'half(2)' }));
    expect(code.split('\n')[1]).toBe("import half from '../src/slug';");
    const cls = pasteableTest(input({ kind: 'returned', valueText: '1' }, { exportName: 'default', callText: 'new Cart(2).total(1)' }));
    expect(cls.split('\n')[1]).toBe("import Cart from '../src/slug';");
  });

  it('imports an async factory by its name and awaits it in an async test', () => {
    const code = pasteableTest(input({ kind: 'resolved', valueText: '"p: a"' }, { exportName: 'default', callText: '(await openStore("p:")).get(" a")' }));
    expect(code.split('\n')[1]).toBe("import openStore from '../src/slug';");
    expect(code).toContain('async () => {\n  await expect((await openStore("p:")).get(" a")).resolves.toBe("p: a");');
  });

  it('renames an export the call names differently, quoting export names that are not identifiers', () => {
    const renamed = pasteableTest(input({ kind: 'returned', valueText: '1' }, { exportName: 'slugify', callText: 'slug(1)' }));
    expect(renamed.split('\n')[1]).toBe("import { slugify as slug } from '../src/slug';");
    const quoted = pasteableTest(input({ kind: 'returned', valueText: '1' }, { exportName: 'a-b', callText: 'ab(1)' }));
    expect(quoted.split('\n')[1]).toBe("import { \"a-b\" as ab } from '../src/slug';");
  });

  it('escapes the title and the import path for single-quoted strings', () => {
    const code = pasteableTest(input({ kind: 'returned', valueText: '1' }, { title: "it's a\\b\nc\u2028", importPath: "../src/it's" }));
    expect(code).toContain("test('it\\'s a\\\\b\\nc\\u2028', () => {");
    expect(code).toContain("from '../src/it\\'s';");
    expect(syntaxErrors(code)).toEqual([]);
  });

  it('is deterministic', () => {
    const i = input({ kind: 'rejected', errorName: 'Error', message: 'x' });
    expect(pasteableTest(i)).toBe(pasteableTest(structuredClone(i)));
  });

  it('produces syntactically valid TypeScript for every shape', () => {
    const afters: PasteableInput['after'][] = [
      { kind: 'returned', valueText: '{"a":[1,-0,Number.NaN],"b":new Set([1n]),"c":undefined}' },
      { kind: 'returned', valueText: '"line\\nbreak \\"q\\" \'s\'"' },
      { kind: 'returned', valueText: 'Number.NaN' },
      { kind: 'resolved', valueText: 'new Date(NaN)' },
      { kind: 'threw', errorName: 'TypeError', message: "Cannot read properties of undefined (reading 'x')\n  at line 2" },
      { kind: 'rejected', errorName: 'Error', message: '`${x}` \\ \u2028' },
      { kind: 'threw', errorName: 'throwstring', message: '"o\'ops"' },
      { kind: 'rejected', errorName: 'throwobject', message: 'null' },
    ];
    const calls: Array<Pick<PasteableInput, 'exportName' | 'callText'>> = [
      { exportName: 'slugify', callText: 'slugify("Ä b", {"x":[1]})' },
      { exportName: 'default', callText: 'half(new Map([[1,2]]))' },
      { exportName: 'Cart', callText: 'new Cart(2).total(-1)' },
    ];
    for (const after of afters) {
      for (const call of calls) {
        const code = pasteableTest(input(after, { ...call, title: `it's "${after.kind}"\n` }));
        expect(syntaxErrors(code), code).toEqual([]);
      }
    }
    // The check itself notices broken code.
    expect(syntaxErrors('expect(f(').length).toBeGreaterThan(0);
  });
});

// The generated files must not only parse but pass against the code they describe: this runs them
// with vitest in a scratch project, for outcomes recorded by `observe` on a real module.
describe('generated tests pass against the new version', () => {
  const SUBJECT = `
export function slugify(s) { return s.trim().toLowerCase().replace(/\\s+/g, '-'); }
export default function half(n) { return n / 2; }
export function shape(n) { return { n, list: [n, -0], map: new Map([['k', new Set([n])]]), when: new Date(0), big: 2n, none: undefined }; }
export function nan() { return Number.NaN; }
export function negZero() { return -0; }
export function nothing() {}
export async function later(n) { return n + 1; }
export async function laterNaN() { return Number.NaN; }
export function fail(why) { throw new RangeError(why + ' "quoted"\\nsecond line'); }
export async function failLater() { throw new Error("it's gone"); }
export function throwString() { throw 'oops'; }
export function throwObject() { throw { code: 1, tags: ['a'] }; }
export async function rejectNumber() { throw 42; }
export function throwNull() { throw null; }
export function* count(n) { for (let i = 0; i < n; i++) yield i; }
export async function* countLater(n) { for (let i = 0; i < n; i++) yield { i }; }
export async function* failAfterOne() { yield 1; throw new TypeError('gone'); }
export class Cart {
  constructor(n) { this.n = n; }
  total(x) { if (x < 0) throw new Error('negative'); return { n: this.n, x }; }
}
`;

  function behaviour(o: Outcome): PasteableInput['after'] {
    // As run-probes.ts turns an outcome into the after behaviour.
    if (o.kind === 'returned' || o.kind === 'resolved') {
      return o.value instanceof Yielded ? { kind: o.kind, valueText: fc.stringify(o.value.items), iterated: true, ...(o.value.async ? { async: true } : {}) } : { kind: o.kind, valueText: fc.stringify(o.value) };
    }
    if (o.kind === 'threw' || o.kind === 'rejected') return { kind: o.kind, errorName: o.error.name, message: o.error.message, ...(o.kind === 'rejected' && o.iterated ? { iterated: true } : {}) };
    throw new Error('timeout has no pasteable test');
  }

  it('every shape', { timeout: scaledMs(120_000) }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patchprobe-pasteable-'));
    try {
      fs.mkdirSync(path.join(dir, 'src'));
      fs.mkdirSync(path.join(dir, 'test'));
      fs.mkdirSync(path.join(dir, 'node_modules'));
      fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules/vitest')), path.join(dir, 'node_modules/vitest'), 'dir');
      fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }');
      fs.writeFileSync(path.join(dir, 'src/subject.js'), SUBJECT);
      const mod = (await import(pathToFileURL(path.join(dir, 'src/subject.js')).href)) as Record<string, (...a: unknown[]) => unknown>;

      const cases: Array<{ exportName: string; local?: string; args: unknown[]; method?: { ctorArgs: unknown[]; name: string } }> = [
        { exportName: 'slugify', args: [' Ä  B '] },
        { exportName: 'default', local: 'half', args: [3] },
        { exportName: 'shape', args: [7] },
        { exportName: 'nan', args: [] },
        { exportName: 'negZero', args: [] },
        { exportName: 'nothing', args: [] },
        { exportName: 'later', args: [1] },
        { exportName: 'laterNaN', args: [] },
        { exportName: 'fail', args: ['bad'] },
        { exportName: 'failLater', args: [] },
        { exportName: 'throwString', args: [] },
        { exportName: 'throwObject', args: [] },
        { exportName: 'rejectNumber', args: [] },
        { exportName: 'throwNull', args: [] },
        // Generators: what they yield (an async one read with for await, and one that rejects midway).
        { exportName: 'count', args: [3] },
        { exportName: 'countLater', args: [2] },
        { exportName: 'failAfterOne', args: [] },
        { exportName: 'Cart', args: [2], method: { ctorArgs: [2], name: 'total' } },
        { exportName: 'Cart', args: [-1], method: { ctorArgs: [2], name: 'total' } },
      ];
      const kinds = new Set<string>();
      for (const [i, c] of cases.entries()) {
        const local = c.local ?? c.exportName;
        const target = mod[c.exportName]!;
        const method = c.method;
        const call = method
          ? (args: unknown[]) => (Reflect.construct(target, method.ctorArgs) as Record<string, (...a: unknown[]) => unknown>)[method.name]!(...args)
          : (args: unknown[]) => target(...args);
        const callText = method
          ? `${renderCall(`new ${local}`, method.ctorArgs, Infinity)}.${renderCall(method.name, c.args, Infinity)}`
          : renderCall(local, c.args, Infinity);
        const outcome = await observe(call, c.args, 1000);
        kinds.add(outcome.kind);
        const code = pasteableTest({ importPath: '../src/subject.js', exportName: c.exportName, callText, after: behaviour(outcome), title: `case ${i}` });
        fs.writeFileSync(path.join(dir, `test/case${i}.test.ts`), code);
      }
      expect([...kinds].sort()).toEqual(['rejected', 'resolved', 'returned', 'threw']);

      const report = path.join(dir, 'report.json');
      let status = 0;
      try {
        execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--root', dir, '--reporter=json', `--outputFile=${report}`], {
          cwd: dir,
          stdio: 'pipe',
          env: { ...process.env, CI: '1', NO_COLOR: '1' },
        });
      } catch (e) {
        status = (e as { status?: number }).status ?? -1;
      }
      const result = JSON.parse(fs.readFileSync(report, 'utf8')) as {
        numTotalTests: number;
        testResults: Array<{ name: string; assertionResults: Array<{ status: string; failureMessages: string[] }> }>;
      };
      const failures = result.testResults.flatMap((f) =>
        f.assertionResults.filter((a) => a.status !== 'passed').map((a) => `${path.basename(f.name)}\n${fs.readFileSync(f.name, 'utf8')}\n${a.failureMessages.join('\n')}`),
      );
      expect(failures).toEqual([]);
      expect(result.numTotalTests).toBe(cases.length);
      expect(status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
