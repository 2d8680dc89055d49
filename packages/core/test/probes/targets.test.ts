import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlastRadiusEntry } from '../../src/static/reach/blast-radius.js';
import type { DeclarationChange } from '../../src/static/types.js';
import { selectTargets } from '../../src/probes/targets.js';

const FILES: Record<string, string> = {
  'src/a.ts': [
    'export function plain(x: number): number { return x; }',
    'export const arrow = (s: string): string => s;',
    'function helper(n: number): number { return n + 1; }',
    'export function usesHelper(n: number): number { return helper(n); }',
    'function orphan(n: number): number { return n; }',
    'export default function (flag: boolean): boolean { return flag; }',
    'export class Shop {',
    '  constructor(private readonly rate: number) {}',
    '  price(n: number): number { return n * this.rate; }',
    '  static make(rate: number): Shop { return new Shop(rate); }',
    '  get label(): string { return "x"; }',
    '}',
    'export const RATE = 2;',
    'class Counter {',
    '  private n = 0;',
    '  constructor(private readonly step: number) {}',
    '  label(prefix: string): string { return prefix + this.n; }',
    '}',
    'export function createCounter(step: number): Counter { return new Counter(step); }',
    'class Hidden {',
    '  run(x: number): number { return x; }',
    '}',
    'export function useHidden(x: number): number { return x; }',
    '',
  ].join('\n'),
  'test/a.test.ts': "import { plain } from '../src/a';\n",
};

let root: string;
beforeAll(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-targets-')));
  for (const [f, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), text);
  }
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const decl = (name: string, change: DeclarationChange['change'] = 'semantic'): DeclarationChange => ({ symbol: `src/a.ts#${name}`, file: 'src/a.ts', change, line: 1, endLine: 1, exported: false, code: {} });
const select = (declarations: DeclarationChange[], blastRadius: BlastRadiusEntry[] = []) =>
  selectTargets({ root, projectRoot: root, declarations, blastRadius, isTestFile: (f) => f.startsWith('test/') });

describe(selectTargets.name, () => {
  it('probes exported functions, arrows and static methods directly, with derived parameters', () => {
    const { targets, uncovered } = select([decl('plain'), decl('arrow'), decl('Shop.make')]);
    expect(uncovered).toEqual([]);
    expect(targets.map((t) => [t.id, t.exportName, t.local, t.member, t.params.map((p) => p.descriptor.kind)])).toEqual([
      ['src/a.ts#plain', 'plain', 'plain', undefined, ['number']],
      ['src/a.ts#arrow', 'arrow', 'arrow', undefined, ['string']],
      ['src/a.ts#Shop.make', 'Shop', 'Shop', { name: 'make', static: true }, ['number']],
    ]);
  });

  it('leaves vitest\'s type tests beside the source out: they are checked by tsc, never run', () => {
    const typeTest: DeclarationChange = { symbol: 'src/a.test-d.ts#<call describe>', file: 'src/a.test-d.ts', change: 'semantic', line: 1, endLine: 3, exported: false, code: {} };
    expect(select([typeTest])).toEqual({ targets: [], uncovered: [] });
  });

  it('constructs instances for methods from the constructor parameters', () => {
    const [t] = select([decl('Shop.price')]).targets;
    expect(t?.member).toEqual({ name: 'price', static: false });
    expect(t?.ctorParams?.map((p) => p.descriptor.kind)).toEqual(['number']);
  });

  it('probes a helper that is not exported through its exported callers, nearest level first', () => {
    const radius: BlastRadiusEntry = { symbol: 'src/a.ts#helper', callers: [['src/a.ts#usesHelper'], ['src/a.ts#plain']], testFiles: [] };
    const { targets } = select([decl('helper')], [radius]);
    expect(targets.map((t) => [t.id, t.covers])).toEqual([['src/a.ts#usesHelper', ['src/a.ts#helper']]]);
  });

  // radashi 8147abc8: `set` calls its changed import only from `recurse`, a function declared inside it.
  it('probes a nested caller through the exported function that encloses it', () => {
    const radius: BlastRadiusEntry = { symbol: 'src/a.ts#<import ./b>', callers: [['src/a.ts#usesHelper.inner']], testFiles: [] };
    const { targets, uncovered } = select([decl('<import ./b>')], [radius]);
    expect(uncovered).toEqual([]);
    expect(targets.map((t) => [t.id, t.covers])).toEqual([['src/a.ts#usesHelper', ['src/a.ts#<import ./b>']]]);
  });

  it('covers a changed nested function or callback by probing its enclosing function', () => {
    const { targets, uncovered } = select([decl('plain.<anon#0>'), decl('Shop.price.<anon#1>')]);
    expect(uncovered).toEqual([]);
    expect(targets.map((t) => [t.id, t.covers])).toEqual([
      ['src/a.ts#plain', ['src/a.ts#plain.<anon#0>']],
      ['src/a.ts#Shop.price', ['src/a.ts#Shop.price.<anon#1>']],
    ]);
  });

  it('says why a change cannot be probed', () => {
    const { targets, uncovered } = select([decl('orphan'), decl('Shop.label'), decl('<top-level>'), decl('plain', 'formatting')]);
    expect(targets).toEqual([]);
    expect(uncovered).toEqual([
      { symbol: 'src/a.ts#orphan', reason: 'orphan is not exported, and no exported function calls it' },
      { symbol: 'src/a.ts#Shop.label', reason: 'Shop.label is not a method (accessors and fields are not probed), and no exported function calls it' },
      { symbol: 'src/a.ts#<top-level>', reason: '<top-level> is not a module-level function or class method, and no exported function calls it' },
    ]);
  });

  it('probes a method of a class the module does not export through the exported function that returns its instances (issue 17 §3)', () => {
    const { targets, uncovered } = select([decl('Counter'), decl('Counter.label')]);
    // The class's own entry is covered by its changed method: no "cannot be probed" for it.
    expect(uncovered).toEqual([]);
    expect(targets).toEqual([
      expect.objectContaining({
        id: 'src/a.ts#createCounter().label',
        exportName: 'createCounter',
        local: 'Counter',
        member: { name: 'label', static: false },
        factory: true,
        covers: ['src/a.ts#Counter.label'],
      }),
    ]);
    expect(targets[0]!.ctorParams!.map((p) => p.descriptor.kind)).toEqual(['number']);
    expect(targets[0]!.params.map((p) => p.descriptor.kind)).toEqual(['string']);
    // No exported function returns a Hidden: nothing reaches its method.
    expect(select([decl('Hidden.run')]).uncovered).toEqual([{ symbol: 'src/a.ts#Hidden.run', reason: 'Hidden.run is not exported, and no exported function calls it' }]);
  });

  it('ignores test files and declarations that did not change semantically', () => {
    const testDecl: DeclarationChange = { symbol: 'test/a.test.ts#<top-level>', file: 'test/a.test.ts', change: 'semantic', line: 1, endLine: 1, exported: false, code: {} };
    expect(select([testDecl, decl('plain', 'rename')])).toEqual({ targets: [], uncovered: [] });
  });
});
