import { describe, expect, it } from 'vitest';
import { declarationRanges, mergeRanges, owningDeclaration } from '../../src/mutation/ranges.js';
import type { DeclarationChange } from '../../src/static/types.js';

const decl = (symbol: string, change: DeclarationChange['change'], after?: [number, number], before?: [number, number], oldSymbol?: string): DeclarationChange => ({
  symbol,
  file: symbol.slice(0, symbol.indexOf('#')),
  change,
  line: after?.[0] ?? before?.[0] ?? 1,
  endLine: after?.[1] ?? before?.[1] ?? 1,
  exported: true,
  ...(oldSymbol ? { oldSymbol } : {}),
  code: {
    ...(after ? { after: { startLine: after[0], endLine: after[1], text: '' } } : {}),
    ...(before ? { before: { startLine: before[0], endLine: before[1], text: '' } } : {}),
  },
});
const ctx = { projectDir: '', isTestFile: (f: string) => f.startsWith('test/') };

describe(declarationRanges.name, () => {
  const decls = [
    decl('src/a.ts#f', 'semantic', [3, 9], [3, 7]),
    decl('src/a.ts#g', 'formatting', [11, 12], [9, 10]),
    decl('src/a.ts#h', 'types-only', [14, 15], [12, 13]),
    decl('src/b.ts#added', 'added', [1, 4]),
    decl('src/b.ts#gone', 'removed', undefined, [1, 4]),
    decl('src/c.ts#now', 'renamed', [2, 5], [2, 5], 'src/c.ts#then'),
    decl('test/a.test.ts#<top-level>', 'semantic', [1, 20], [1, 18]),
    decl('src/types.d.ts#T', 'semantic', [1, 2], [1, 2]),
    // vitest's type tests beside the source (remeda, valibot): checked by tsc, never run
    decl('src/a.test-d.ts#<call describe>', 'semantic', [1, 9], [1, 8]),
    decl('README.md#x', 'semantic', [1, 2], [1, 2]),
  ];

  it('mutates after the patch what may behave differently: semantic, added, renamed, moved; never tests, type tests, .d.ts or non-code', () => {
    expect(declarationRanges(decls, ctx).map((r) => [r.symbol, r.start, r.end])).toEqual([
      ['src/a.ts#f', 3, 9],
      ['src/b.ts#added', 1, 4],
      ['src/c.ts#now', 2, 5],
    ]);
  });

  it('keeps to the project folder and gives Stryker project-relative files', () => {
    const mono = [decl('packages/core/src/x.ts#f', 'semantic', [1, 3], [1, 3]), decl('packages/app/src/y.ts#g', 'semantic', [1, 3], [1, 3])];
    const r = declarationRanges(mono, { projectDir: 'packages/core', isTestFile: () => false });
    expect(r).toEqual([expect.objectContaining({ file: 'packages/core/src/x.ts', projectFile: 'src/x.ts' })]);
  });
});

describe(mergeRanges.name, () => {
  it('merges a function and the callback nested in it, and adjacent declarations, per file', () => {
    const r = (symbol: string, projectFile: string, start: number, end: number) => ({ symbol, file: projectFile, projectFile, start, end });
    expect(mergeRanges([r('f', 'a.ts', 3, 9), r('f.<anon#0>', 'a.ts', 5, 6), r('g', 'a.ts', 10, 12), r('h', 'a.ts', 20, 22), r('k', 'b.ts', 1, 2)])).toEqual([
      { file: 'a.ts', start: 3, end: 12 },
      { file: 'a.ts', start: 20, end: 22 },
      { file: 'b.ts', start: 1, end: 2 },
    ]);
  });
});

describe(owningDeclaration.name, () => {
  it('gives a mutant to the innermost declaration that holds its line', () => {
    const ranges = [
      { symbol: 'f', file: 'a.ts', projectFile: 'a.ts', start: 3, end: 9 },
      { symbol: 'f.<anon#0>', file: 'a.ts', projectFile: 'a.ts', start: 5, end: 6 },
    ];
    expect(owningDeclaration(ranges, 'a.ts', 4)?.symbol).toBe('f');
    expect(owningDeclaration(ranges, 'a.ts', 5)?.symbol).toBe('f.<anon#0>');
    expect(owningDeclaration(ranges, 'a.ts', 10)).toBeUndefined();
    expect(owningDeclaration(ranges, 'b.ts', 5)).toBeUndefined();
  });
});
