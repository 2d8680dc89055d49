import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createModuleExists, detectTampering } from '../../src/static/tampering/tampering.js';
import type { StaticFile } from '../../src/static/types.js';
import type { Finding } from '../../src/verdict/finding.js';

const FILE = 'test/cart.test.ts';

function edited(before: string, after: string, file = FILE): StaticFile {
  return { path: file, status: 'modified', role: 'test', before, after, hunks: [] };
}

function detect(files: StaticFile[], moduleExists: (s: string, f: string) => boolean = () => true): Finding[] {
  return detectTampering({ files, moduleExists });
}

/** Findings of one edit as "kind test" lines, the file prefix dropped. */
function summary(before: string, after: string): string[] {
  return detect([edited(before, after)]).map((f) => `${f.kind} ${f.test?.replace(`${FILE} > `, '') ?? ''}`.trim());
}

const suite = (body: string): string => `import { describe, expect, it, vi } from 'vitest';\nimport { total } from '../src/cart';\n\ndescribe('cart', () => {\n${body}\n});\n`;
const T_ADDS = `  it('adds', () => {\n    const cart = [1, 2];\n    expect(total(cart)).toBe(3);\n    expect(cart).toHaveLength(2);\n  });`;
const T_EMPTY = `  it('is zero when empty', () => {\n    expect(total([])).toBe(0);\n  });`;
const BASE = suite(`${T_ADDS}\n\n${T_EMPTY}`);

describe('tamper-test-removed', () => {
  it('reports a test absent after the patch, with its line in the old file', () => {
    const findings = detect([edited(BASE, suite(T_ADDS))]);
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'tamper-test-removed', severity: 'warning', file: FILE, line: 11, test: `${FILE} > cart > is zero when empty` }),
    ]);
    expect(findings[0]?.message).toMatch(/removed/);
  });

  it('reports every test of a removed describe block', () => {
    const before = `${BASE}\ndescribe('tax', () => {\n  it('rounds', () => { expect(1).toBe(1); });\n  it('adds vat', () => { expect(2).toBe(2); });\n});\n`;
    expect(summary(before, BASE)).toEqual(['tamper-test-removed tax > rounds', 'tamper-test-removed tax > adds vat']);
  });

  it('reports one removal per test of a deleted test file', () => {
    const file: StaticFile = { path: FILE, status: 'deleted', role: 'test', before: BASE, hunks: [] };
    expect(detect([file]).map((f) => `${f.kind} ${f.test} :${f.line}`)).toEqual([
      `tamper-test-removed ${FILE} > cart > adds :5`,
      `tamper-test-removed ${FILE} > cart > is zero when empty :11`,
    ]);
  });

  it('treats a renamed test whose body is unchanged as a rename, not a removal', () => {
    expect(summary(BASE, BASE.replace("'is zero when empty'", "'totals an empty cart to zero'"))).toEqual([]);
  });

  it('reports a renamed test whose body changed as removed', () => {
    const after = BASE.replace("'is zero when empty'", "'totals nothing'").replace('toBe(0)', 'toBe(0);\n    expect(1).toBe(1)');
    expect(summary(BASE, after)).toEqual(['tamper-test-removed cart > is zero when empty']);
  });

  it('follows tests moved into a new describe block, even edited', () => {
    const after = suite(`  describe('totals', () => {\n${T_ADDS}\n${T_EMPTY.replace('toBe(0)', 'toBe(1)')}\n  });`);
    expect(summary(BASE, after)).toEqual(['tamper-expected-changed cart > totals > is zero when empty']);
  });

  it('does not pair a test removed in one describe with a new test of the same title in another', () => {
    const before = `${BASE}describe('other', () => {});\n`;
    const after = `${suite(T_ADDS)}describe('other', () => {\n${T_EMPTY.replace('total([])', 'total([0])')}\n});\n`;
    expect(summary(before, after)).toEqual(['tamper-test-removed cart > is zero when empty']);
  });

  it('reports cases removed from an .each table', () => {
    const before = suite(`  it.each([[1, 1], [2, 2], [3, 3]])('total of %i', (a, b) => {\n    expect(total([a])).toBe(b);\n  });`);
    expect(summary(before, before.replace(', [3, 3]', ''))).toEqual(['tamper-test-removed cart > total of %i']);
  });

  it('names a test under a repeated describe title as patchprobe does (the last title numbered)', () => {
    const block = `describe('totals', () => {\n  it('sums', () => {\n    expect(total([1])).toBe(1);\n  });\n});\n`;
    const before = `${block}${block.replace('[1])).toBe(1)', '[2])).toBe(2)')}`;
    expect(detect([edited(before, block)]).map((f) => f.test)).toEqual([`${FILE} > totals > sums #2`]);
  });

  it('treats a renamed describe block with the same content as a rename', () => {
    expect(summary(BASE, BASE.replace("describe('cart'", "describe('shopping cart'"))).toEqual([]);
  });

  it('keeps repeated titles apart as patchprobe test ids do (#2)', () => {
    const twice = suite(`${T_EMPTY}\n${T_EMPTY.replace('[]', '[0]')}`);
    expect(summary(twice, suite(T_EMPTY))).toEqual(['tamper-test-removed cart > is zero when empty #2']);
  });
});

describe('tamper-test-disabled', () => {
  it.each([
    ['it.skip', "it.skip('adds'"],
    ['it.todo', "it.todo('adds'"],
    ['it.fails', "it.fails('adds'"],
    ['xit', "xit('adds'"],
    ['it.skipIf(cond)', "it.skipIf(process.env.CI)('adds'"],
    ['it.runIf(cond)', "it.runIf(false)('adds'"],
    ['it.concurrent.skip', "it.concurrent.skip('adds'"],
  ])('reports %s newly added to a test', (_, callee) => {
    const findings = detect([edited(BASE, BASE.replace("it('adds'", callee))]);
    expect(findings.map((f) => [f.kind, f.test, f.line])).toEqual([['tamper-test-disabled', `${FILE} > cart > adds`, 5]]);
  });

  it('reports describe.skip and xdescribe on the block, not on each test', () => {
    expect(summary(BASE, BASE.replace("describe('cart'", "describe.skip('cart'"))).toEqual(['tamper-test-disabled cart']);
    expect(summary(BASE, BASE.replace("describe('cart'", "xdescribe('cart'"))).toEqual(['tamper-test-disabled cart']);
  });

  it('reports a changed skipIf condition', () => {
    const before = BASE.replace("it('adds'", "it.skipIf(isWindows)('adds'");
    const findings = detect([edited(before, before.replace('skipIf(isWindows)', 'skipIf(true)'))]);
    expect(findings.map((f) => f.kind)).toEqual(['tamper-test-disabled']);
    expect(findings[0]?.message).toContain('condition');
  });

  it('reports an early return or ctx.skip() added at the top of a test body', () => {
    expect(summary(BASE, BASE.replace('const cart = [1, 2];', 'return;\n    const cart = [1, 2];'))).toEqual(['tamper-test-disabled cart > adds']);
    const ctx = BASE.replace("it('adds', () => {", "it('adds', (ctx) => {\n    ctx.skip();");
    expect(summary(BASE, ctx)).toEqual(['tamper-test-disabled cart > adds']);
    const destructured = BASE.replace("it('adds', () => {", "it('adds', ({ skip }) => {\n    skip();");
    expect(summary(BASE, destructured)).toEqual(['tamper-test-disabled cart > adds']);
  });

  it('reports .skip added to an each-test (it.skip.each)', () => {
    const before = suite(`  it.each([[1, 1]])('total of %i', (a, b) => {\n    expect(total([a])).toBe(b);\n  });`);
    expect(summary(before, before.replace('it.each', 'it.skip.each'))).toEqual(['tamper-test-disabled cart > total of %i']);
  });

  it('says nothing about a test that was already skipped, or that is no longer skipped', () => {
    const skipped = BASE.replace("it('adds'", "it.skip('adds'");
    expect(summary(skipped, skipped.replace('toBe(0)', 'toBe(0);\n    expect(total([0])).toBe(0)'))).toEqual([]);
    expect(summary(skipped, BASE)).toEqual([]);
    expect(summary(skipped, skipped.replace("it.skip('adds'", "it.todo('adds'"))).toEqual([]);
  });
});

describe('tamper-only-added', () => {
  it.each([
    ['it.only', "it('adds'", "it.only('adds'", 'cart > adds'],
    ['it.concurrent.only', "it('adds'", "it.concurrent.only('adds'", 'cart > adds'],
    ['fit', "it('adds'", "fit('adds'", 'cart > adds'],
    ['describe.only', "describe('cart'", "describe.only('cart'", 'cart'],
    ['fdescribe', "describe('cart'", "fdescribe('cart'", 'cart'],
  ])('reports %s', (_, from, to, test) => {
    expect(summary(BASE, BASE.replace(from, to))).toEqual([`tamper-only-added ${test}`]);
  });
});

describe('tamper-assertions-reduced', () => {
  it('reports fewer expect calls in a test, naming the one that went', () => {
    const findings = detect([edited(BASE, BASE.replace('    expect(cart).toHaveLength(2);\n', ''))]);
    expect(findings.map((f) => [f.kind, f.test, f.line])).toEqual([['tamper-assertions-reduced', `${FILE} > cart > adds`, 5]]);
    expect(findings[0]?.message).toContain('from 2 to 1');
    expect(findings[0]?.message).toContain('expect(cart).toHaveLength(2)');
  });

  it('counts expect.assertions(n)', () => {
    const before = BASE.replace('const cart = [1, 2];', 'expect.assertions(2);\n    const cart = [1, 2];');
    const findings = detect([edited(before, BASE)]);
    expect(findings.map((f) => f.kind)).toEqual(['tamper-assertions-reduced']);
    expect(findings[0]?.message).toContain('`expect.assertions(2)`');
  });

  it('counts expect.soft and assert calls', () => {
    const before = suite(`  it('checks', () => {\n    expect.soft(total([1])).toBe(1);\n    assert.equal(total([2]), 2);\n    assert(total([]) === 0);\n  });`);
    expect(summary(before, before.replace('    assert(total([]) === 0);\n', ''))).toEqual(['tamper-assertions-reduced cart > checks']);
    expect(summary(before, before.replace('    expect.soft(total([1])).toBe(1);\n', ''))).toEqual(['tamper-assertions-reduced cart > checks']);
  });
});

describe('tamper-expected-changed', () => {
  it('reports a changed expected value under the same matcher, old → new', () => {
    const findings = detect([edited(BASE, BASE.replace('toBe(3)', 'toBe(4)'))]);
    expect(findings).toEqual([expect.objectContaining({ kind: 'tamper-expected-changed', line: 7, test: `${FILE} > cart > adds` })]);
    expect(findings[0]?.message).toContain('`toBe(3)` → `toBe(4)`');
    expect(findings[0]?.message).toContain('expect(total(cart))');
  });

  it('reports a changed object literal in toEqual and a changed error message in toThrow', () => {
    const before = suite(`  it('builds', () => {\n    expect(build()).toEqual({ items: 1, total: 3 });\n    expect(() => total(null)).toThrow('no cart');\n  });`);
    const after = before.replace('total: 3', 'total: 4').replace("'no cart'", "'cart missing'");
    expect(summary(before, after)).toEqual(['tamper-expected-changed cart > builds', 'tamper-expected-changed cart > builds']);
  });

  it('sees whitespace inside template literals and regular expressions as a change', () => {
    const before = suite("  it('formats', () => {\n    expect(format(1)).toBe(`a ${1} b`);\n    expect(format(2)).toMatch(/^a b$/);\n  });");
    expect(summary(before, before.replace('`a ${1} b`', '`a ${1}  b`'))).toEqual(['tamper-expected-changed cart > formats']);
    expect(summary(before, before.replace('/^a b$/', '/^a  b$/'))).toEqual(['tamper-expected-changed cart > formats']);
  });

  it('reads a check of a part replaced by a deep equality on the whole as a new expected value there (tinyspy 4610fe85)', () => {
    const before = suite(`  it('records an error', () => {\n    expect(spy.results[0][0]).toEqual('error');\n    expect(spy.results[0][1].message).toEqual('async error');\n  });`);
    const after = suite(`  it('records an error', () => {\n    expect(spy.results).toEqual([['ok', promise]]);\n    expect(spy.resolves[0][0]).toEqual('error');\n  });`);
    const findings = detect([edited(before, after)]);
    expect(findings.map((f) => f.kind)).toEqual(['tamper-expected-changed']);
    expect(findings[0]?.message).toContain("`expect(spy.results[0][0]).toEqual('error')` → `expect(spy.results).toEqual([['ok', promise]])` (a check of the whole value, `'ok'` there)");
    // the same value there: a stronger check of the same expectation, nothing to confirm
    expect(summary(before, after.replace("'ok'", "'error'"))).toEqual([]);
    // the whole value is not a literal at that path (a spread, a variable), or the new check is on another value
    expect(summary(before, after.replace("[['ok', promise]]", '[...rest]'))).toEqual([]);
    expect(summary(before, after.replace('expect(spy.results)', 'expect(spy.calls)'))).toEqual([]);
    // broken output there is a degenerate expected value, as with the same subject
    expect(summary(before, after.replace("'ok'", 'NaN')).map((l) => l.split(' ')[0])).toEqual(['tamper-expected-degenerate']);
  });

  it('reports a changed row of an .each table', () => {
    const before = suite(`  it.each([[1, 1], [2, 2]])('total of %i', (a, b) => {\n    expect(total([a])).toBe(b);\n  });`);
    const findings = detect([edited(before, before.replace('[2, 2]', '[2, 3]'))]);
    expect(findings.map((f) => f.kind)).toEqual(['tamper-expected-changed']);
    expect(findings[0]?.message).toContain('`[2, 2]` → `[2, 3]`');
  });
});

describe('tamper-matcher-loosened', () => {
  const one = (assertion: string): string => suite(`  it('checks', () => {\n    ${assertion};\n  });`);
  it.each([
    ['toBe → toBeDefined', 'expect(total([2])).toBe(2)', 'expect(total([2])).toBeDefined()'],
    ['toEqual → toBeTruthy', 'expect(total([2])).toEqual(2)', 'expect(total([2])).toBeTruthy()'],
    ['toHaveLength → not.toBeNull', 'expect(items()).toHaveLength(2)', 'expect(items()).not.toBeNull()'],
    ['toBe → toBeTypeOf', "expect(total([2])).toBe(2)", "expect(total([2])).toBeTypeOf('number')"],
    ['toStrictEqual → toEqual', 'expect(cart()).toStrictEqual({ a: 1 })', 'expect(cart()).toEqual({ a: 1 })'],
    ['toEqual → toMatchObject', 'expect(cart()).toEqual({ a: 1 })', 'expect(cart()).toMatchObject({ a: 1 })'],
    ['toThrow(message) → toThrow()', "expect(() => total(null)).toThrow('no cart')", 'expect(() => total(null)).toThrow()'],
    ['toThrow(Class) → toThrow()', 'expect(() => total(null)).toThrow(TypeError)', 'expect(() => total(null)).toThrow()'],
    ['toHaveBeenCalledWith → toHaveBeenCalled', 'expect(spy).toHaveBeenCalledWith(1)', 'expect(spy).toHaveBeenCalled()'],
    ['toEqual(value) → toEqual(expect.anything())', 'expect(cart()).toEqual({ a: 1 })', 'expect(cart()).toEqual(expect.anything())'],
    ['a field → expect.any(Number)', 'expect(cart()).toEqual({ a: 1 })', 'expect(cart()).toEqual({ a: expect.any(Number) })'],
    ['toBeCloseTo precision lowered', 'expect(total([0.1, 0.2])).toBeCloseTo(0.3, 5)', 'expect(total([0.1, 0.2])).toBeCloseTo(0.3, 1)'],
    ['toBeCloseTo precision removed', 'expect(total([0.1, 0.2])).toBeCloseTo(0.3, 5)', 'expect(total([0.1, 0.2])).toBeCloseTo(0.3)'],
    ['toBe → not.toBe', 'expect(total([2])).toBe(2)', 'expect(total([2])).not.toBe(3)'],
    ['assert.strictEqual → assert.ok', 'assert.strictEqual(total([2]), 2)', 'assert.ok(total([2]))'],
    ['toBe → toBeDefined on a renamed subject', 'expect(total([2])).toBe(2)', 'expect(sum([2])).toBeDefined()'],
  ])('reports %s', (_, from, to) => {
    const findings = detect([edited(one(from), one(to))]);
    expect(findings.map((f) => [f.kind, f.test, f.line])).toEqual([['tamper-matcher-loosened', `${FILE} > cart > checks`, 6]]);
  });

  it('shows both matchers in the message', () => {
    const [f] = detect([edited(BASE, BASE.replace('toBe(3)', 'toBeDefined()'))]);
    expect(f?.message).toContain('`toBe(3)` → `toBeDefined()`');
  });

  it.each([
    ['a third argument', "it('adds', () => {\n    expect(1).toBe(1);\n  }, 1000)", "it('adds', () => {\n    expect(1).toBe(1);\n  }, 30_000)"],
    ['a timeout option', "it('adds', { timeout: 100 }, () => {\n    expect(1).toBe(1);\n  })", "it('adds', { timeout: 60 * 1000 }, () => {\n    expect(1).toBe(1);\n  })"],
    ['a timeout where there was none', "it('adds', () => {\n    expect(1).toBe(1);\n  })", "it('adds', () => {\n    expect(1).toBe(1);\n  }, 20000)"],
    ['a retry option', "it('adds', () => {\n    expect(1).toBe(1);\n  })", "it('adds', { retry: 3 }, () => {\n    expect(1).toBe(1);\n  })"],
  ])('reports a test timeout raised through %s', (_, from, to) => {
    expect(summary(suite(`  ${from};`), suite(`  ${to};`))).toEqual(['tamper-matcher-loosened cart > adds']);
  });

  it('reports vi.setConfig({ testTimeout }) raised', () => {
    const findings = detect([edited(BASE, BASE.replace("describe('cart'", "vi.setConfig({ testTimeout: 60_000 });\ndescribe('cart'"))]);
    expect(findings.map((f) => [f.kind, f.line])).toEqual([['tamper-matcher-loosened', 4]]);
  });

  it('does not report a stricter matcher as loosened (a stronger check with a new expected value), nor a lowered timeout', () => {
    const [stricter, ...rest] = detect([edited(BASE, BASE.replace('toHaveLength(2)', 'toStrictEqual([1, 2])'))]);
    expect(rest).toEqual([]);
    expect(stricter).toMatchObject({ kind: 'tamper-expected-changed', test: `${FILE} > cart > adds` });
    expect(stricter?.message).toContain('`toHaveLength(2)` → `toStrictEqual([1, 2])` (a stronger check)');
    expect(summary(BASE, BASE.replace('toBe(3)', 'toEqual(3)'))).toEqual([]); // as strong, same value
    const slow = suite(`  it('adds', () => {\n    expect(1).toBe(1);\n  }, 30000);`);
    expect(summary(slow, slow.replace('30000', '1000'))).toEqual([]);
  });
});

describe('tamper-expected-degenerate', () => {
  const one = (assertion: string): string => suite(`  it('checks', () => {\n    ${assertion};\n  });`);
  it.each([
    ['a number → NaN', 'expect(total([2])).toBe(2)', 'expect(total([2])).toBe(NaN)'],
    ['toBe → toBeNaN', 'expect(total([2])).toBe(2)', 'expect(total([2])).toBeNaN()'],
    ['a string that now says undefined', "expect(label()).toBe('Total: 3 €')", "expect(label()).toBe('Total: undefined €')"],
    ['a string that now says [object Object]', "expect(label()).toEqual(['a'])", "expect(label()).toEqual(['[object Object]'])"],
    ['Invalid Date in a template', 'expect(when()).toBe(`on 2024-01-01`)', 'expect(when()).toBe(`on Invalid Date`)'],
    ['an inline snapshot now printing NaN', 'expect(render()).toMatchInlineSnapshot(`"total: 3"`)', 'expect(render()).toMatchInlineSnapshot(`"total: NaN"`)'],
  ])('reports %s', (_, from, to) => {
    const findings = detect([edited(one(from), one(to))]);
    expect(findings.map((f) => [f.kind, f.test, f.line])).toEqual([['tamper-expected-degenerate', `${FILE} > cart > checks`, 6]]);
  });

  it('reports an .each case changed to broken output', () => {
    const table = suite(`  it.each([[1, 'one'], [2, 'two']])('names %i', (n, s) => {\n    expect(name(n)).toBe(s);\n  });`);
    expect(summary(table, table.replace("'two'", "'undefined'"))).toEqual(['tamper-expected-degenerate cart > names %i']);
  });

  it.each([
    ['a path that now prints null', "expect(url(u)).toBe('/users/7')", "expect(url(u)).toBe('/users/null')"],
    ['a query value that now prints null', "expect(url(u)).toBe('?id=7')", "expect(url(u)).toBe('?id=null')"],
    ['a string that is now just "null"', "expect(show(x)).toBe('7')", "expect(show(x)).toBe('null')"],
  ])('reports %s', (_, from, to) => {
    expect(summary(one(from), one(to))).toEqual(['tamper-expected-degenerate cart > checks']);
  });

  // Issue 16: words of prose or data are a deliberate new expectation, not broken output.
  it.each([
    ['an error message that now says null', "expect(() => parse('')).toThrow('value is required')", "expect(() => parse('')).toThrow('value must not be null or undefined')"],
    ['a message that now says null in prose', "expect(explain(x)).toBe('x is empty')", "expect(explain(x)).toBe('x is null, so nothing is sent')"],
    ['a JSON text with a null field', "expect(JSON.stringify(o)).toBe('{\"a\":1}')", "expect(JSON.stringify(o)).toBe('{\"a\":null}')"],
    ['a word that contains null', "expect(kind(t)).toBe('optional')", "expect(kind(t)).toBe('nullable')"],
  ])('does not report %s', (_, from, to) => {
    expect(summary(one(from), one(to))).toEqual(['tamper-expected-changed cart > checks']);
  });

  it('does not report a value that was already degenerate, nor a bare undefined or null', () => {
    expect(summary(one("expect(f()).toBe('NaN a')"), one("expect(f()).toBe('NaN b')"))).toEqual(['tamper-expected-changed cart > checks']);
    expect(summary(one('expect(find(1)).toBe(2)'), one('expect(find(1)).toBe(undefined)'))).toEqual(['tamper-expected-changed cart > checks']);
    expect(summary(one('expect(find(1)).toEqual({ a: 1 })'), one('expect(find(1)).toEqual({ a: null })'))).toEqual(['tamper-expected-changed cart > checks']);
  });
});

describe('tamper-snapshot-rewritten', () => {
  const snap = (entries: Record<string, string>): string =>
    `// Vitest Snapshot v1, https://vitest.dev/guide/snapshot.html\n\n${Object.entries(entries).map(([k, v]) => `exports[\`${k}\`] = \`${v}\`;\n`).join('\n')}`;
  const SNAP = 'test/__snapshots__/cart.test.ts.snap';
  const file = (status: StaticFile['status'], before?: string, after?: string, p = SNAP): StaticFile => {
    const f: StaticFile = { path: p, status, role: 'source', hunks: [] };
    if (before !== undefined) f.before = before;
    if (after !== undefined) f.after = after;
    return f;
  };

  it('reports a snapshot file whose entries changed, at the changed entry', () => {
    const before = snap({ 'cart > adds 1': '"3"', 'cart > lists 1': '\n[\n  1,\n]\n' });
    const after = snap({ 'cart > adds 1': '"4"', 'cart > lists 1': '\n[\n  1,\n]\n' });
    const findings = detect([file('modified', before, after)]);
    expect(findings).toEqual([expect.objectContaining({ kind: 'tamper-snapshot-rewritten', file: SNAP, line: 3 })]);
    expect(findings[0]?.message).toContain('`cart > adds 1`');
  });

  it('reports a snapshot entry rewritten to broken output on its test', () => {
    const before = snap({ 'cart > adds 1': '"total: 3"', 'cart > lists 1': '"a"' });
    const after = snap({ 'cart > adds 1': '"total: NaN"', 'cart > lists 1': '"undefined"' });
    const findings = detect([file('modified', before, after)]);
    expect(findings.map((f) => [f.kind, f.test, f.line])).toEqual([
      ['tamper-expected-degenerate', 'test/cart.test.ts > cart > adds', 3],
      ['tamper-expected-degenerate', 'test/cart.test.ts > cart > lists', 5],
      ['tamper-snapshot-rewritten', undefined, 3],
    ]);
    expect(findings[0]?.message).toContain('(NaN)');
  });

  it('reports a deleted snapshot file and a .snap file outside __snapshots__', () => {
    expect(detect([file('deleted', snap({ a: '1' }))]).map((f) => f.kind)).toEqual(['tamper-snapshot-rewritten']);
    expect(detect([file('modified', 'x', 'y', 'snaps/cart.snap')]).map((f) => f.kind)).toEqual(['tamper-snapshot-rewritten']);
  });

  it('does not report snapshots only added (new tests) or a new snapshot file', () => {
    expect(detect([file('modified', snap({ a: '1' }), snap({ a: '1', b: '2' }))])).toEqual([]);
    expect(detect([file('added', undefined, snap({ a: '1' }))])).toEqual([]);
  });

  it('reports a changed inline snapshot, but not a re-indented one', () => {
    const before = suite("  it('renders', () => {\n    expect(render()).toMatchInlineSnapshot(`\n      \"total: 3\"\n    `);\n  });");
    expect(summary(before, before.replace('total: 3', 'total: 4'))).toEqual(['tamper-snapshot-rewritten cart > renders']);
    expect(detect([edited(before, before.replace('total: 3', 'total: 4'))])[0]?.message).toContain('`"total: 3"` → `"total: 4"`');
    expect(summary(before, before.replace('      "total: 3"', '        "total: 3"'))).toEqual([]);
    const empty = suite("  it('renders', () => {\n    expect(render()).toMatchInlineSnapshot();\n  });");
    expect(summary(empty, before)).toEqual([]); // written for the first time
  });
});

describe('tamper-mock-missing', () => {
  const withMock = (spec: string): string => BASE.replace("describe('cart'", `vi.mock('${spec}');\ndescribe('cart'`);

  it('reports an added vi.mock of a module that does not exist', () => {
    const seen: [string, string][] = [];
    const findings = detect([edited(BASE, withMock('../src/pricing'))], (s, f) => {
      seen.push([s, f]);
      return false;
    });
    expect(seen).toEqual([['../src/pricing', FILE]]);
    expect(findings).toEqual([expect.objectContaining({ kind: 'tamper-mock-missing', file: FILE, line: 4 })]);
    expect(findings[0]?.message).toContain("vi.mock('../src/pricing')");
  });

  it('reports vi.doMock inside a test with the test, and vi.mock(import(…))', () => {
    const after = BASE.replace('const cart = [1, 2];', "vi.doMock('../src/gone');\n    const cart = [1, 2];");
    expect(summary(BASE, after)).toEqual([]); // the module exists
    expect(detect([edited(BASE, after)], () => false).map((f) => f.test)).toEqual([`${FILE} > cart > adds`]);
    const dynamic = BASE.replace("describe('cart'", "vi.mock(import('../src/gone'), () => ({}));\ndescribe('cart'");
    expect(detect([edited(BASE, dynamic)], () => false).map((f) => f.kind)).toEqual(['tamper-mock-missing']);
  });

  it('does not report a mock that resolves, or one the old file already had', () => {
    expect(detect([edited(BASE, withMock('../src/pricing'))], () => true)).toEqual([]);
    const old = withMock('../src/pricing');
    expect(detect([edited(old, old.replace('toBe(0)', 'toBe(0);\n    expect(1).toBe(1)'))], () => false)).toEqual([]);
  });

  it('reports a missing mock in a new test file', () => {
    const file: StaticFile = { path: 'test/new.test.ts', status: 'added', role: 'test', after: withMock('./nope'), hunks: [] };
    expect(detect([file], () => false).map((f) => f.kind)).toEqual(['tamper-mock-missing']);
  });
});

describe('patches that weaken nothing', () => {
  it('adding tests and describe blocks', () => {
    const after = suite(`${T_ADDS}\n\n${T_EMPTY}\n  it('adds negatives', () => {\n    expect(total([-1])).toBe(-1);\n  });\n  describe.each([1, 2])('with %i', (n) => {\n    it('works', () => expect(total([n])).toBe(n));\n  });`);
    expect(summary(BASE, after)).toEqual([]);
  });

  it('adding assertions, reordering them, editing a test setup, or adding rows to an .each table', () => {
    expect(summary(BASE, BASE.replace('expect(cart).toHaveLength(2);', 'expect(cart).toHaveLength(2);\n    expect(total([5])).toBe(5);'))).toEqual([]);
    const reordered = BASE.replace('    expect(total(cart)).toBe(3);\n    expect(cart).toHaveLength(2);', '    expect(cart).toHaveLength(2);\n    expect(total(cart)).toBe(3);');
    expect(summary(BASE, reordered)).toEqual([]);
    expect(summary(BASE, BASE.replace('const cart = [1, 2];', 'const cart = [1, 2];\n    const spy = vi.fn();'))).toEqual([]);
    const table = suite(`  it.each([[1, 1]])('total of %i', (a, b) => {\n    expect(total([a])).toBe(b);\n  });`);
    expect(summary(table, table.replace('[[1, 1]]', '[[1, 1], [2, 2]]'))).toEqual([]);
  });

  it('changing the subject and the expected value together (a rewritten check, not a loosened one)', () => {
    expect(summary(BASE, BASE.replace('expect(total(cart)).toBe(3)', 'expect(total([...cart, 1])).toBe(4)'))).toEqual([]);
  });

  it('changing only whitespace and comments', () => {
    const reformatted = BASE.replace(/\n {4}/g, '\n\t\t').replace('const cart = [1, 2];', '// two items\n    const cart = [\n      1,\n      2,\n    ];').replace("it('adds', () => {", "it('adds', () => { /* main case */");
    expect(summary(BASE, reformatted)).toEqual([]);
  });

  it('what formatters change besides whitespace: quotes, trailing commas, semicolons', () => {
    const before = suite("  it('builds', () => {\n    expect(build('a')).toEqual({ items: ['a'], total: 3 });\n  });");
    const after = suite('  it("builds", () => {\n    expect(build("a")).toEqual({\n      items: ["a",],\n      total: 3,\n    })\n  })');
    expect(summary(before, after)).toEqual([]);
  });

  it('inserting a test before another of the same title', () => {
    const after = BASE.replace("  it('adds', () => {", "  it('adds', () => {\n    expect(total([7])).toBe(7);\n  });\n  it('adds', () => {");
    expect(summary(BASE, after)).toEqual([]);
  });

  it('adding a new test file, editing a non-test file, removing .only or .skip', () => {
    const added: StaticFile = { path: 'test/new.test.ts', status: 'added', role: 'test', after: BASE, hunks: [] };
    const source: StaticFile = { path: 'src/cart.ts', status: 'modified', role: 'source', before: 'it("x", () => {})', after: '', hunks: [] };
    expect(detect([added, source])).toEqual([]);
    expect(summary(BASE.replace("it('adds'", "it.only('adds'"), BASE)).toEqual([]);
    expect(summary(BASE.replace("describe('cart'", "describe.skip('cart'"), BASE)).toEqual([]);
  });

  it('a test callback passed by name, kept or introduced', () => {
    const named = BASE.replace(/it\('adds', \(\) => \{[\s\S]*?\n  \}\);/, "it('adds', checkAdds);");
    expect(named).not.toBe(BASE);
    expect(summary(BASE, named)).toEqual([]);
    expect(summary(named, named.replace('toBe(0)', 'toBe(0);\n    expect(1).toBe(1)'))).toEqual([]);
  });

  it('skips an edited test file that no longer parses (the suite reports it)', () => {
    expect(summary(BASE, `${suite(T_ADDS)}\n}}}`)).toEqual([]);
  });
});

describe('test identification', () => {
  it('recognises test.extend fixtures, template titles and suite()', () => {
    const before = "import { test as base, suite } from 'vitest';\nconst test = base.extend({ db: async ({}, use) => use(1) });\nsuite(`db`, () => {\n  test(`reads`, ({ db }) => {\n    expect(db).toBe(1);\n  });\n});\n";
    expect(detect([edited(before, before.replace('toBe(1)', 'toBeTruthy()'))]).map((f) => [f.kind, f.test])).toEqual([
      ['tamper-matcher-loosened', `${FILE} > db > reads`],
    ]);
  });

  it('recognises .for, tagged-template .each and nested describes', () => {
    const before = suite("  describe('deep', () => {\n    it.for([[1, 1]])('for %i', ([a, b]) => {\n      expect(total([a])).toBe(b);\n    });\n    it.each`\n      a    | b\n      ${1} | ${1}\n    `('tagged $a', ({ a, b }) => {\n      expect(total([a])).toBe(b);\n    });\n  });");
    const after = before.replace('it.for', 'it.skip.for').replace('it.each`', 'it.only.each`');
    expect(summary(before, after)).toEqual(['tamper-test-disabled cart > deep > for %i', 'tamper-only-added cart > deep > tagged $a']);
  });

  it('uses the old path for removals in a renamed test file', () => {
    const file: StaticFile = { path: 'test/basket.test.ts', oldPath: FILE, status: 'renamed', role: 'test', before: BASE, after: suite(T_ADDS), hunks: [] };
    expect(detect([file]).map((f) => [f.file, f.test])).toEqual([[FILE, `${FILE} > cart > is zero when empty`]]);
  });
});

describe(createModuleExists.name, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-tamper-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (rel: string, text = ''): void => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  write('repo/src/pricing.ts');
  write('repo/src/lib/index.js');
  write('repo/src/data.json', '{}');
  write('repo/tsconfig.json', '{ // comments are fine\n "compilerOptions": { "paths": { "@app/*": ["src/*"] } } }');
  write('node_modules/leftpad/package.json', '{"name":"leftpad"}');
  write('repo/packages/web/node_modules/@acme/ui/package.json', '{"name":"@acme/ui"}');
  const exists = createModuleExists(path.join(root, 'repo'));

  it.each([
    ['../src/pricing', 'test/a.test.ts', true],
    ['../src/pricing.js', 'test/a.test.ts', true],
    ['../src/pricing.ts', 'test/a.test.ts', true],
    ['../src/lib', 'test/a.test.ts', true],
    ['../src/data.json', 'test/a.test.ts', true],
    ['./src/pricing?raw', 'x.test.ts', true],
    ['/src/pricing', 'test/a.test.ts', true],
    ['../src/gone', 'test/a.test.ts', false],
    ['../src/lib/missing', 'test/a.test.ts', false],
    ['leftpad', 'test/a.test.ts', true],
    ['leftpad/sub/path', 'test/a.test.ts', true],
    ['@acme/ui', 'packages/web/test/a.test.ts', true],
    ['@acme/ui/button', 'packages/web/test/a.test.ts', true],
    ['@acme/ui', 'test/a.test.ts', false],
    ['not-installed-pkg', 'test/a.test.ts', false],
    ['node:fs', 'test/a.test.ts', true],
    ['fs', 'test/a.test.ts', true],
    ['@app/pricing', 'test/a.test.ts', true],
    ['@/pricing', 'test/a.test.ts', true],
    ['virtual:thing', 'test/a.test.ts', true],
  ])('%s from %s: %s', (specifier, from, expected) => {
    expect(exists(specifier, from)).toBe(expected);
  });
});
