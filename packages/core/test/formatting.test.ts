import { describe, expect, it } from 'vitest';
import { isFormattingOnly } from '../src/diff/formatting.js';

const ts = (a: string, b: string) => isFormattingOnly('x.ts', a, b);

describe(isFormattingOnly.name, () => {
  it.each([
    ['re-indentation and line breaks', 'function f(a){return a+1}', 'function f(a) {\n  return a + 1;\n}'],
    ['comments added and removed', '// old\nconst x = 1; /* a */', '/** new */\nconst x = 1;'],
    ['a block split over lines', 'export function f(): number { return 2; }', 'export function f(): number {\n  return 2;\n}'],
    ['a declaration list split over lines', 'const a = 1, b = 2;', 'const a = 1,\n  b = 2;'],
    ['blank lines between statements', 'a();\nb();', 'a();\n\n\nb();'],
  ])('accepts %s', (_, a, b) => {
    expect(ts(a, b)).toBe(true);
  });

  it.each([
    ['the ASI trap: return followed by a newline', 'function f() { return x }', 'function f() { return\n x }'],
    ['whitespace inside a string literal', "const s = 'a b';", "const s = 'a  b';"],
    ['whitespace inside a template literal', 'const s = `${a} b`;', 'const s = `${a}  b`;'],
    ['whitespace inside a regular expression', 'const r = /a b/;', 'const r = /a  b/;'],
    ['a changed operator', 'const y = -x;', 'const y = +x;'],
    ['let → const', 'let y = 1;', 'const y = 1;'],
    ['?? → ||', 'const y = a ?? b;', 'const y = a || b;'],
    ['quote style of a literal (conservative)', "const s = 'a';", 'const s = "a";'],
    ['a file that does not parse', 'const x = 1;', 'const x = ;'],
    ['reordered object keys', 'const o = { a: 1, b: 2 };', 'const o = { b: 2, a: 1 };'],
  ])('rejects %s', (_, a, b) => {
    expect(ts(a, b)).toBe(false);
  });

  it('compares JSON by value', () => {
    expect(isFormattingOnly('p.json', '{"a":1,"b":[1,2]}', '{\n  "a": 1,\n  "b": [1, 2]\n}\n')).toBe(true);
    expect(isFormattingOnly('p.json', '{"a":1}', '{"a":2}')).toBe(false);
  });

  it('never calls other files formatting-only unless identical', () => {
    expect(isFormattingOnly('a.css', 'a{}', 'a { }')).toBe(false);
    expect(isFormattingOnly('a.css', 'a{}', 'a{}')).toBe(true);
  });
});
