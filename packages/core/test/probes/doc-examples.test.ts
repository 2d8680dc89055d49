import { describe, expect, it } from 'vitest';
import {
  collectDocExamples,
  docValuesEqual,
  evaluateDocExample,
  evaluateDocExampleAsync,
  type DocExample,
  type DocExampleSet,
} from '../../src/probes/doc-examples.js';

/** A module whose one function carries `doc` (lines without the ` * ` gutter) as its JSDoc. */
const documented = (doc: string[], declaration = 'export function f(x: number): number { return x; }'): string =>
  ['/**', ...doc.map((l) => ` * ${l}`), ' */', declaration, ''].join('\n');

const collect = (text: string, symbols?: string[]): DocExampleSet => collectDocExamples({ fileName: 'src/lib.ts', text, ...(symbols ? { symbols } : {}) });
const brief = (set: DocExampleSet): Array<[string, string, string]> => set.examples.map((e) => [e.code, e.expected, e.form]);
const example = (code: string, expected: string, setup: string[] = []): DocExample => ({ symbol: 'f', line: 1, code, expected, form: 'arrow-comment', setup });

describe('collectDocExamples: forms', () => {
  it('reads a remeda-style @example block, ignoring the other tags', () => {
    const text = [
      '/**',
      ' * Performs a deep *semantic* comparison between two values.',
      ' *',
      ' * @param data - The first value.',
      ' * @returns Whether they are equal.',
      ' * @example',
      ' *    R.isDeepEqual(1, 1) //=> true',
      " *    R.isDeepEqual(1, '1') //=> false",
      ' *    R.isDeepEqual([1, 2, 3], [1, 2, 3]) //=> true',
      ' * @dataFirst',
      ' * @category Guard',
      ' */',
      'export function isDeepEqual<T>(data: T, other: unknown): other is T { return data === other; }',
    ].join('\n');
    const set = collect(text);
    expect(set.examples).toEqual([
      { symbol: 'isDeepEqual', line: 7, code: 'R.isDeepEqual(1, 1)', expected: 'true', form: 'arrow-comment', setup: [] },
      { symbol: 'isDeepEqual', line: 8, code: "R.isDeepEqual(1, '1')", expected: 'false', form: 'arrow-comment', setup: [] },
      { symbol: 'isDeepEqual', line: 9, code: 'R.isDeepEqual([1, 2, 3], [1, 2, 3])', expected: 'true', form: 'arrow-comment', setup: [] },
    ]);
    expect(set.skipped).toEqual([]);
  });

  it('reads the arrow, returns and console.log comment forms', () => {
    const set = collect(documented(['@example', 'f(1) // => 1', 'f(2) //=> 2', 'f(3) // -> 3', 'f(4) // returns 4', 'f(5) // Returns: 5', 'console.log(f(6)) // => 6', 'f(7); // => 7']));
    expect(brief(set)).toEqual([
      ['f(1)', '1', 'arrow-comment'],
      ['f(2)', '2', 'arrow-comment'],
      ['f(3)', '3', 'arrow-comment'],
      ['f(4)', '4', 'returns-comment'],
      ['f(5)', '5', 'returns-comment'],
      ['f(6)', '6', 'arrow-comment'],
      ['f(7)', '7', 'arrow-comment'],
    ]);
  });

  it('ignores a trailing comment that is not only a value', () => {
    const set = collect(documented(['@example', 'f(1); // step 1', 'f(2) // the answer', 'f(3) // 1-2', 'f(4) // foo(4)', 'f(5) // x']));
    expect(set.examples).toEqual([]);
    expect(set.skipped).toEqual([]);
  });

  it('reads strict equality and assertion calls', () => {
    const set = collect(
      documented([
        '@example',
        'f(1) === 1',
        'assert.equal(f(2), 2)',
        'assert.deepStrictEqual(f(3), [3])',
        'assert(f(4) === 4)',
        'expect(f(5)).toBe(5)',
        'expect(f(6)).toEqual({ a: 6 })',
        'expect(f(7)).toStrictEqual([7])',
        'expect(f(8)).toBeUndefined()',
        'expect(await f(9)).toBe(9)',
      ]),
    );
    expect(brief(set)).toEqual([
      ['f(1)', '1', 'strict-equal'],
      ['f(2)', '2', 'assertion'],
      ['f(3)', '[3]', 'assertion'],
      ['f(4)', '4', 'assertion'],
      ['f(5)', '5', 'assertion'],
      ['f(6)', '{ a: 6 }', 'assertion'],
      ['f(7)', '[7]', 'assertion'],
      ['f(8)', 'undefined', 'assertion'],
      ['f(9)', '9', 'assertion'],
    ]);
    expect(set.examples.map((e) => e.setup)).toEqual(set.examples.map(() => []));
  });

  it('reads a multi-line expression whose marker is on its last line, at the line it starts', () => {
    const set = collect(documented(['@example', 'R.pipe(', '  [1, 2],', '  R.map((x) => x * 2),', ') // => [2, 4]']));
    expect(set.examples).toHaveLength(1);
    expect(set.examples[0]?.line).toBe(3);
    expect(set.examples[0]?.expected).toBe('[2, 4]');
    expect(set.examples[0]?.code).toBe('R.pipe(\n  [1, 2],\n  R.map((x) => x * 2),\n)');
  });

  it('reads a chained call continued on the next line', () => {
    const set = collect(documented(['@example', 'const out = R.pipe([1, 2])', '  .concat([3]) // => [1, 2, 3]']));
    expect(brief(set)).toEqual([['out', '[1, 2, 3]', 'arrow-comment']]);
    expect(set.examples[0]?.setup[0]?.replace(/\s+/g, ' ')).toBe('const out = R.pipe([1, 2]) .concat([3])');
  });

  it('reads what a console.log prints, on its line or the next', () => {
    const set = collect(documented(['@example', 'const xs = [1, 2]', 'console.log(f(xs.length))', '// => 2', 'console.log(xs)', 'console.log(f(3)) // => 3']));
    expect(set.examples.map((e) => [e.code, e.expected, e.line, e.setup])).toEqual([
      ['f(xs.length)', '2', 4, ['const xs = [1, 2]']],
      ['f(3)', '3', 7, ['const xs = [1, 2]']],
    ]);
  });

  it('reads a marker on the line after the expression (lodash style)', () => {
    const set = collect(documented(['@example', "_.chunk(['a', 'b', 'c', 'd'], 2);", "// => [['a', 'b'], ['c', 'd']]", 'const n = f(3)', '// => 3']));
    expect(set.examples).toEqual([
      { symbol: 'f', line: 3, code: "_.chunk(['a', 'b', 'c', 'd'], 2)", expected: "[['a', 'b'], ['c', 'd']]", form: 'arrow-comment', setup: [] },
      { symbol: 'f', line: 5, code: 'n', expected: '3', form: 'arrow-comment', setup: ['const n = f(3)'] },
    ]);
  });
});

describe('collectDocExamples: bare arrows', () => {
  it("reads antfu/utils' `capitalize('hello') => 'Hello'`", () => {
    const text = [
      '/**',
      ' * First letter uppercase, other lowercase',
      ' * @category string',
      ' * @example',
      ' * ```',
      " * capitalize('hello') => 'Hello'",
      ' * ```',
      ' */',
      'export function capitalize(str: string): string { return str[0]!.toUpperCase() + str.slice(1).toLowerCase(); }',
    ].join('\n');
    const set = collect(text);
    expect(set.examples).toEqual([{ symbol: 'capitalize', line: 6, code: "capitalize('hello')", expected: "'Hello'", form: 'bare-arrow', setup: [] }]);
    const capitalize = (s: string): string => s[0]!.toUpperCase() + s.slice(1).toLowerCase();
    expect(set.examples.map((e) => evaluateDocExample(e, { capitalize }))).toEqual([{ status: 'holds' }]);
  });

  it('reads member expressions, arrows inside the call, a trailing remark and a multi-line call', () => {
    const set = collect(documented(['@example', 'f([1, 2]).length => 2;', '[1, 2].map((x) => f(x)) => [1, 2] // doubled? no', 'R.pipe(', '  [1, 2],', '  R.map((x) => x * 2),', ') => [2, 4]']));
    expect(set.examples.map((e) => [e.code, e.expected, e.form, e.line])).toEqual([
      ['f([1, 2]).length', '2', 'bare-arrow', 3],
      ['[1, 2].map((x) => f(x))', '[1, 2]', 'bare-arrow', 4],
      ['R.pipe(\n  [1, 2],\n  R.map((x) => x * 2),\n)', '[2, 4]', 'bare-arrow', 5],
    ]);
  });

  it('leaves real arrow functions as code', () => {
    const set = collect(documented(['@example', 'const add = (a, b) => a + b', 'const twice = x => x * 2', '(a, b) => a + b', 'xs.map((a, b) => a + b)', 'f(add(1, twice(1))) // => 3']));
    expect(brief(set)).toEqual([['f(add(1, twice(1)))', '3', 'arrow-comment']]);
    expect(set.examples[0]?.setup).toEqual(['const add = (a, b) => a + b', 'const twice = x => x * 2', '(a, b) => a + b', 'xs.map((a, b) => a + b)']);
  });

  it('takes only a value on the right', () => {
    const set = collect(documented(['@example', "capitalize('hello') => Hello", 'f(1) => a new array', 'f(2) => {a: string}', 'f(3) => [T, U]', 'f(4) => {', 'f(5) => 5']));
    expect(brief(set)).toEqual([['f(5)', '5', 'bare-arrow']]);
    expect(set.skipped).toEqual([]);
  });
});

describe('collectDocExamples: value comments', () => {
  it("reads antfu/utils' objectMap: the value alone on the next line", () => {
    const text = [
      '/**',
      ' * Map key/value pairs for an object, and construct a new one',
      ' *',
      ' * @category Object',
      ' *',
      ' * Transform:',
      ' * @example',
      ' * ```',
      ' * objectMap({ a: 1, b: 2 }, (k, v) => [k.toString().toUpperCase(), v.toString()])',
      " * // { A: '1', B: '2' }",
      ' * ```',
      ' *',
      ' * Swap key/value:',
      ' * @example',
      ' * ```',
      ' * objectMap({ a: 1, b: 2 }, (k, v) => [v, k])',
      " * // { 1: 'a', 2: 'b' }",
      ' * ```',
      ' */',
      'export function objectMap(obj: Record<string, unknown>, fn: (k: string, v: unknown) => [PropertyKey, unknown] | undefined) { return obj; }',
    ].join('\n');
    const set = collect(text);
    expect(set.examples).toEqual([
      { symbol: 'objectMap', line: 9, code: 'objectMap({ a: 1, b: 2 }, (k, v) => [k.toString().toUpperCase(), v.toString()])', expected: "{ A: '1', B: '2' }", form: 'value-comment', setup: [] },
      { symbol: 'objectMap', line: 16, code: 'objectMap({ a: 1, b: 2 }, (k, v) => [v, k])', expected: "{ 1: 'a', 2: 'b' }", form: 'value-comment', setup: [] },
    ]);
    const objectMap = (obj: Record<string, unknown>, fn: (k: string, v: unknown) => [PropertyKey, unknown] | undefined): unknown =>
      Object.fromEntries(Object.entries(obj).map(([k, v]) => fn(k, v)).filter((x) => x !== undefined));
    expect(set.examples.map((e) => evaluateDocExample(e, { objectMap }))).toEqual([{ status: 'holds' }, { status: 'holds' }]);
  });

  it("reads no example from antfu/utils' template, whose comment is a sentence, nor from partition's, which has no value", () => {
    const text = [
      '/**',
      ' * @example',
      ' * ```',
      ' * const result = template(',
      " *   'Hello {0}! My name is {1}.',",
      " *   'Inès',",
      " *   'Anthony'",
      ' * ) // Hello Inès! My name is Anthony.',
      ' * ```',
      ' */',
      'export function template(str: string, ...args: unknown[]): string { return str; }',
      '/**',
      ' * @example const [odd, even] = partition([1, 2, 3, 4], i => i % 2 != 0)',
      ' */',
      'export function partition<T>(array: readonly T[], f: (x: T) => boolean): [T[], T[]] { return [array.filter(f), []]; }',
    ].join('\n');
    expect(collect(text)).toEqual({ examples: [], skipped: [] });
  });

  it('reads a value on the same line, after a call or another expression', () => {
    const set = collect(documented(['@example', 'const o = { a: [1] }', 'foo() // 2', 'f(1); // "one"', 'o.a // [1]', "o.a[0] + 'x' // '1x'", "await f(2) // { a: 'b' }", 'f(3) // new Date(0)', 'f(4) // -1', 'f(5) // undefined']));
    expect(set.examples.map((e) => [e.code, e.expected, e.form])).toEqual([
      ['foo()', '2', 'value-comment'],
      ['f(1)', '"one"', 'value-comment'],
      ['o.a', '[1]', 'value-comment'],
      ["o.a[0] + 'x'", "'1x'", 'value-comment'],
      ['f(2)', "{ a: 'b' }", 'value-comment'],
      ['f(3)', 'new Date(0)', 'value-comment'],
      ['f(4)', '-1', 'value-comment'],
      ['f(5)', 'undefined', 'value-comment'],
    ]);
    expect(set.examples.every((e) => e.setup.join() === 'const o = { a: [1] }')).toBe(true);
  });

  it('reads a number only after a call or a console.log', () => {
    const set = collect(documented(['@example', 'const xs = [1, 2]', 'foo() // 2', 'foo() // step 2', 'xs.length // 2', 'xs[0] // 1', 'console.log(xs.length) // 2']));
    expect(set.examples.map((e) => [e.code, e.expected])).toEqual([
      ['foo()', '2'],
      ['xs.length', '2'],
    ]);
    expect(set.examples.map((e) => e.line)).toEqual([4, 8]);
  });

  it('still reads a `// =>` marker, with an arrow function inside the code', () => {
    const set = collect(documented(['@example', '[1, 2].map(x => x * 2) // => [2, 4]', 'f(1) // returns the first item', 'xs.map((a, b) => a + b)']));
    expect(brief(set)).toEqual([['[1, 2].map(x => x * 2)', '[2, 4]', 'arrow-comment']]);
    expect(set.skipped.map((s) => s.reason)).toEqual(['prose-expected']);
  });

  it('ignores comments that are prose, types, code, output or assignments', () => {
    const set = collect(
      documented([
        '@example',
        'f(1) // the first item',
        'f(2) // Hello Inès! My name is Anthony.',
        'f(3) // {a: string}',
        'f(4) // [a, b]',
        'f(5) // console.log(x)',
        'f(6) // typeof x',
        'type T = Pathable<{a: string}>',
        '// {a: string}',
        'R.pipe({ a: 1 }, R.forEachObj((v) => console.log(v))) // "a: 1"',
        'let n = 0',
        'n = f(7) // 7',
        'n++ // 0',
        'n // 1',
        '[f(8)] // [8]',
      ]),
    );
    expect(set.examples).toEqual([]);
    expect(set.skipped).toEqual([]);
  });

  it('does not take a lone value comment that heads the lines below it', () => {
    const set = collect(documented(['@example', 'const a = f(0)', '// true', 'f(1) //=> true', 'f(2)', '// false', '// more', '', '// true', 'f(3) //=> true']));
    expect(brief(set)).toEqual([
      ['f(1)', 'true', 'arrow-comment'],
      ['f(3)', 'true', 'arrow-comment'],
    ]);
    expect(set.examples[1]?.setup).toEqual(['const a = f(0)', 'f(2)']);
  });

  it('reads a lone value comment after a multi-line chain, and leaves a comment inside a statement alone', () => {
    const set = collect(
      documented(['@example', 'const items = [1, 2, 3, 4, 5]', 'await p(items)', '  .map(async i => i * 3)', '  .filter(async i => i % 2 === 0)', '// [6, 12]', '', 'f(1) // 1', '  .toString()', 'R.pipe(', '  [1, 2], // [1, 2]', '  R.sum(),', ') // 3']),
    );
    expect(set.examples.map((e) => [e.code.replace(/\s+/g, ' '), e.expected, e.line])).toEqual([
      ['p(items) .map(async i => i * 3) .filter(async i => i % 2 === 0)', '[6, 12]', 4],
      ['R.pipe( [1, 2], // [1, 2] R.sum(), )', '3', 11],
    ]);
    expect(set.examples[1]?.setup).toEqual(['const items = [1, 2, 3, 4, 5]', 'f(1) // 1\n  .toString()']);
  });
});

describe('collectDocExamples: setup and blocks', () => {
  it('keeps the statements before an example as its setup, imports and checks left out', () => {
    const set = collect(
      documented([
        '@example',
        "import * as R from 'remeda';",
        'const xs = [1, 2];',
        'let total = 0;',
        'xs.forEach((x) => { total += x; });',
        'console.log(xs);',
        'f(total) // => 3',
        'const ys = [...xs, 3];',
        'f(ys.length) // => 3',
      ]),
    );
    expect(set.examples.map((e) => e.setup)).toEqual([
      ['const xs = [1, 2];', 'let total = 0;', 'xs.forEach((x) => { total += x; });'],
      ['const xs = [1, 2];', 'let total = 0;', 'xs.forEach((x) => { total += x; });', 'const ys = [...xs, 3];'],
    ]);
  });

  it('does not carry setup from one @example block to the next', () => {
    const set = collect(documented(['@example', 'const a = 1', 'f(a) // => 1', '@example', 'f(2) // => 2']));
    expect(set.examples.map((e) => e.setup)).toEqual([['const a = 1'], []]);
  });

  it('drops prose lines inside an @example and reads code after a caption label', () => {
    const set = collect(documented(['@example', 'Basic usage, with numbers:', 'const a = 2', 'f(a) // => 2', 'Example:', 'f(3) // => 3']));
    expect(brief(set)).toEqual([
      ['f(a)', '2', 'arrow-comment'],
      ['f(3)', '3', 'arrow-comment'],
    ]);
    expect(set.examples[0]?.setup).toEqual(['const a = 2']);
  });

  it('reads only the JavaScript fences of an @example that has fences', () => {
    const set = collect(
      documented(['@example', 'Sums two numbers:', '```ts', 'f(1) // => 1', '```', 'On the shell:', '```sh', 'echo hi // => hi', '```', 'f(9) // => 9']),
    );
    expect(brief(set)).toEqual([['f(1)', '1', 'arrow-comment']]);
    expect(set.examples[0]?.line).toBe(5);
  });

  it('reads fenced blocks and lone marker lines of the description, not its prose', () => {
    const set = collect(
      documented([
        'Doubles a number; see `f(x) // => 2x` for the idea.',
        'The result is f(0) === 0 for zero.',
        '',
        '    f(4) //=> 4',
        '',
        '```js',
        'const a = 5',
        'f(a) === 5',
        '```',
      ]),
    );
    expect(set.examples.map((e) => [e.code, e.expected, e.line, e.setup])).toEqual([
      ['f(a)', '5', 9, ['const a = 5']],
      ['f(4)', '4', 5, []],
    ]);
  });

  it('removes type syntax from code, expected values and setup', () => {
    const set = collect(
      documented([
        '@example',
        'interface Point { x: number }',
        'const p: Point = { x: 1 };',
        'R.map<number>([p.x], (n: number): number => n * 2) // => [2] as const',
        'f(p.x as number)! // => <const>{ a: 1 }',
      ]),
    );
    expect(brief(set)).toEqual([
      ['R.map([p.x], (n) => n * 2)', '[2]', 'arrow-comment'],
      ['f(p.x)', '{ a: 1 }', 'arrow-comment'],
    ]);
    expect(set.examples[0]?.setup).toEqual(['const p = { x: 1 };']);
  });
});

describe('collectDocExamples: declarations', () => {
  it('reads the docs of every overload and of the implementation, once per distinct example', () => {
    const text = [
      '/**',
      ' * @example',
      ' *   R.add(1, 2) //=> 3',
      ' */',
      'export function add(a: number, b: number): number;',
      '/**',
      ' * @example',
      ' *   R.pipe(1, R.add(2)) //=> 3',
      ' */',
      'export function add(b: number): (a: number) => number;',
      '/**',
      ' * @example',
      ' *   R.add(1, 2) //=> 3',
      ' *   R.add(2, 2) //=> 4',
      ' */',
      'export function add(...args: number[]): unknown { return args; }',
    ].join('\n');
    expect(collect(text).examples.map((e) => [e.symbol, e.line, e.code])).toEqual([
      ['add', 3, 'R.add(1, 2)'],
      ['add', 8, 'R.pipe(1, R.add(2))'],
      ['add', 14, 'R.add(2, 2)'],
    ]);
  });

  it('reads methods as Class.method, the class itself, consts and export lists; not private or unexported code', () => {
    const text = [
      '/** @example new Cart([1]).size //=> 1 */',
      'export class Cart {',
      '  constructor(private items: number[]) {}',
      '  /** @example new Cart([1, 2]).total() //=> 3 */',
      '  total(): number { return this.items.reduce((a, b) => a + b, 0); }',
      '  /** @example Cart.empty().total() //=> 0 */',
      '  static empty(): Cart { return new Cart([]); }',
      '  /** @example hidden() //=> 0 */',
      '  private hidden(): number { return 0; }',
      '}',
      '/** @example double(2) //=> 4 */',
      'export const double = (n: number): number => n * 2;',
      '/** @example inner(1) //=> 1 */',
      'function inner(n: number): number { return n; }',
      '/** @example local(1) //=> 1 */',
      'function local(n: number): number { return n; }',
      '/** @example main() //=> 0 */',
      'export default function main(): number { return 0; }',
      'export { local as renamed };',
    ].join('\n');
    expect(collect(text).examples.map((e) => [e.symbol, e.code])).toEqual([
      ['Cart', 'new Cart([1]).size'],
      ['Cart.total', 'new Cart([1, 2]).total()'],
      ['Cart.empty', 'Cart.empty().total()'],
      ['double', 'double(2)'],
      ['renamed', 'local(1)'],
      ['default', 'main()'],
    ]);
  });

  it('reads a JavaScript module in lodash style: CRLF lines, `export default name`', () => {
    const text = ['/**', ' * @example', ' *', " * _.chunk(['a', 'b', 'c'], 2);", " * // => [['a', 'b'], ['c']]", ' */', 'function chunk(array, size) { return [array, size]; }', 'export default chunk;'].join('\r\n');
    expect(collectDocExamples({ fileName: 'chunk.js', text }).examples).toEqual([
      { symbol: 'default', line: 4, code: "_.chunk(['a', 'b', 'c'], 2)", expected: "[['a', 'b'], ['c']]", form: 'arrow-comment', setup: [] },
    ]);
  });

  it('keeps only the symbols asked for', () => {
    const text = ['/** @example a(1) //=> 1 */', 'export function a(n: number) { return n; }', '/** @example b(2) //=> 2 */', 'export function b(n: number) { return n; }'].join('\n');
    expect(collect(text, ['b']).examples.map((e) => e.symbol)).toEqual(['b']);
    expect(collect(text, []).examples).toEqual([]);
  });

  it('uses the nearest JSDoc comment, not a license header or a line comment', () => {
    const text = ['/** @license MIT  x() //=> 1 */', '', '/**', ' * @example f(1) //=> 1', ' */', '// f(2) //=> 2', 'export function f(n: number) { return n; }'].join('\n');
    expect(collect(text).examples.map((e) => [e.code, e.line])).toEqual([['f(1)', 4]]);
  });
});

describe('collectDocExamples: skipped examples', () => {
  const skipped = (lines: string[]): Array<[string, string]> => collect(documented(['@example', ...lines])).skipped.map((s) => [s.reason, s.text]);

  it('skips prose expected values', () => {
    expect(skipped(['f(1) // => a new array', 'f(2) // => string', 'f(3) // => [2, 3] or [0, 0]', 'f(4) // => the input, unchanged', 'f(5) // => "[1]", "[1, 2]"'])).toEqual([
      ['prose-expected', 'f(1) // => a new array'],
      ['prose-expected', 'f(2) // => string'],
      ['prose-expected', 'f(3) // => [2, 3] or [0, 0]'],
      ['prose-expected', 'f(4) // => the input, unchanged'],
      ['prose-expected', 'f(5) // => "[1]", "[1, 2]"'],
    ]);
  });

  it('keeps the value before a remark that follows it', () => {
    const set = collect(documented(['@example', 'f(1) // => [1, 2] (mutated)', "f(2) //=> 'a,b' (typed `string`), can throw!.", 'f(3) // => [2,5], with type `number[]`', 'f(4) // => true.']));
    expect(set.examples.map((e) => e.expected)).toEqual(['[1, 2]', "'a,b'", '[2,5]', 'true']);
    expect(set.skipped).toEqual([]);
  });

  it('accepts expected values that are literals, constructors, keywords or declared names', () => {
    const set = collect(
      documented([
        '@example',
        'const xs = [1]',
        'f(1) // => [1, 2, 3]',
        'f(2) // => { a: 1 }',
        'f(3) // => "ab"',
        'f(4) // => -1',
        'f(5) // => new Date(0)',
        'f(6) // => new Map([[1, 2]])',
        'f(7) // => Symbol.iterator',
        'f(8) // => undefined',
        'f(9) // => NaN',
        'f(10) // => Infinity',
        'f(11) // => null',
        'f(12) // => xs',
      ]),
    );
    expect(set.examples.map((e) => e.expected)).toEqual(['[1, 2, 3]', '{ a: 1 }', '"ab"', '-1', 'new Date(0)', 'new Map([[1, 2]])', 'Symbol.iterator', 'undefined', 'NaN', 'Infinity', 'null', 'xs']);
    expect(set.skipped).toEqual([]);
  });

  it('skips examples that throw, whichever way they say it', () => {
    const set = collect(documented(['@example', 'f(-1) // throws RangeError', 'f(-2) // => throws', 'f(-3) // => TypeError: bad', 'expect(() => f(-4)).toThrow()', 'assert.throws(() => f(-5))']));
    expect(set.skipped.map((s) => [s.reason, s.line])).toEqual([
      ['throws', 3],
      ['throws', 4],
      ['throws', 5],
      ['throws', 6],
      ['throws', 7],
    ]);
    expect(set.examples).toEqual([]);
  });

  it('keeps a statement that throws out of the setup of later examples', () => {
    const set = collect(documented(['@example', 'const a = f(-1) // throws RangeError', 'f(-2)', '// => throws', 'const b = 2', 'f(b) // => 2']));
    expect(set.skipped.map((s) => [s.reason, s.line])).toEqual([
      ['throws', 3],
      ['throws', 4],
    ]);
    expect(set.examples.map((e) => [e.code, e.setup])).toEqual([['f(b)', ['const b = 2']]]);
  });

  it('skips expected values that continue on later lines', () => {
    expect(skipped(['f(1) // => {', '//   a: 1,', '// }', 'f(2) // =>', '// [1, 2]', 'f(3) // => [', '//   1,', '// ]', 'f(4) // => 4'])).toEqual([
      ['multiline-expected', 'f(1) // => {'],
      ['multiline-expected', 'f(2) // =>'],
      ['multiline-expected', 'f(3) // => ['],
    ]);
  });

  it('skips a marker on something that is not an expression', () => {
    const set = collect(documented(['@example', 'if (f(1)) { f(2); } // => 2', 'the answer // => 42', 'f(1) // => 1']));
    expect(set.skipped.map((s) => [s.reason, s.line, s.text])).toEqual([
      ['not-an-expression', 3, 'if (f(1)) { f(2); } // => 2'],
      ['not-an-expression', 4, 'the answer // => 42'],
    ]);
    expect(brief(set)).toEqual([['f(1)', '1', 'arrow-comment']]);
  });
});

describe('evaluateDocExample', () => {
  const add = (a: number, b: number): number => a + b;

  it('holds when the code equals the expected value', () => {
    expect(evaluateDocExample(example('add(1, 2)', '3'), { add })).toEqual({ status: 'holds' });
  });

  it('binds a namespace alias to the scope (R.add with scope { add })', () => {
    expect(evaluateDocExample(example('R.add(1, 2)', '3'), { add })).toEqual({ status: 'holds' });
    expect(evaluateDocExample(example('_.add(1, 2)', '4'), { add })).toEqual({ status: 'differs', actual: '3', expected: '4' });
  });

  it('does not take a global or a variable of the example for an alias', () => {
    expect(evaluateDocExample(example('Math.max(add(1, 2), 0)', '3'), { add, max: () => -1 })).toEqual({ status: 'holds' });
    expect(evaluateDocExample(example('[{ add: 1 }].map((o) => o.add + add(1, 1))', '[3]'), { add })).toEqual({ status: 'holds' });
  });

  it('runs the setup first, which may shadow a scope name', () => {
    const e = example('add(xs[0], total)', '10', ['const xs = [1, 2];', 'let total = 0;', 'xs.forEach((x) => { total += x * 3; });', 'const add2 = add;']);
    expect(evaluateDocExample(e, { add })).toEqual({ status: 'holds' });
    expect(evaluateDocExample(example('add', '"mine"', ['const add = "mine";']), { add })).toEqual({ status: 'holds' });
  });

  it('reports a different value, rendered compactly', () => {
    const outcome = evaluateDocExample(example('pair(1)', '{ a: 1, b: [2] }'), { pair: (n: number) => ({ a: n, b: [n, 3] }) });
    expect(outcome).toEqual({ status: 'differs', actual: '{ a: 1, b: [ 1, 3 ] }', expected: '{ a: 1, b: [ 2 ] }' });
  });

  it('reports an error the code throws, also from setup', () => {
    const boom = (): never => {
      throw new TypeError('boom');
    };
    expect(evaluateDocExample(example('boom()', '1'), { boom })).toEqual({ status: 'throws', error: 'TypeError: boom' });
    expect(evaluateDocExample(example('1', '1', ['const x = boom();']), { boom })).toEqual({ status: 'throws', error: 'TypeError: boom' });
    // A ReferenceError from inside the library is its behaviour, not a missing name of the example.
    const broken = (): unknown => (globalThis as unknown as { eval: (s: string) => unknown }).eval('undefinedInsideLib');
    expect(evaluateDocExample(example('broken()', '1'), { broken })).toEqual({ status: 'throws', error: 'ReferenceError: undefinedInsideLib is not defined' });
  });

  it('is unrunnable when a name is missing, the source does not compile or the expected value throws', () => {
    expect(evaluateDocExample(example('missing(1)', '1'), { add })).toEqual({ status: 'unrunnable', reason: 'ReferenceError: missing is not defined' });
    expect(evaluateDocExample(example('R.add(R.sub(3, 2), 1)', '2'), { add })).toEqual({ status: 'unrunnable', reason: 'not in scope: R.sub' });
    expect(evaluateDocExample(example('R.sub(3, 2)', '1'), { add })).toEqual({ status: 'unrunnable', reason: 'ReferenceError: R is not defined' });
    expect(evaluateDocExample(example('add(1,', '1'), { add }).status).toBe('unrunnable');
    expect(evaluateDocExample(example('add(1, 2)', 'nope.x'), { add })).toEqual({ status: 'unrunnable', reason: 'the expected value throws: ReferenceError: nope is not defined' });
  });

  it('runs a block whose snippets declare the same name twice', () => {
    const e = example('add(a, 1)', '3', ['const a = 1;', 'const a = 2;']);
    expect(evaluateDocExample(e, { add })).toEqual({ status: 'holds' });
  });

  it('skips scope keys that cannot be parameter names', () => {
    expect(evaluateDocExample(example('add(1, 1)', '2'), { add, default: add, 'not-a-name': 1, eval: 1 })).toEqual({ status: 'holds' });
  });

  it('compares promises only in the async evaluator', async () => {
    const later = (n: number): Promise<number> => Promise.resolve(n * 2);
    const reject = (): Promise<never> => Promise.reject(new RangeError('no'));
    expect(evaluateDocExample(example('later(2)', '4'), { later }).status).toBe('unrunnable');
    expect(evaluateDocExample(example('reject()', '4'), { reject }).status).toBe('unrunnable');
    expect(await evaluateDocExampleAsync(example('later(2)', '4'), { later })).toEqual({ status: 'holds' });
    expect(await evaluateDocExampleAsync(example('later(2)', 'Promise.resolve(5)'), { later })).toEqual({ status: 'differs', actual: '4', expected: '5' });
    expect(await evaluateDocExampleAsync(example('reject()', '4'), { reject })).toEqual({ status: 'throws', error: 'RangeError: no' });
    expect(await evaluateDocExampleAsync(example('add(1, 2)', '3'), { add })).toEqual({ status: 'holds' });
  });

  it('runs collected examples of a realistic block against an implementation', () => {
    const text = [
      '/**',
      ' * Creates a new array with the elements that pass the predicate.',
      ' *',
      ' * @example',
      ' * ```ts',
      ' *    const isEven = (x: number): boolean => x % 2 === 0;',
      ' *    R.filter([1, 2, 3, 4], isEven) // => [2, 4]',
      ' *    R.filter([], isEven) //=> []',
      ' *    R.filter([1, 3], isEven) //=> [1]',
      ' *    R.filter(null as unknown as number[], isEven) //=> throws TypeError',
      ' *    R.pipe(',
      ' *      [1, 2, 3, 4],',
      ' *      R.filter<number>(isEven),',
      ' *    ) // => [2, 4]',
      ' * ```',
      ' * @dataFirst',
      ' * @category Array',
      ' */',
      'export function filter(...args: unknown[]): unknown { return args; }',
    ].join('\n');
    const set = collect(text);
    expect(set.skipped.map((s) => [s.reason, s.line])).toEqual([['throws', 10]]);
    const filter = (...args: unknown[]): unknown =>
      args.length === 1 ? (xs: number[]) => xs.filter(args[0] as (x: number) => boolean) : (args[0] as number[]).filter(args[1] as (x: number) => boolean);
    const pipe = (data: unknown, ...fns: Array<(x: unknown) => unknown>): unknown => fns.reduce((acc, fn) => fn(acc), data);
    expect(set.examples.map((e) => [e.line, evaluateDocExample(e, { filter, pipe })])).toEqual([
      [7, { status: 'holds' }],
      [8, { status: 'holds' }],
      [9, { status: 'differs', actual: '[]', expected: '[ 1 ]' }],
      [11, { status: 'holds' }],
    ]);
  });
});

describe('docValuesEqual', () => {
  class Point {
    readonly x: number;
    readonly y: number;
    constructor(x: number, y: number) {
      this.x = x;
      this.y = y;
    }
  }

  it('treats NaN as NaN and 0 as -0', () => {
    expect(docValuesEqual(NaN, NaN)).toBe(true);
    expect(docValuesEqual(0, -0)).toBe(true);
    expect(docValuesEqual([NaN], [0])).toBe(false);
    expect(docValuesEqual(1, '1')).toBe(false);
  });

  it('compares nested arrays and objects structurally, key order aside', () => {
    expect(docValuesEqual([[1, [2]], { a: [3] }], [[1, [2]], { a: [3] }])).toBe(true);
    expect(docValuesEqual([[1, [2]]], [[1, [3]]])).toBe(false);
    expect(docValuesEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(docValuesEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(docValuesEqual([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(docValuesEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(docValuesEqual(Object.assign(Object.create(null) as object, { a: 1 }), { a: 1 })).toBe(true);
  });

  it('compares Maps and Sets by entries in any order', () => {
    expect(docValuesEqual(new Map([[1, 'a'], [2, 'b']]), new Map([[2, 'b'], [1, 'a']]))).toBe(true);
    expect(docValuesEqual(new Map([[1, 'a']]), new Map([[1, 'b']]))).toBe(false);
    expect(docValuesEqual(new Map([[{ k: 1 }, [1]]]), new Map([[{ k: 1 }, [1]]]))).toBe(true);
    expect(docValuesEqual(new Set([1, [2]]), new Set([[2], 1]))).toBe(true);
    expect(docValuesEqual(new Set([1, 2]), new Set([1, 3]))).toBe(false);
    expect(docValuesEqual(new Set([1]), [1])).toBe(false);
  });

  it('compares dates by time, regular expressions by source and flags', () => {
    expect(docValuesEqual(new Date(0), new Date(0))).toBe(true);
    expect(docValuesEqual(new Date(0), new Date(1))).toBe(false);
    expect(docValuesEqual(new Date(NaN), new Date(NaN))).toBe(true);
    expect(docValuesEqual(/a/g, /a/g)).toBe(true);
    expect(docValuesEqual(/a/g, /a/i)).toBe(false);
  });

  it('tells a class instance from a plain object with the same fields', () => {
    expect(docValuesEqual(new Point(1, 2), new Point(1, 2))).toBe(true);
    expect(docValuesEqual(new Point(1, 2), new Point(1, 3))).toBe(false);
    expect(docValuesEqual(new Point(1, 2), { x: 1, y: 2 })).toBe(false);
  });

  it('equals a function only to itself, and survives cycles', () => {
    const fn = (): number => 1;
    expect(docValuesEqual(fn, fn)).toBe(true);
    expect(docValuesEqual(fn, (): number => 1)).toBe(false);
    const a: { self?: unknown; n: number } = { n: 1 };
    a.self = a;
    const b: { self?: unknown; n: number } = { n: 1 };
    b.self = b;
    expect(docValuesEqual(a, b)).toBe(true);
    expect(docValuesEqual(new TypeError('x'), new TypeError('x'))).toBe(true);
    expect(docValuesEqual(new TypeError('x'), new TypeError('y'))).toBe(false);
  });
});
