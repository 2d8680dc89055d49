// An old test removed together with the API it called is a deliberate removal, not a hidden break
// (ast-kit 18f52d97 "feat!: drop walkASTSetup" read regressive/high in the accuracy benchmark).
// Each honest shape is pinned beside the dishonest one of the same form, which stays regressive.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createVitestProject, expectValidReport, type GitRepo } from '@patchprobe/test-utils';
import { verifyPatch } from '../src/index.js';
import { missingApiName, reconcileApiRemovals, reconcileApiReturns, reconcileApiTypeChanges } from '../src/verdict/api-removal.js';
import { renameOnlyMapping } from '../src/static/tampering/syntax-text.js';
import type { Finding } from '../src/verdict/finding.js';

const repos: GitRepo[] = [];
afterAll(() => repos.forEach((r) => r.cleanup()));

const SRC = 'export const half = (x: number) => x / 2;\nexport function double(x: number) {\n  return x * 2;\n}\n';
const TEST =
  "import { expect, it } from 'vitest';\nimport { double, half } from '../src/math';\n" +
  "it('halves', () => expect(half(4)).toBe(2));\nit('doubles', () => expect(double(2)).toBe(4));\n";
// No reruns: the verdicts here do not depend on flake control, which has its own tests (CI is CPU-bound).
const FAST = { typecheck: false, mutation: false, reruns: 0 } as const;

async function project(): Promise<GitRepo> {
  const r = await createVitestProject({ 'src/math.ts': SRC, 'test/math.test.ts': TEST });
  repos.push(r);
  return r;
}

describe('a test removed with the API it called', () => {
  it('is a breaking change to confirm, substantive, when the patch removes both', async () => {
    const r = await project();
    r.write('src/math.ts', 'export const half = (x: number) => x / 2;\n');
    r.write('test/math.test.ts', "import { expect, it } from 'vitest';\nimport { half } from '../src/math';\nit('halves', () => expect(half(4)).toBe(2));\n");
    const report = await verifyPatch({ cwd: r.dir, ...FAST });
    expectValidReport(report);
    const kinds = report.findings.map((f) => f.kind);
    expect(kinds).toContain('api-removed');
    expect(kinds).not.toContain('masked-regression');
    expect(report.verdict, report.summary).toBe('substantive');
  });

  it('stays regressive when the API is still there and broken, and its test removed', async () => {
    const r = await project();
    r.write('src/math.ts', SRC.replace('x * 2', 'x * 3'));
    r.write('test/math.test.ts', "import { expect, it } from 'vitest';\nimport { half } from '../src/math';\nit('halves', () => expect(half(4)).toBe(2));\n");
    const report = await verifyPatch({ cwd: r.dir, ...FAST });
    expect(report.findings.map((f) => f.kind)).toContain('masked-regression');
    expect(report.verdict, report.summary).toBe('regressive');
  });

  it('stays regressive when a test the patch kept still calls the removed API', async () => {
    const r = await project();
    r.write('test/other.test.ts', "import { expect, it } from 'vitest';\nimport { double } from '../src/math';\nit('doubles too', () => expect(double(3)).toBe(6));\n");
    await r.git('add', '-A');
    await r.git('commit', '-q', '-m', 'another test of double');
    r.write('src/math.ts', 'export const half = (x: number) => x / 2;\n');
    r.write('test/math.test.ts', "import { expect, it } from 'vitest';\nimport { half } from '../src/math';\nit('halves', () => expect(half(4)).toBe(2));\n");
    const report = await verifyPatch({ cwd: r.dir, ...FAST });
    expect(report.findings.map((f) => f.kind)).toContain('test-broken');
    expect(report.verdict, report.summary).toBe('regressive');
  });
});

// The test's title stays: only the identifiers change.
const RENAMED_TEST = TEST.replace('{ double, half }', '{ twice, half }').replace('double(2)', 'twice(2)');

describe('a test that only follows an API rename', () => {
  it('is a breaking change to confirm, substantive, when the patch renames the API in the source and the test alike', async () => {
    const r = await project();
    r.write('src/math.ts', SRC.replace('function double', 'function twice'));
    r.write('test/math.test.ts', RENAMED_TEST);
    const report = await verifyPatch({ cwd: r.dir, ...FAST });
    expectValidReport(report);
    const kinds = report.findings.map((f) => f.kind);
    expect(kinds).toContain('test-follows-rename');
    expect(kinds).toContain('api-renamed');
    expect(kinds).not.toContain('masked-regression');
    expect(report.verdict, report.summary).toBe('substantive');
  });

  it('stays regressive when the test is moved to another function while the one it tested broke', async () => {
    const r = await project();
    r.write('src/math.ts', `${SRC.replace('x * 2', 'x * 3')}export const twice = (x: number) => x * 2;\n`);
    r.write('test/math.test.ts', RENAMED_TEST);
    const report = await verifyPatch({ cwd: r.dir, ...FAST });
    expect(report.findings.map((f) => f.kind)).not.toContain('test-follows-rename');
    expect(report.findings.map((f) => f.kind)).toContain('masked-regression');
    expect(report.verdict, report.summary).toBe('regressive');
  });

  it('knows a renaming from any other edit', () => {
    expect(renameOnlyMapping('new A(1); A.x;', 'new B(1); B.x;')).toEqual(new Map([['A', 'B']]));
    // Two names swapped one step (magic-string-ast: MagicStringBase → MagicString → MagicStringAST).
    expect(renameOnlyMapping('new M(); m instanceof MB', 'new MA(); m instanceof M')).toEqual(new Map([['M', 'MA'], ['MB', 'M']]));
    expect(renameOnlyMapping('f(1)', 'g(2)')).toBeUndefined(); // a literal changed too
    expect(renameOnlyMapping('f(a); f(b)', 'g(a); f(b)')).toBeUndefined(); // f kept in one place
    expect(renameOnlyMapping('f(a)', 'f( a ) // same')).toBeUndefined(); // nothing renamed
    // magic-string-ast 430bdf5e: the import list is sorted again after the rename.
    const before = "import { MagicString, MagicStringBase } from '../src'\nconst s = new MagicString('x')\ns instanceof MagicStringBase\n";
    const after = "import { MagicString, MagicStringAST } from '../src'\nconst s = new MagicStringAST('x')\ns instanceof MagicString\n";
    expect(renameOnlyMapping(before, after)).toEqual(new Map([['MagicString', 'MagicStringAST'], ['MagicStringBase', 'MagicString']]));
    // An import list that gains a name the rest of the file does not rename: no renaming.
    expect(renameOnlyMapping("import { a } from 'm'\na()\n", "import { a, b } from 'm'\na()\n")).toBeUndefined();
    expect(renameOnlyMapping("import { a } from 'm'\na()\n", "import { c } from 'm'\na()\n")).toBeUndefined();
    // import.meta and import() are code, not lists.
    expect(renameOnlyMapping('const e = import.meta.env\nif (e) { f(e) }\n', 'const e = import.meta.env\nif (e) { g(e) }\n')).toEqual(new Map([['f', 'g']]));
  });
});

describe(reconcileApiRemovals.name, () => {
  const masked = (error: string): Finding => ({
    kind: 'masked-regression',
    severity: 'error',
    test: 't.test.ts > a',
    file: 't.test.ts',
    message: `the old version of "t.test.ts > a" fails on the new code (${error}); the patch removed the test, which hides the break`,
  });
  const removedTest: Finding = { kind: 'test-removed', severity: 'warning', test: 't.test.ts > a', message: 'gone' };
  const removed = (symbol: string): Finding => ({ kind: 'declaration-removed', severity: 'info', symbol, message: 'removed' });

  it('turns only a missing-API failure of a removed declaration into api-removed', () => {
    const kinds = (error: string, statics: Finding[], suites: Finding[] = [removedTest]) => reconcileApiRemovals([masked(error), ...suites], statics).map((f) => f.kind);
    expect(kinds('TypeError: walkASTSetup is not a function', [removed('src/walk.ts#walkASTSetup')])).toEqual(['api-removed', 'test-removed']);
    expect(kinds("SyntaxError: The requested module '../src/a' does not provide an export named 'gone'", [removed('src/a.ts#gone')])).toEqual(['api-removed', 'test-removed']);
    expect(kinds('TypeError: (0 , __vi_import_0__.Cache) is not a constructor', [removed('src/c.ts#Cache')])).toEqual(['api-removed', 'test-removed']);
    // Another API than the one removed, a wrong value, or a test the patch only edited: unchanged.
    expect(kinds('TypeError: other is not a function', [removed('src/walk.ts#walkASTSetup')])[0]).toBe('masked-regression');
    expect(kinds('AssertionError: expected 6 to be 4', [removed('src/walk.ts#walkASTSetup')])[0]).toBe('masked-regression');
    expect(kinds('TypeError: walkASTSetup is not a function', [removed('src/walk.ts#walkASTSetup')], [])[0]).toBe('masked-regression');
  });

  it('reads the name out of the usual missing-API errors', () => {
    expect(missingApiName('TypeError: walkASTSetup is not a function')).toBe('walkASTSetup');
    expect(missingApiName('ReferenceError: foo is not defined')).toBe('foo');
    expect(missingApiName('TypeError: (0 , __vi_import_0__.bar) is not a function')).toBe('bar');
    expect(missingApiName('AssertionError: expected 1 to be 2')).toBeUndefined();
  });
});

describe('a test that only follows a change of parameters (valibot 0f060d6b, "make stringifyJson config an object")', () => {
  it('is a breaking change to confirm, substantive, when the test changes only its calls and the new calls fail on the old code', async () => {
    const r = await project();
    r.write('src/math.ts', SRC.replace('function double(x: number)', 'function double({ x }: { x: number })'));
    r.write('test/math.test.ts', TEST.replace('double(2)', 'double({ x: 2 })'));
    const report = await verifyPatch({ cwd: r.dir, ...FAST });
    expectValidReport(report);
    const kinds = report.findings.map((f) => f.kind);
    expect(kinds).toContain('test-follows-signature');
    expect(kinds).toContain('api-changed');
    expect(kinds).not.toContain('masked-regression');
    expect(report.verdict, report.summary).toBe('substantive');
  });

  it('stays regressive when the new calls pass on the old code too: the test moved off what broke', async () => {
    const r = await project();
    // a new parameter whose default changes what the old calls get; the test passes the old behaviour explicitly
    r.write('src/math.ts', SRC.replace('function double(x: number) {\n  return x * 2;', 'function double(x: number, by = 3) {\n  return x * by;'));
    r.write('test/math.test.ts', TEST.replace('double(2)', 'double(2, 2)'));
    const report = await verifyPatch({ cwd: r.dir, ...FAST });
    const kinds = report.findings.map((f) => f.kind);
    expect(kinds).toContain('test-follows-signature');
    expect(kinds).toContain('masked-regression');
    expect(report.verdict, report.summary).toBe('regressive');
  });
});

describe('a test file removed with the module it imports (valibot 7fb268be, 797047fc: a module and its test moved)', () => {
  const EXTRA = "import { double } from './math';\nexport const quadruple = (x: number) => double(double(x));\n";
  const EXTRA_TEST = "import { expect, it } from 'vitest';\nimport { quadruple } from '../src/extra';\nit('quadruples', () => expect(quadruple(2)).toBe(8));\n";

  const remove = (r: GitRepo, file: string): void => fs.rmSync(path.join(r.dir, file));

  async function withExtra(): Promise<GitRepo> {
    const r = await project();
    r.write('src/extra.ts', EXTRA);
    r.write('test/extra.test.ts', EXTRA_TEST);
    await r.git('add', '-A');
    await r.git('commit', '-q', '-m', 'quadruple');
    return r;
  }

  it('is a breaking change to confirm, substantive, when the patch deletes the module the test file imports', async () => {
    const r = await withExtra();
    remove(r, 'src/extra.ts');
    remove(r, 'test/extra.test.ts');
    const report = await verifyPatch({ cwd: r.dir, ...FAST });
    expectValidReport(report);
    const kinds = report.findings.map((f) => f.kind);
    expect(kinds).toContain('api-removed');
    expect(kinds).not.toContain('masked-regression');
    expect(report.findings.find((f) => f.kind === 'api-removed')?.message).toContain('`src/extra.ts`, which the patch deletes');
    expect(report.verdict, report.summary).toBe('substantive');
  });

  it('stays regressive when the missing module is one the tested code imports, not the test file', async () => {
    const r = await withExtra();
    remove(r, 'src/math.ts');
    remove(r, 'test/math.test.ts');
    remove(r, 'test/extra.test.ts');
    const report = await verifyPatch({ cwd: r.dir, ...FAST });
    expect(report.findings.map((f) => f.kind)).toContain('masked-regression');
    expect(report.verdict, report.summary).toBe('regressive');
  });
});

describe('a test whose type test no longer type-checks on the new code (valibot 7993f2e6, "split into getTitle, getDescription and getMetadata")', () => {
  // The end-to-end twins are examples/api-types-changed (substantive) and
  // examples/masked-regression-types-kept (regressive); this pins the matching.
  const masked = (test: string): Finding => ({
    kind: 'masked-regression',
    severity: 'error',
    test,
    file: test.split(' > ')[0]!,
    message: `the old version of "${test}" fails on the new code (AssertionError: expected { key: 'value' } to strictly equal { title: 'title', …(2) }); the patch removed the test, which hides the break`,
  });
  const typeTest = (test: string): Finding => ({
    kind: 'old-type-test-fails',
    severity: 'info',
    test,
    file: test.split(' > ')[0]!,
    message: `the old version of type test "${test}" type-checks on the old code but not on the new (TS2344 at line 9: Type 'Expected' does not satisfy the constraint): the patch changes the declared types it checks`,
  });
  const declared = (symbol: string, kind: Finding['kind'] = 'declaration-changed'): Finding => ({ kind, severity: 'info', symbol, message: 'changed' });
  const retyped = declared('src/getMetadata/getMetadata.ts#interface Metadata');
  const kinds = (suites: Finding[], statics: Finding[]) => reconcileApiTypeChanges(suites, [retyped, ...statics]).map((f) => f.kind);

  it('turns a masked regression into api-types-changed only when the same test of its type twin fails on the new code', () => {
    const test = 'src/getMetadata/getMetadata.test.ts > getMetadata > returns the metadata (sync)';
    const twin = 'src/getMetadata/getMetadata.test-d.ts > getMetadata > returns the metadata (sync)';
    expect(kinds([masked(test)], [typeTest(twin)])).toEqual(['api-types-changed']);
    const [changed] = reconcileApiTypeChanges([masked(test)], [retyped, typeTest(twin)]);
    expect(changed!.message).toContain('TS2344 at line 9');
    expect(changed!.message).toContain("expected { key: 'value' }");
    expect(kinds([masked('a.spec.tsx > x')], [typeTest('a.spec-d.tsx > x')])).toEqual(['api-types-changed']);
    // The declared types kept: no type failure, the masked regression stays.
    expect(kinds([masked(test)], [])).toEqual(['masked-regression']);
    // Another test of the twin, a twin in another folder, or a file that is not the test's twin: unchanged.
    expect(kinds([masked(test)], [typeTest('src/getMetadata/getMetadata.test-d.ts > getMetadata > other')])).toEqual(['masked-regression']);
    expect(kinds([masked(test)], [typeTest('src/other/getMetadata.test-d.ts > getMetadata > returns the metadata (sync)')])).toEqual(['masked-regression']);
    expect(kinds([masked(test)], [typeTest('src/getMetadata/types.test-d.ts > getMetadata > returns the metadata (sync)')])).toEqual(['masked-regression']);
    // Another kind with the same test name passes through.
    expect(kinds([{ ...masked(test), kind: 'test-broken' }], [typeTest(twin)])).toEqual(['test-broken']);
  });

  it('needs a patch that edits a declared type: an inferred return type changes with a break of the code', () => {
    const test = 'src/meta.test.ts > getMeta > has a title';
    const only = (statics: Finding[]) => reconcileApiTypeChanges([masked(test)], [typeTest('src/meta.test-d.ts > getMeta > has a title'), ...statics]).map((f) => f.kind);
    // No interface or type alias of the source changed: the type test failed because the code did.
    expect(only([])).toEqual(['masked-regression']);
    expect(only([declared('src/meta.ts#getMeta')])).toEqual(['masked-regression']);
    expect(only([declared('src/meta.test-d.ts#type Expected', 'declaration-removed')])).toEqual(['masked-regression']);
    // An interface or a type alias of the source added, removed or changed: declared.
    expect(only([declared('src/meta.ts#interface Meta', 'declaration-removed')])).toEqual(['api-types-changed']);
    expect(only([declared('src/get-meta.ts#type GetMeta', 'declaration-added')])).toEqual(['api-types-changed']);
  });
});

describe('old tests in a file whose only edit stops callbacks returning a value (pmndrs/zustand feddc0c2, "return storage promise from setState")', () => {
  // End to end: examples/api-return-changed (substantive). This pins the matching and the twin.
  const FILE = 'tests/persistAsync.test.tsx';
  const masked = (title: string, file = FILE): Finding => ({
    kind: 'masked-regression',
    severity: 'error',
    test: `${file} > persist > ${title}`,
    file,
    message: `the old version of "${file} > persist > ${title}" fails on the new code (TestingLibraryElementError: Unable to find an element with the text: count: 0.); the patch edited the test, which hides the break`,
  });
  const discards = (file = FILE): Finding => ({
    kind: 'test-discards-return',
    severity: 'info',
    file,
    message: 'the only edit of this file changes whether callbacks return the value of `useBoundStore.setState({ count: 42 })` (`() => x` ↔ `() => { x }`); no input or expected value changes',
  });
  const retyped: Finding = { kind: 'declaration-changed', severity: 'info', symbol: 'src/middleware/persist.ts#type StorePersist', message: 'changed' };
  const kinds = (suites: Finding[], statics: Finding[]) => reconcileApiReturns(suites, statics).map((f) => f.kind);

  it('turns every masked regression of that file into api-return-changed when the patch edits a declared type, the tests it did not edit included', () => {
    const suites = [masked('can persist state with custom serialization of Map'), masked('can merge partial persisted state')];
    expect(kinds(suites, [discards(), retyped])).toEqual(['api-return-changed', 'api-return-changed']);
    const [changed] = reconcileApiReturns(suites, [discards(), retyped]);
    expect(changed).toMatchObject({ severity: 'warning', file: FILE, test: `${FILE} > persist > can persist state with custom serialization of Map` });
    expect(changed!.message).toContain('Unable to find an element with the text: count: 0.');
    expect(changed!.message).toContain('`useBoundStore.setState({ count: 42 })`');
  });

  it('keeps the masked regression without a declared type edit, in another file, or when the edit changed more than returns', () => {
    // an inferred return type changes with the code: nothing says the new value is meant
    expect(kinds([masked('can persist state')], [discards(), { ...retyped, symbol: 'src/middleware/persist.ts#persistImpl' }])).toEqual(['masked-regression']);
    expect(kinds([masked('can persist state', 'tests/other.test.tsx')], [discards(), retyped])).toEqual(['masked-regression']);
    expect(kinds([masked('can persist state')], [retyped])).toEqual(['masked-regression']);
    expect(kinds([{ ...masked('x'), kind: 'test-broken' }], [discards(), retyped])).toEqual(['test-broken']);
  });
});
