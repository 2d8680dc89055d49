import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirs } from '@patchprobe/test-utils';
import { docExampleFindings, planDocExamples } from '../../src/probes/doc-oracle.js';
import type { DocExampleRun } from '../../src/probes/plan.js';
import type { DocExampleOutcome } from '../../src/probes/runtime/doc-example-eval.js';
import type { ProbeTarget } from '../../src/probes/targets.js';

// The rule that can say regressive from a doc comment (doc-example-broken), pinned with the honest
// shapes of the same form it must not fire on: an example the patch rewrote, an example the old
// version does not keep deterministically, a change a test of the patch asks for.
const { tempDir, cleanup } = tempDirs();
afterAll(cleanup);

const target: ProbeTarget = { id: 'src/q.ts#parseQuery', file: 'src/q.ts', exportName: 'parseQuery', params: [], covers: ['src/q.ts#parseQuery'] };

function doc(examples: string[]): string {
  return ['/**', ' * Parses a query.', ' * @example', ...examples.map((e) => ` *   ${e}`), ' */', 'export function parseQuery(q: string) { return {}; }', ''].join('\n');
}

function trees(before: string[], after: string[]) {
  const beforeRoot = tempDir('pp-doc-before-');
  const afterRoot = tempDir('pp-doc-after-');
  for (const [root, lines] of [[beforeRoot, before], [afterRoot, after]] as const) {
    fs.mkdirSync(path.join(root, 'src'), { recursive: true });
    fs.writeFileSync(path.join(root, 'src/q.ts'), doc(lines));
  }
  return planDocExamples([target], { beforeRoot, afterRoot });
}

const holds: DocExampleOutcome = { status: 'holds' };
const differs = (actual: string): DocExampleOutcome => ({ status: 'differs', actual, expected: "{ token: 'abc==' }" });
const run = (id: string, before: DocExampleOutcome, after: DocExampleOutcome, beforeAgain = before): DocExampleRun => ({ id, before, beforeAgain, after });
const noTest = (): undefined => undefined;

const TOKEN = "parseQuery('token=abc==') // => { token: 'abc==' }";
const PAGE = "parseQuery('page=2') // => { page: '2' }";

describe('planning documented examples', () => {
  it('runs the new doc comment’s examples and marks those the old one has word for word as kept', () => {
    const set = trees([TOKEN, PAGE], [TOKEN, "parseQuery('q=a+b') // => { q: 'a b' }"]);
    expect(set.plans.map((p) => p.example.code)).toEqual(["parseQuery('token=abc==')", "parseQuery('q=a+b')"]);
    expect([...set.meta.values()].map((m) => m.kept)).toEqual([true, false]);
    expect(set.changedByPatch).toBe(1);
    expect(set.plans[0]?.module).toBe('src/q.ts');
  });

  it('gives each example the package entry above its module, present in both trees, as the scope of names its module does not export', () => {
    const beforeRoot = tempDir('pp-doc-before-');
    const afterRoot = tempDir('pp-doc-after-');
    for (const root of [beforeRoot, afterRoot]) {
      fs.mkdirSync(path.join(root, 'src/parse'), { recursive: true });
      fs.writeFileSync(path.join(root, 'src/parse/q.ts'), doc([TOKEN]));
      fs.writeFileSync(path.join(root, 'src/index.ts'), "export * from './parse/q';\n");
    }
    const nested = { ...target, id: 'src/parse/q.ts#parseQuery', file: 'src/parse/q.ts' };
    expect(planDocExamples([nested], { beforeRoot, afterRoot }).plans[0]?.entry).toBe('src/index.ts');
    fs.rmSync(path.join(beforeRoot, 'src/index.ts'));
    expect(planDocExamples([nested], { beforeRoot, afterRoot }).plans[0]?.entry).toBeUndefined();
  });

  it('counts example lines it cannot read', () => {
    expect(trees([], ['parseQuery(x) // => a new record']).unreadable).toBe(1);
  });
});

describe('judging documented examples', () => {
  it('an example the patch kept, that held twice before and fails after, is doc-example-broken (error)', () => {
    const set = trees([TOKEN, PAGE], [TOKEN, PAGE]);
    const { findings, summary } = docExampleFindings([run(set.plans[0]!.id, holds, differs("{ token: 'abc' }")), run(set.plans[1]!.id, holds, holds)], set, noTest);
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'doc-example-broken', severity: 'error', file: 'src/q.ts', line: 4, message: expect.stringContaining("`parseQuery('token=abc==')` should be { token: 'abc==' }, as it was before the patch; now it gives { token: 'abc' }") }),
    ]);
    expect(summary).toEqual({ checked: 2, held: 1, broken: 1, fixed: 0, ignored: 0, changedByPatch: 0, unreadable: 0 });
  });

  it('is a warning when a test the patch wrote expects a change of the function', () => {
    const set = trees([TOKEN], [TOKEN]);
    const { findings } = docExampleFindings([run(set.plans[0]!.id, holds, differs("{ token: 'abc' }"))], set, () => 'the test "trims keys"');
    expect(findings).toEqual([expect.objectContaining({ kind: 'doc-example-broken', severity: 'warning', message: expect.stringContaining('the test "trims keys" expects a change of `parseQuery`') })]);
  });

  it('does not judge an example the patch rewrote (a changed promise, not a broken one)', () => {
    const set = trees(["parseQuery('q=a+b') // => { q: 'a+b' }"], ["parseQuery('q=a+b') // => { q: 'a b' }"]);
    const { findings, summary } = docExampleFindings([run(set.plans[0]!.id, differs("{ q: 'a+b' }"), holds)], set, noTest);
    expect(findings).toEqual([]);
    expect(summary).toMatchObject({ checked: 1, broken: 0, fixed: 0, ignored: 1, changedByPatch: 1 });
  });

  it('does not judge an example the old version does not give the same result twice, or cannot run', () => {
    const set = trees([TOKEN, PAGE], [TOKEN, PAGE]);
    const [a, b] = set.plans.map((p) => p.id) as [string, string];
    const { findings, summary } = docExampleFindings(
      [run(a, holds, differs('x'), differs('y')), run(b, { status: 'unrunnable', reason: 'not in scope: R.other' }, differs('x'))],
      set,
      noTest,
    );
    expect(findings).toEqual([]);
    expect(summary).toMatchObject({ checked: 2, ignored: 2, broken: 0 });
  });

  it('does not call an example broken when the new version cannot run it (the export went away: other findings say so)', () => {
    const set = trees([TOKEN], [TOKEN]);
    const { findings } = docExampleFindings([run(set.plans[0]!.id, holds, { status: 'unrunnable', reason: 'not in scope: parseQuery' })], set, noTest);
    expect(findings).toEqual([]);
  });

  it('an example the old version got wrong (the same way twice) and the new one keeps is doc-example-fixed', () => {
    const set = trees([TOKEN], [TOKEN]);
    const { findings, summary } = docExampleFindings([run(set.plans[0]!.id, { status: 'throws', error: 'TypeError: x' }, holds)], set, noTest);
    expect(findings).toEqual([expect.objectContaining({ kind: 'doc-example-fixed', severity: 'info', message: expect.stringContaining('before the patch it throws TypeError: x') })]);
    expect(summary).toMatchObject({ fixed: 1 });
  });
});
