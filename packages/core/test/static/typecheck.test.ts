import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { structuredPatch } from 'diff';
import { afterEach, describe, expect, it } from 'vitest';
import { itFull, REPO_ROOT, scaledMs } from '@patchprobe/test-utils';
import { AbortedError } from '../../src/errors.js';
import { renamedLocals, renamedNames, runTypecheckDelta, startTsc, type TypecheckInput } from '../../src/static/typecheck/typecheck.js';
import { newDiagnostics, parseTscOutput } from '../../src/static/typecheck/typecheck-parse.js';
import { runTscTrees } from '../../src/static/typecheck/tsc-trees.js';
import type { DeclarationChange, StaticFile } from '../../src/static/types.js';
import type { Finding } from '../../src/verdict/finding.js';

/** The repository's own TypeScript (5.9.3), linked into each test tree's node_modules. */
const TYPESCRIPT = fs.realpathSync(path.join(REPO_ROOT, 'node_modules/typescript'));

const TSCONFIG = JSON.stringify({
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: 'ES2022',
    lib: ['ES2022'],
    module: 'ESNext',
    moduleResolution: 'Bundler',
    types: [],
    skipLibCheck: true,
  },
  include: ['src', 'test'],
});

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

type Tree = Record<string, string>;

interface Setup {
  /** Files in both trees (package.json and tsconfig.json are added unless given). */
  base: Tree;
  /** The patch: files to write (string) or delete (null) in the after tree. */
  patch: Record<string, string | null>;
  typescript?: boolean;
  projectDir?: string;
  timeoutMs?: number;
}

const roleOf = (file: string): StaticFile['role'] => (/\.test\.[cm]?[jt]sx?$/.test(file) ? 'test' : file.endsWith('.md') ? 'docs' : 'source');

/** Two real trees, "before" and "after", and the changed files between them as the static stage sees them. */
function setup(s: Setup): TypecheckInput {
  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-typecheck-')));
  cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const projectDir = s.projectDir ?? '';
  const defaults: Tree = {
    [path.posix.join(projectDir, 'package.json')]: '{"name":"p","private":true,"type":"module"}',
    [path.posix.join(projectDir, 'tsconfig.json')]: TSCONFIG,
  };
  const before: Tree = { ...defaults, ...s.base };
  const after: Tree = { ...before };
  for (const [file, text] of Object.entries(s.patch)) {
    if (text === null) delete after[file];
    else after[file] = text;
  }
  for (const [name, tree] of [['before', before], ['after', after]] as const) {
    const root = path.join(tmp, name);
    for (const [file, text] of Object.entries(tree)) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    }
    fs.mkdirSync(path.join(root, 'node_modules'), { recursive: true });
    if (s.typescript !== false) fs.symlinkSync(TYPESCRIPT, path.join(root, 'node_modules/typescript'));
  }
  const files: StaticFile[] = Object.keys(s.patch).map((file) => {
    const old = before[file];
    const now = after[file];
    const status = old === undefined ? 'added' : now === undefined ? 'deleted' : 'modified';
    const hunks = structuredPatch(file, file, old ?? '', now ?? '', '', '', { context: 0 }).hunks.map((h) => ({
      oldStart: h.oldStart,
      oldLines: h.oldLines,
      newStart: h.newStart,
      newLines: h.newLines,
    }));
    const f: StaticFile = { path: file, status, role: roleOf(file), hunks };
    if (old !== undefined) f.before = old;
    if (now !== undefined) f.after = now;
    return f;
  });
  const tmpDir = path.join(tmp, 'tmp');
  fs.mkdirSync(tmpDir);
  return { beforeRoot: path.join(tmp, 'before'), afterRoot: path.join(tmp, 'after'), projectDir, files, timeoutMs: s.timeoutMs ?? 60_000, tmpDir };
}

const pick = (findings: Finding[]) => findings.map(({ kind, severity, file, line }) => ({ kind, severity, file, line }));

/** The findings of a type-check delta that must have run. */
async function ranFindings(input: TypecheckInput): Promise<Finding[]> {
  const r = await runTypecheckDelta(input);
  expect(r.status).toBe('ran');
  return r.findings;
}

const MONEY = 'export class Money {\n  constructor(public amount: number) {}\n  plus(o: Money): Money {\n    return new Money(this.amount + o.amount);\n  }\n}\n';

describe(runTypecheckDelta.name, () => {
  it('reports a call of a method that does not exist, and a missing export, as invented-api with file and line', async () => {
    const input = setup({
      base: { 'src/money.ts': MONEY, 'src/use.ts': "import { Money } from './money';\nexport const total = new Money(1).plus(new Money(2));\n" },
      patch: {
        'src/use.ts':
          "import { Money, parseMoney } from './money';\nexport const total = new Money(1).plus(new Money(2));\nexport const parsed = new Money(0).parseAmount('1.50');\nexport const p = parseMoney;\n",
      },
    });
    const started = performance.now();
    const r = await runTypecheckDelta(input);
    console.log(`typecheck delta, small project (3 files), before+after: ${Math.round(performance.now() - started)} ms`);
    expect(r.status).toBe('ran');
    expect(pick(r.findings)).toEqual([
      { kind: 'invented-api', severity: 'error', file: 'src/use.ts', line: 1 },
      { kind: 'invented-api', severity: 'error', file: 'src/use.ts', line: 3 },
    ]);
    expect(r.findings[0]!.message).toBe('`parseMoney` is not exported by `./money` (TS2305): the patch imports an API that is not there');
    expect(r.findings[1]!.message).toBe('`parseAmount` does not exist on `Money` (TS2339): the patch calls an API that is not there');
  });

  it('reports a new import of a package no package.json declares as unknown-package, a missing relative module as invented-api', async () => {
    const input = setup({
      base: { 'src/a.ts': 'export const a = 1;\n' },
      patch: {
        'package.json': '{"name":"p","private":true,"type":"module","dependencies":{"zod":"^3.0.0"}}',
        'src/a.ts': "import pad from 'left-pad-x';\nimport { b } from './b-gone';\nexport const a = pad(b);\n",
      },
    });
    const findings = await ranFindings(input);
    expect(pick(findings)).toEqual([
      { kind: 'unknown-package', severity: 'error', file: 'src/a.ts', line: 1 },
      { kind: 'invented-api', severity: 'error', file: 'src/a.ts', line: 2 },
    ]);
    expect(findings[0]!.message).toContain('`left-pad-x`, a package that no package.json declares and that is not installed');
    expect(findings[1]!.message).toBe('imports `./b-gone`, which does not exist (TS2307): the patch imports a module that is not there');
  });

  // The copies link the dependencies installed now: a dependency the patch adds is usually not
  // installed yet. tsc cannot see it, which is no evidence that the patch invented it.
  it('a package the patch declares but that is not installed: one package-not-installed warning, and the implicit-any errors it causes are not counted', async () => {
    const input = setup({
      base: {
        'src/users.ts': 'export interface User { name: string }\nexport const users: User[] = [];\n',
        'src/report.ts': "import { names } from './names';\nexport const report = (): string => names().join(', ');\n",
        'src/names.ts': "import { users } from './users';\nexport const names = (): string[] => users.map((u) => u.name);\n",
      },
      patch: {
        'package.json': '{"name":"p","private":true,"type":"module","dependencies":{"zod":"^4.0.0","@acme/ids":"workspace:*"}}',
        // The schema's callbacks get no contextual type from an unresolved import: TS7006 twice.
        'src/users.ts':
          "import { z } from 'zod';\nimport { newId } from '@acme/ids';\nexport interface User { name: string }\nexport const users: User[] = [];\nexport const UserSchema = z.object({ name: z.string() }).refine((u) => u.name !== '', { message: 'empty' });\nexport const check = z.string().transform((s) => s.trim());\nexport const id = newId();\n",
        // A file that reaches the unresolved import through a relative one: its implicit any is a cascade too.
        'src/names.ts':
          "import { users, UserSchema } from './users';\nexport const names = (): string[] => users.map((u) => u.name);\nexport const valid = UserSchema.array().filter((v) => v);\n",
        // A genuine new error in the same patch is still one.
        'src/report.ts': "import { names } from './names';\nexport const report = (): number => names().join(', ');\n",
      },
    });
    const findings = await ranFindings(input);
    expect(pick(findings)).toEqual([
      { kind: 'type-error', severity: 'error', file: 'src/report.ts', line: 2 },
      { kind: 'package-not-installed', severity: 'warning', file: 'src/users.ts', line: 1 },
      { kind: 'package-not-installed', severity: 'warning', file: 'src/users.ts', line: 2 },
    ]);
    expect(findings[1]!.message).toBe(
      'imports `zod`, which a package.json declares but is not installed here (a new dependency?) (TS2307), so the type-check could not see it and does not count its import or the 3 errors that follow from it (values typed `any`): install it and rerun to check the code that uses it',
    );
    expect(findings[2]!.message).toContain('`@acme/ids`');
  });

  it('a package the patch adds that is installed: nothing to report', async () => {
    const pkg = {
      'node_modules/tiny-slug/package.json': '{"name":"tiny-slug","version":"1.0.0","type":"module","types":"index.d.ts","main":"index.js"}',
      'node_modules/tiny-slug/index.d.ts': 'export declare function slug(s: string): string;\n',
      'node_modules/tiny-slug/index.js': "export const slug = (s) => s.toLowerCase().replace(/\\s+/g, '-');\n",
    };
    const input = setup({
      base: { ...pkg, 'src/a.ts': 'export const title = (s: string): string => s;\n' },
      patch: {
        'package.json': '{"name":"p","private":true,"type":"module","dependencies":{"tiny-slug":"^1.0.0"}}',
        'src/a.ts': "import { slug } from 'tiny-slug';\nexport const title = (s: string): string => slug(s);\n",
      },
    });
    expect(await ranFindings(input)).toEqual([]);
  });

  it('an error that existed before names a type the patch renamed: the same error, not a new one', async () => {
    const before = "export interface Invoice { id: number; total: number }\nexport const draft: Invoice = { id: 1 };\nexport function sum(list: Invoice[]): number {\n  return list.reduce((n, i) => n + i.total, 0);\n}\n";
    const after = before.replaceAll('Invoice', 'Bill');
    const use = (t: string) => `import { sum, type ${t} } from './invoice';\nexport const one: ${t} = { id: 2, total: 3 };\nexport const s = sum([one, 'x']);\n`;
    const input = setup({
      base: { 'src/invoice.ts': before, 'src/use.ts': use('Invoice') },
      patch: { 'src/invoice.ts': after, 'src/use.ts': use('Bill') },
    });
    const declarations = [declaration({ change: 'renamed', symbol: 'src/invoice.ts#Bill', oldSymbol: 'src/invoice.ts#Invoice' })];
    // Without the rename, both old errors read as new ones (their messages name `Bill`).
    expect((await ranFindings(input)).map((f) => f.kind)).toEqual(['type-error', 'type-error']);
    expect(await ranFindings({ ...input, declarations })).toEqual([]);

    // A new error that names the renamed type is still new.
    const worse = setup({
      base: { 'src/invoice.ts': before, 'src/use.ts': use('Invoice') },
      patch: { 'src/invoice.ts': after, 'src/use.ts': `${use('Bill')}export const two: Bill = { id: 3 };\n` },
    });
    const found = await ranFindings({ ...worse, declarations });
    expect(pick(found)).toEqual([{ kind: 'type-error', severity: 'error', file: 'src/use.ts', line: 4 }]);
    expect(found[0]!.message).toContain("required in type 'Bill'");
  });

  it('an error that existed before names a parameter the patch renamed consistently: the same error', async () => {
    // `n` becomes `name` next to the property `d.name`, and the parameter `d` (implicitly any before and after) becomes `deployment`.
    const before = 'export function label(d, suffix: string): string {\n  const n = d.name.trim();\n  return n + suffix;\n}\n';
    const after = 'export function label(deployment, suffix: string): string {\n  const name = deployment.name.trim();\n  return name + suffix;\n}\n';
    const input = setup({ base: { 'src/label.ts': before }, patch: { 'src/label.ts': after } });
    const excerpt = (text: string) => ({ startLine: 1, endLine: 4, text: text.trimEnd() });
    const declarations = [declaration({ change: 'rename', symbol: 'src/label.ts#label', code: { before: excerpt(before), after: excerpt(after) } })];
    // "Parameter 'd' implicitly has an 'any' type." before, "Parameter 'deployment' …" after.
    expect((await ranFindings(input)).map((f) => f.kind)).toEqual(['type-error']);
    expect(await ranFindings({ ...input, declarations })).toEqual([]);
  });

  it('reports plain type errors: error in source, warning in a test, error in a file the patch did not touch (project in a subfolder)', async () => {
    const input = setup({
      projectDir: 'packages/app',
      base: {
        'packages/app/src/money.ts': MONEY,
        'packages/app/src/caller.ts': "import { Money } from './money';\nexport const m: Money = new Money(1).plus(new Money(2));\n",
        'packages/app/test/money.test.ts': "import { Money } from '../src/money';\nexport const n: number = new Money(1).amount;\n",
      },
      patch: {
        'packages/app/src/money.ts': MONEY.replace('plus(o: Money): Money', 'plus(o: number): Money').replace('o.amount', 'o'),
        'packages/app/src/extra.ts': "export const label: string = 42;\n",
        'packages/app/test/money.test.ts': "import { Money } from '../src/money';\nexport const n: string = new Money(1).amount;\n",
      },
    });
    const r = await runTypecheckDelta(input);
    expect(r.status).toBe('ran');
    expect(pick(r.findings)).toEqual([
      { kind: 'type-error', severity: 'error', file: 'packages/app/src/caller.ts', line: 2 },
      { kind: 'type-error', severity: 'error', file: 'packages/app/src/extra.ts', line: 1 },
      { kind: 'type-error', severity: 'warning', file: 'packages/app/test/money.test.ts', line: 2 },
    ]);
    expect(r.findings[0]!.message).toMatch(/^the patch breaks a file it did not change: Argument of type 'Money' is not assignable to parameter of type 'number'\. \(TS2345\)$/);
    expect(r.findings[1]!.message).toBe("new type error: Type 'number' is not assignable to type 'string'. (TS2322)");
    expect(r.findings[2]!.message).toMatch(/^new type error in a test file: /);
    for (const f of r.findings) expect(f.message).not.toContain('\n');
  });

  it('does not report an error that exists before and after, even when its line moved; reports only the extra copy', async () => {
    const input = setup({
      base: { 'src/a.ts': "export const x: number = 'old';\n" },
      patch: { 'src/a.ts': "// a comment\n\nexport const y = 1;\nexport const x: number = 'old';\nexport const z: number = 'old';\n" },
    });
    const r = await runTypecheckDelta(input);
    expect(r.status).toBe('ran');
    // Same (file, code, message) twice after, once before: one is new, the one inside the hunk.
    expect(pick(r.findings)).toEqual([{ kind: 'type-error', severity: 'error', file: 'src/a.ts', line: 5 }]);

    const same = setup({
      base: { 'src/a.ts': "export const x: number = 'old';\n" },
      patch: { 'src/a.ts': "// moved down\n\nexport const x: number = 'old';\n" },
    });
    expect(await runTypecheckDelta(same)).toMatchObject({ status: 'ran', findings: [] });
  });

  it('without TypeScript: skipped, and the JS checks find a new unknown package and a missing relative module', async () => {
    const input = setup({
      typescript: false,
      base: { 'src/a.js': "import fs from 'node:fs';\nimport old from 'was-already-here';\nexport const a = 1;\n", 'src/b.js': 'export const b = 2;\n' },
      patch: {
        'src/a.js':
          "import fs from 'node:fs';\nimport path from 'path';\nimport old from 'was-already-here';\nimport { b } from './b.js';\nimport { parse } from './money/parse';\nconst pad = require('left-pad-x');\nexport const a = () => import('./b');\n",
      },
    });
    const r = await runTypecheckDelta(input);
    expect(r.status).toBe('skipped');
    expect(r.reason).toBe('TypeScript is not installed for the repository root');
    expect(pick(r.findings)).toEqual([
      { kind: 'invented-api', severity: 'error', file: 'src/a.js', line: 5 },
      { kind: 'unknown-package', severity: 'error', file: 'src/a.js', line: 6 },
      { kind: 'typecheck-skipped', severity: 'info', file: undefined, line: undefined },
    ]);
    expect(r.findings[0]!.message).toBe('imports `./money/parse`, which does not exist: the patch imports a module that is not there');
    expect(r.findings[1]!.message).toContain('`left-pad-x`');
    expect(r.findings[2]!.message).toBe('type-check skipped: TypeScript is not installed for the repository root');
  });

  it('without TypeScript: a path alias of the file\'s tsconfig and a package.json imports entry are not packages (valibot\'s website: `~/…`)', async () => {
    const input = setup({
      typescript: false,
      base: { 'site/tsconfig.json': '{ // comments are allowed\n "compilerOptions": { "paths": { "~/*": ["./src/*"] } } }\n', 'site/src/a.js': 'export const a = 1;\n' },
      patch: { 'site/src/a.js': "import { b } from '~/lib/b';\nimport c from '#internal';\nimport d from 'not-a-package-x';\nexport const a = b + c + d;\n" },
    });
    const r = await runTypecheckDelta(input);
    expect(pick(r.findings).filter((f) => f.kind !== 'typecheck-skipped')).toEqual([{ kind: 'unknown-package', severity: 'error', file: 'site/src/a.js', line: 3 }]);
  });

  it('without TypeScript: a new import of a package a package.json declares but is not installed is a warning', async () => {
    const input = setup({
      typescript: false,
      projectDir: 'packages/app',
      base: { 'packages/app/src/a.js': 'export const a = 1;\n' },
      patch: {
        'packages/app/package.json': '{"name":"app","private":true,"type":"module","dependencies":{"nanoid":"^5.0.0"}}',
        'packages/app/src/a.js': "import { nanoid } from 'nanoid';\nexport const a = nanoid();\n",
      },
    });
    const r = await runTypecheckDelta(input);
    expect(pick(r.findings)).toEqual([
      { kind: 'package-not-installed', severity: 'warning', file: 'packages/app/src/a.js', line: 1 },
      { kind: 'typecheck-skipped', severity: 'info', file: undefined, line: undefined },
    ]);
  });

  it('is skipped with the reason on timeout, and when there is no tsconfig.json', async () => {
    const slow = setup({ base: { 'src/a.ts': 'export const a = 1;\n' }, patch: { 'src/a.ts': 'export const a = 2;\n' }, timeoutMs: 1 });
    const r = await runTypecheckDelta(slow);
    expect(r).toMatchObject({ status: 'skipped', reason: 'type-check needed more than 0.001 s of CPU time, or 0.003 s in all (raise --typecheck-timeout)' });
    expect(r.findings).toEqual([{ kind: 'typecheck-skipped', severity: 'info', message: 'type-check skipped: type-check needed more than 0.001 s of CPU time, or 0.003 s in all (raise --typecheck-timeout)' }]);
    expect(fs.readdirSync(slow.tmpDir)).toEqual([]);

    const noConfig = setup({ base: { 'src/a.ts': 'export const a = 1;\n' }, patch: { 'src/a.ts': 'export const a = 2;\n' } });
    fs.rmSync(path.join(noConfig.beforeRoot, 'tsconfig.json'));
    fs.rmSync(path.join(noConfig.afterRoot, 'tsconfig.json'));
    expect(await runTypecheckDelta(noConfig)).toMatchObject({ status: 'skipped', reason: 'tsconfig.json: there is no such file' });
    const added = setup({ base: { 'src/a.ts': 'export const a = 1;\n' }, patch: { 'src/a.ts': 'export const a = 2;\n' } });
    fs.rmSync(path.join(added.beforeRoot, 'tsconfig.json'));
    expect((await runTypecheckDelta(added)).reason).toBe('tsconfig.json: there is no such file before the patch');

    const solution = setup({
      base: { 'tsconfig.json': '{ "files": [], // solution\n "references": [{ "path": "./packages/a" }] }' },
      patch: { 'src/a.ts': 'export const a = 2;\n' },
    });
    expect((await runTypecheckDelta(solution)).reason).toMatch(/solution style/);
  });

  it('throws AbortedError when aborted while tsc runs', async () => {
    const input = setup({ base: { 'src/a.ts': 'export const a = 1;\n' }, patch: { 'src/a.ts': 'export const a = 2;\n' } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(runTypecheckDelta({ ...input, signal: controller.signal })).rejects.toBeInstanceOf(AbortedError);
  });

  itFull('checks a 200-file project within the budget', async () => {
    const base: Tree = {};
    for (let i = 0; i < 200; i++) {
      const dep = i === 0 ? 'export const v0 = 0;\n' : `import { v${i - 1} } from './m${i - 1}';\nexport const v${i} = v${i - 1} + ${i};\n`;
      base[`src/m${i}.ts`] = `${dep}export function f${i}(a: number, b: string): string {\n  return b.repeat(a) + String(v${i});\n}\n`;
    }
    const input = setup({ base, patch: { 'src/m150.ts': base['src/m150.ts']!.replace('b.repeat(a) + String(v150)', 'v150') } });
    const started = performance.now();
    const r = await runTypecheckDelta(input);
    const ms = Math.round(performance.now() - started);
    console.log(`typecheck delta, 200-file project, before+after: ${ms} ms`);
    expect(pick(r.findings)).toEqual([{ kind: 'type-error', severity: 'error', file: 'src/m150.ts', line: 4 }]);
    expect(ms).toBeLessThan(scaledMs(20_000));
  });
});

describe('both trees in one TypeScript process (tsc-trees)', () => {
  const ERRORS: Setup = {
    base: { 'src/a.ts': 'export const a: number = "one";\n', 'src/b.ts': "import { a } from './a';\nexport const b = a + 1;\n" },
    patch: { 'src/b.ts': "import { a } from './a';\nexport const b: string = a + 1;\nexport const c = a.toFixed(2).nope;\n" },
  };

  // The second tsconfig has paths in it (baseUrl, paths), absolute and different in each copy once parsed.
  const WITH_PATHS = JSON.stringify({ compilerOptions: { ...JSON.parse(TSCONFIG).compilerOptions, baseUrl: '.', paths: { '@/*': ['src/*'] } }, include: ['src', 'test'] });
  it.each([
    ['a plain tsconfig', TSCONFIG],
    ['a tsconfig with baseUrl and paths', WITH_PATHS],
  ])('prints exactly what tsc prints on each tree, and the after tree reuses the library the before tree parsed (%s)', async (_, tsconfig) => {
    const input = setup({ ...ERRORS, base: { ...ERRORS.base, 'tsconfig.json': tsconfig } });
    const sides = (['before', 'after'] as const).map((label) => {
      const root = fs.realpathSync(label === 'before' ? input.beforeRoot : input.afterRoot);
      return { label, project: root, root };
    });
    const trees = await runTscTrees(sides, { typescriptPackageJson: path.join(TYPESCRIPT, 'package.json'), env: process.env, timeoutMs: 60_000 });
    if (trees.status !== 'ran') throw new Error(trees.reason);
    for (const side of sides) {
      const tsc = spawnSync(process.execPath, [path.join(TYPESCRIPT, 'bin/tsc'), '--noEmit', '--pretty', 'false', '-p', 'tsconfig.json'], { cwd: side.project, encoding: 'utf8' });
      expect(tsc.stdout).toMatch(/error TS\d+/);
      expect(trees.runs.get(side.label)?.stdout.trim()).toBe(tsc.stdout.trim());
      expect(trees.runs.get(side.label)?.exitCode).toBe(2);
    }
    expect(trees.runs.get('before')?.reused).toBe(0);
    // lib.es2022 and everything it references: the after tree parses only its own two files.
    expect(trees.runs.get('after')?.reused).toBeGreaterThan(10);
  });

  itFull('a TypeScript without the API it needs: tsc runs on each tree as a process of its own, with the same findings', async () => {
    const input = setup({ ...ERRORS, typescript: false });
    for (const root of [input.beforeRoot, input.afterRoot]) {
      // A stand-in "typescript" whose module has no emitFilesAndReportErrors and whose bin/tsc is the real one.
      const pkg = path.join(root, 'node_modules/typescript');
      fs.mkdirSync(path.join(pkg, 'bin'), { recursive: true });
      fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"typescript","version":"0.0.0-stand-in","main":"index.js"}');
      fs.writeFileSync(path.join(pkg, 'index.js'), "module.exports = { version: '0.0.0-stand-in' };\n");
      fs.writeFileSync(path.join(pkg, 'bin/tsc'), `require(${JSON.stringify(path.join(TYPESCRIPT, 'bin/tsc'))});\n`);
    }
    const [withStandIn, real] = [await ranFindings(input), await ranFindings(setup(ERRORS))];
    expect(pick(withStandIn)).toEqual(pick(real));
    expect(pick(real).map((f) => [f.kind, f.line])).toEqual([['type-error', 2], ['invented-api', 3]]);
  });
});

const declaration = (d: Pick<DeclarationChange, 'change' | 'symbol'> & Partial<DeclarationChange>): DeclarationChange => ({
  file: d.symbol.split('#')[0]!,
  line: 1,
  endLine: 1,
  code: {},
  exported: true,
  ...d,
});

describe(renamedNames.name, () => {
  it('takes the last name of each renamed or moved declaration whose name changed', () => {
    const names = renamedNames([
      declaration({ change: 'renamed', symbol: 'src/a.ts#Bill', oldSymbol: 'src/a.ts#Invoice' }),
      declaration({ change: 'moved', symbol: 'src/b.ts#Cart.sum', oldSymbol: 'src/a.ts#Cart.total' }),
      declaration({ change: 'moved', symbol: 'src/b.ts#same', oldSymbol: 'src/a.ts#same' }),
      declaration({ change: 'semantic', symbol: 'src/a.ts#f' }),
      declaration({ change: 'added', symbol: 'src/a.ts#g' }),
    ]);
    expect([...names]).toEqual([
      ['Invoice', 'Bill'],
      ['total', 'sum'],
    ]);
    const prefixed = renamedNames([
      declaration({ change: 'renamed', symbol: 'src/a.ts#Cart.static get sum', oldSymbol: 'src/a.ts#Cart.static get total' }),
      declaration({ change: 'renamed', symbol: 'src/a.ts#x2,y2', oldSymbol: 'src/a.ts#x,y' }),
    ]);
    expect([...prefixed]).toEqual([
      ['total', 'sum'],
      ['x', 'x2'],
      ['y', 'y2'],
    ]);
  });

  it('reads the locals a consistent rename changed, token by token, per file', () => {
    const excerpt = (text: string) => ({ startLine: 1, endLine: 1, text });
    const rename = (symbol: string, before: string, after: string) => declaration({ change: 'rename', symbol, code: { before: excerpt(before), after: excerpt(after) } });
    const locals = renamedLocals([
      // The property `n` keeps its name while the parameter `n` becomes `count`.
      rename('src/a.ts#f', 'function f(d, n) {\n  return d.n + n;\n}', 'function f(deployment, count) { return deployment.n + count; }'),
      // Not one name for one name: no pairs from this declaration.
      rename('src/a.ts#g', 'const g = (a, b) => a + b', 'const g = (x, y) => y + x'),
      // A shorthand expanded: the token counts differ.
      rename('src/b.ts#h', 'const h = ({ a }) => a', 'const h = ({ a: b }) => b'),
      // A keyword is not a name.
      rename('src/b.ts#k', 'let k = 1', 'var k = 1'),
      declaration({ change: 'types-only', symbol: 'src/c.ts#t', code: { before: excerpt('let t: A'), after: excerpt('let t: B') } }),
    ]);
    expect([...locals].map(([file, names]) => [file, [...names]])).toEqual([
      [
        'src/a.ts',
        [
          ['d', 'deployment'],
          ['n', 'count'],
        ],
      ],
    ]);
  });

  it('pairs a removed and an added declaration that differ only by names renamed elsewhere (the analysis compares bodies verbatim)', () => {
    const excerpt = (text: string) => ({ startLine: 1, endLine: 1, text });
    const line = { before: excerpt('export interface InvoiceLine {\n  cents: number;\n}') };
    const declarations = [
      declaration({ change: 'renamed', symbol: 'src/a.ts#interface BillLine', oldSymbol: 'src/a.ts#interface InvoiceLine' }),
      declaration({ change: 'added', symbol: 'src/a.ts#interface Bill', code: { after: excerpt('export interface Bill { lines: BillLine[]; next?: Bill }') } }),
      declaration({ change: 'removed', symbol: 'src/a.ts#interface Invoice', code: { before: excerpt('export interface Invoice {\n  lines: InvoiceLine[];\n  next?: Invoice\n}') } }),
      // A removed and an added declaration with different bodies are not a rename.
      declaration({ change: 'added', symbol: 'src/a.ts#type Total', code: { after: excerpt('type Total = number') } }),
      declaration({ change: 'removed', symbol: 'src/a.ts#type Sum', code: { before: excerpt('type Sum = bigint') } }),
      declaration({ change: 'removed', symbol: 'src/a.ts#interface Other', code: line }),
    ];
    expect([...renamedNames(declarations)]).toEqual([
      ['InvoiceLine', 'BillLine'],
      ['Invoice', 'Bill'],
    ]);
  });
});

describe(parseTscOutput.name, () => {
  it('joins continuation lines, makes paths repository-relative, drops node_modules and strips copy roots', () => {
    const out = [
      "src/c.ts(3,3): error TS2345: Argument of type 'X' is not assignable to parameter of type 'A'.",
      "  The types of 'x.y' are incompatible between these types.",
      "    Type 'string' is not assignable to type 'number'.",
      "../../node_modules/foo/index.d.ts(1,1): error TS1005: ';' expected.",
      '  a continuation of an ignored one',
      "error TS18003: No inputs were found in config file '/tmp/r/after/packages/app/tsconfig.json'.",
      'Found 3 errors.',
    ].join('\n');
    const parsed = parseTscOutput(out, { cwd: '/tmp/r/after/packages/app', roots: ['/tmp/r/after'], configFile: 'packages/app/tsconfig.json' });
    expect(parsed.recognised).toBe(3);
    expect(parsed.diagnostics).toEqual([
      {
        file: 'packages/app/src/c.ts',
        line: 3,
        column: 3,
        code: 2345,
        message: "Argument of type 'X' is not assignable to parameter of type 'A'.\nThe types of 'x.y' are incompatible between these types.\nType 'string' is not assignable to type 'number'.",
      },
      { file: 'packages/app/tsconfig.json', line: 1, column: 1, code: 18003, message: "No inputs were found in config file 'packages/app/tsconfig.json'." },
    ]);
  });

  it('matches before and after by (file, code, message) with renames, ignoring lines', () => {
    const d = (file: string, line: number, message = 'm') => ({ file, line, column: 1, code: 2322, message });
    const fresh = newDiagnostics([d('src/old.ts', 1), d('src/b.ts', 1)], [d('src/new.ts', 9), d('src/b.ts', 4), d('src/b.ts', 7, 'other')], {
      renames: new Map([['src/old.ts', 'src/new.ts']]),
    });
    expect(fresh).toEqual([d('src/b.ts', 7, 'other')]);
  });

  it('matches messages modulo the declarations the patch renamed (whole names only)', () => {
    const d = (message: string, line = 1) => ({ file: 'src/a.ts', line, column: 1, code: 2741, message });
    const before = [d("Property 'total' is missing in type '{ id: number; }' but required in type 'Invoice'.")];
    const after = [
      d("Property 'total' is missing in type '{ id: number; }' but required in type 'Bill'.", 5),
      d("Property 'total' is missing in type '{ id: number; }' but required in type 'Billing'.", 9),
    ];
    const identifiers = new Map([['Invoice', 'Bill']]);
    expect(newDiagnostics(before, after).map((x) => x.line)).toEqual([5, 9]);
    expect(newDiagnostics(before, after, { identifiers }).map((x) => x.line)).toEqual([9]);
    // Two of them after and one before: one is still new.
    expect(newDiagnostics(before, [after[0]!, { ...after[0]!, line: 7 }], { identifiers }).map((x) => x.line)).toEqual([5]);
  });

  it('matches messages modulo the locals renamed in that file only', () => {
    const d = (file: string, name: string) => ({ file, line: 1, column: 1, code: 7006, message: `Parameter '${name}' implicitly has an 'any' type.` });
    const fileIdentifiers = new Map([['src/a.ts', new Map([['d', 'deployment']])]]);
    const fresh = newDiagnostics([d('src/a.ts', 'd'), d('src/b.ts', 'd')], [d('src/a.ts', 'deployment'), d('src/b.ts', 'deployment')], { fileIdentifiers });
    expect(fresh).toEqual([d('src/b.ts', 'deployment')]);
  });
});

/** An in-memory baseline cache that counts what it was asked. */
function memoryCache() {
  const parts = new Map<string, unknown>();
  const log: string[] = [];
  return {
    log,
    parts,
    get<T>(part: string, validate: (v: unknown) => v is T): T | undefined {
      const v = parts.get(part);
      log.push(`get ${part}: ${v === undefined ? 'miss' : 'hit'}`);
      return v !== undefined && validate(v) ? v : undefined;
    },
    set(part: string, value: unknown) {
      log.push(`set ${part}`);
      parts.set(part, JSON.parse(JSON.stringify(value)));
    },
  };
}

describe('the before tree\'s tsc in the baseline cache (issue 18)', () => {
  itFull('is stored once and reused: the second run starts tsc on the after tree only and finds the same errors', async () => {
    const base = { 'src/money.ts': MONEY, 'src/use.ts': "import { Money } from './money';\nexport const total = new Money(1).plus(new Money(2));\nexport const bad: string = 1;\n" };
    const patch = { 'src/use.ts': "import { Money } from './money';\nexport const total = new Money(1).plus(new Money(2));\nexport const bad: string = 1;\nexport const p = new Money(0).parseAmount('1');\n" };
    const cache = memoryCache();
    const cold = await runTypecheckDelta({ ...setup({ base, patch }), cache });
    // A different pair of copies of the same base: only the cache connects them.
    const warm = await runTypecheckDelta({ ...setup({ base, patch }), cache });
    expect(cache.log).toEqual(['get tsc-before: miss', 'set tsc-before', 'get tsc-before: hit']);
    expect(pick(warm.findings)).toEqual(pick(cold.findings));
    expect(pick(warm.findings)).toEqual([{ kind: 'invented-api', severity: 'error', file: 'src/use.ts', line: 4 }]);
    const tsc = await startTsc({ ...setup({ base, patch: {} }), cache });
    expect(tsc).toMatchObject({ status: 'ran' });
    if (tsc.status === 'ran') expect(tsc.before.map((d) => d.code)).toEqual([2322]);
  });

  it('remembers that tsc did not finish on this base: a later run with no larger limit skips at once, a larger limit tries again', async () => {
    const cache = memoryCache();
    const slow = setup({ base: { 'src/a.ts': 'export const a = 1;\n' }, patch: { 'src/a.ts': 'export const a = 2;\n' }, timeoutMs: 1 });
    expect(await runTypecheckDelta({ ...slow, cache })).toMatchObject({ status: 'skipped', reason: 'type-check needed more than 0.001 s of CPU time, or 0.003 s in all (raise --typecheck-timeout)' });
    const started = performance.now();
    const again = await runTypecheckDelta({ ...slow, cache });
    expect(performance.now() - started).toBeLessThan(scaledMs(1_000));
    expect(again).toMatchObject({ status: 'skipped', reason: 'type-check took longer than 0.001 s on this base in an earlier run, so it was not started again (raise --typecheck-timeout)' });
    expect(await runTypecheckDelta({ ...slow, cache, timeoutMs: 60_000 })).toMatchObject({ status: 'ran' });
  });
});

describe('the before tree checked only where the after tree has errors (issue 18)', () => {
  const BASE = { 'src/money.ts': MONEY, 'src/use.ts': "import { Money } from './money';\nexport const total: Money = new Money(1).plus(new Money(2));\nexport const bad: string = 1;\n" };
  const PATCH = { 'src/money.ts': MONEY.replace('plus(o: Money): Money', 'plus(o: Money): number').replace('return new Money(this.amount + o.amount)', 'return this.amount + o.amount') };
  const FIXED = { 'src/fixed.ts': 'export const fixed: boolean = 2;\n' };
  const where = (ds: Array<{ file: string; line: number; code: number }>) => ds.map((d) => `${d.file}:${d.line} TS${d.code}`);

  it('checks the before tree only in the files where the after tree has errors, when they all match there', async () => {
    // A patch that adds no error: use.ts:3 is there before and after; fixed.ts has an error before the patch only.
    const neutral = { 'src/money.ts': MONEY.replace('return new Money(this.amount + o.amount)', 'return new Money(o.amount + this.amount)'), 'src/fixed.ts': 'export const fixed: boolean = true;\n' };
    // Without the patch's files the after tree is checked in full (the narrowing has its own tests below).
    const input = setup({ base: { ...BASE, ...FIXED }, patch: neutral });
    const tsc = await startTsc({ ...input, files: undefined });
    expect(tsc.status === 'ran' ? [where(tsc.before), where(tsc.after)] : tsc).toEqual([['src/use.ts:3 TS2322'], ['src/use.ts:3 TS2322']]);
    expect((await runTypecheckDelta({ ...input, tsc })).findings).toEqual([]);
  });

  itFull('finds what two full tsc runs find when the patch adds an error: the before tree is then checked in full', async () => {
    // fixed.ts is fixed too: only the full check of the before tree, not a partial one, sees its error there.
    const input = setup({ base: { ...BASE, ...FIXED }, patch: { ...PATCH, 'src/fixed.ts': 'export const fixed: boolean = true;\n' } });
    const tsc = await startTsc(input);
    const full = (root: string) => spawnSync(process.execPath, [path.join(TYPESCRIPT, 'bin/tsc'), '--noEmit', '--pretty', 'false', '-p', 'tsconfig.json'], { cwd: root, encoding: 'utf8' }).stdout;
    const lines = (text: string) => [...text.matchAll(/^(\S+)\((\d+),\d+\): error (TS\d+)/gm)].map((m) => `${m[1]}:${m[2]} ${m[3]}`);
    expect(tsc.status === 'ran' ? [where(tsc.before), where(tsc.after)] : tsc).toEqual([lines(full(input.beforeRoot)), lines(full(input.afterRoot))]);
    expect(lines(full(input.beforeRoot))).toContain('src/fixed.ts:1 TS2322');
    const r = await runTypecheckDelta({ ...input, tsc });
    // `total` is a number now: the error is in use.ts, a file the patch did not touch but depends on what it changed.
    expect(pick(r.findings)).toEqual([{ kind: 'type-error', severity: 'error', file: 'src/use.ts', line: 2 }]);
    // That full check runs in the same child, after the partial one, not in a second tsc process.
    const trees = await runTscTrees(
      [
        { label: 'after', project: input.afterRoot, root: input.afterRoot },
        { label: 'before', project: input.beforeRoot, root: input.beforeRoot, scoped: { renames: {} } },
      ],
      { typescriptPackageJson: path.join(TYPESCRIPT, 'package.json'), env: process.env, timeoutMs: 60_000 },
    );
    const before = trees.status === 'ran' ? trees.runs.get('before') : undefined;
    expect(before?.scope).toBeUndefined();
    expect(lines(before?.stdout ?? '')).toEqual(lines(full(input.beforeRoot)));
  });

  it('does not check the before tree when the after tree has no error', async () => {
    const cache = memoryCache();
    const input = { ...setup({ base: FIXED, patch: { 'src/fixed.ts': 'export const fixed: boolean = true;\n' } }), files: undefined };
    const tsc = await startTsc({ ...input, cache });
    expect(tsc).toEqual({ status: 'ran', before: [], after: [] });
    // A partial (here: empty) before check is not the before tree's diagnostics: nothing is cached.
    expect(cache.log).toEqual(['get tsc-before: miss']);
    const trees = await runTscTrees(
      [
        { label: 'after', project: input.afterRoot, root: input.afterRoot },
        { label: 'before', project: input.beforeRoot, root: input.beforeRoot, scoped: { renames: {} } },
      ],
      { typescriptPackageJson: path.join(TYPESCRIPT, 'package.json'), env: process.env, timeoutMs: 60_000 },
    );
    expect(trees.status === 'ran' ? trees.runs.get('before') : trees).toMatchObject({ stdout: '', scope: [] });
  });

  it('looks for an error of a moved file under its old name, and checks the whole before tree when an after error has no match there', async () => {
    const moved = 'export const n: number = "one";\n';
    const base = { 'src/old.ts': moved, ...FIXED };
    const patch = { 'src/old.ts': null, 'src/new.ts': moved, 'src/fixed.ts': 'export const fixed: boolean = true;\n' };
    const cache = memoryCache();
    const scoped = await startTsc({ ...setup({ base, patch }), renames: new Map([['src/new.ts', 'src/old.ts']]), cache });
    expect(scoped.status === 'ran' ? where(scoped.before) : scoped).toEqual(['src/old.ts:1 TS2322']);
    expect(cache.log).toEqual(['get tsc-before: miss']);
    // Without the rename the error of new.ts is not in the partial check: the whole tree is checked
    // (fixed.ts too), and that full result is the one the cache keeps.
    const input = setup({ base, patch });
    const full = await startTsc({ ...input, cache });
    expect(full.status === 'ran' ? where(full.before) : full).toEqual(['src/fixed.ts:1 TS2322', 'src/old.ts:1 TS2322']);
    expect(cache.log).toEqual(['get tsc-before: miss', 'get tsc-before: miss', 'set tsc-before']);
    // The static stage knows the move (git's rename): the same error, not a new one.
    const files: StaticFile[] = [{ path: 'src/new.ts', oldPath: 'src/old.ts', status: 'renamed', role: 'source', hunks: [], before: moved, after: moved }];
    const r = await runTypecheckDelta({ ...input, files, tsc: full });
    expect(r.findings.filter((f) => f.kind === 'type-error')).toEqual([]);
  });

  it('type-checks the old versions of the type tests the patch removes on the new code, and names each test that type-checked before and no longer does', async () => {
    const META = "export interface Meta { title: string; entries: Record<string, string> }\nexport function getMeta(): Meta {\n  return { title: 't', entries: {} };\n}\n";
    const TYPE_TEST = [
      "import { getMeta, type Meta } from '../src/meta';",
      'declare function describe(name: string, fn: () => void): void;',
      'declare function test(name: string, fn: () => void): void;',
      "describe('getMeta', () => {",
      "  test('has a title', () => { const m: { title: string } = getMeta(); void m; });",
      "  test('has entries', () => { const e: Record<string, string> = getMeta().entries; void e; });",
      "  test('names its type', () => { const m: Meta = getMeta(); void m; });",
      "  test('was broken already', () => { const n: number = 'x'; void n; });",
      '});',
      '',
    ].join('\n');
    const input = setup({
      base: { 'src/meta.ts': META, 'test/meta.test-d.ts': TYPE_TEST },
      patch: { 'src/meta.ts': 'export function getMeta(): { entries: Record<string, string> } {\n  return { entries: {} };\n}\n', 'test/meta.test-d.ts': null },
    });
    // The base commit's texts (here: the before tree, which nothing swaps in this test).
    const oldTypeTests = { root: input.beforeRoot, files: ['test/meta.test-d.ts'] };
    const tsc = await startTsc({ ...input, oldTypeTests });
    const r = await runTypecheckDelta({ ...input, tsc });
    const failing = r.findings.filter((f) => f.kind === 'old-type-test-fails');
    // 'has entries' still type-checks; 'was broken already' did not type-check before either.
    expect(failing.map((f) => [f.test, f.line])).toEqual([
      ['test/meta.test-d.ts > getMeta > names its type', 1],
      ['test/meta.test-d.ts > getMeta > has a title', 5],
    ]);
    expect(failing[0]!.message).toContain("TS2305 at line 1: Module '\"../src/meta\"' has no exported member 'Meta'");
    expect(failing[1]!.message).toContain("TS2741 at line 5: Property 'title' is missing");
    // The new files are what the type-check judges: a deleted test file is no type error.
    expect(r.findings.filter((f) => f.kind === 'type-error')).toEqual([]);
    // A patch that keeps the declared types keeps the old type tests green.
    const kept = setup({ base: { 'src/meta.ts': META, 'test/meta.test-d.ts': TYPE_TEST }, patch: { 'src/meta.ts': META.replace("'t'", "''"), 'test/meta.test-d.ts': null } });
    const keptTsc = await startTsc({ ...kept, oldTypeTests: { root: kept.beforeRoot, files: ['test/meta.test-d.ts'] } });
    expect(keptTsc.status === 'ran' ? keptTsc.oldTypeTests : keptTsc).toEqual([]);
    // They are checked before the trees, whatever their place in the job, so their evidence is in
    // even when the whole-tree check then runs out of time (startTsc keeps it on a timeout).
    const child = path.join(REPO_ROOT, 'packages/core/assets/tsc-trees.mjs');
    const job = {
      typescript: path.join(TYPESCRIPT, 'package.json'),
      sides: [
        { label: 'after', project: input.afterRoot, root: input.afterRoot },
        { label: 'old-type-tests', project: input.afterRoot, root: input.afterRoot, overlay: [{ file: 'test/meta.test-d.ts' }], source: input.beforeRoot, baseline: { project: input.beforeRoot, root: input.beforeRoot } },
      ],
    };
    const out = spawnSync(process.execPath, [child, JSON.stringify(job)], { cwd: input.afterRoot, encoding: 'utf8' }).stdout;
    expect(out.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { label: string }).label)).toEqual(['old-type-tests', 'after']);
  });
});

describe('the after tree checked only where the patch can change a diagnostic (issue 18)', () => {
  // use.ts has an error before and after the patch, in a file the patch does not touch.
  const BASE = { 'src/money.ts': MONEY, 'src/use.ts': "import { Money } from './money';\nexport const total: Money = new Money(1).plus(new Money(2));\nexport const bad: string = 1;\n" };
  const where = (ds: Array<{ file: string; line: number; code: number }>) => ds.map((d) => `${d.file}:${d.line} TS${d.code}`);
  const typeErrors = (r: { findings: Finding[] }) => pick(r.findings.filter((f) => f.kind === 'type-error' || f.kind === 'invented-api'));

  it('checks only the changed files when each keeps its declared shape: a new body, a reworded doc comment', async () => {
    const patch = {
      'src/money.ts': MONEY.replace('return new Money(this.amount + o.amount)', 'const sum = o.amount + this.amount;\n    return new Money(sum)').replace('export class', '/** A sum of money. */\nexport class'),
    };
    const input = setup({ base: BASE, patch });
    const tsc = await startTsc(input);
    expect(tsc).toMatchObject({ status: 'ran', afterScope: ['src/money.ts'], after: [], before: [] });
    const r = await runTypecheckDelta({ ...input, tsc });
    expect(r).toMatchObject({ status: 'ran', afterScope: ['src/money.ts'], findings: [] });
  });

  it('checks the whole tree when a changed file\'s declared shape changes, and finds the error in a file the patch did not touch', async () => {
    const patch = { 'src/money.ts': MONEY.replace('plus(o: Money): Money', 'plus(o: Money): number').replace('return new Money(this.amount + o.amount)', 'return this.amount + o.amount') };
    const input = setup({ base: BASE, patch });
    const tsc = await startTsc(input);
    expect(tsc.status === 'ran' ? [where(tsc.after), tsc.afterScope] : tsc).toEqual([['src/use.ts:2 TS2322', 'src/use.ts:3 TS2322'], undefined]);
    expect(typeErrors(await runTypecheckDelta({ ...input, tsc }))).toEqual([{ kind: 'type-error', severity: 'error', file: 'src/use.ts', line: 2 }]);
  });

  it('decides an error the narrowed check finds and the before tree lacks with the whole trees', async () => {
    const patch = { 'src/money.ts': MONEY.replace('return new Money(this.amount + o.amount)', 'const label: string = this.amount;\n    return new Money(this.amount + o.amount)') };
    const input = setup({ base: BASE, patch });
    const tsc = await startTsc(input);
    expect(tsc.status === 'ran' ? [where(tsc.after), where(tsc.before), tsc.afterScope] : tsc).toEqual([['src/money.ts:4 TS2322', 'src/use.ts:3 TS2322'], ['src/use.ts:3 TS2322'], undefined]);
    expect(typeErrors(await runTypecheckDelta({ ...input, tsc }))).toEqual([{ kind: 'type-error', severity: 'error', file: 'src/money.ts', line: 4 }]);
    // The child itself goes back to the whole after tree, with no second process.
    const trees = await runTscTrees(
      [
        { label: 'after', project: input.afterRoot, root: input.afterRoot, incremental: { files: [{ path: 'src/money.ts', status: 'modified' }], before: { project: input.beforeRoot, root: input.beforeRoot } } },
        { label: 'before', project: input.beforeRoot, root: input.beforeRoot, scoped: { renames: {} } },
      ],
      { typescriptPackageJson: path.join(TYPESCRIPT, 'package.json'), env: process.env, timeoutMs: 60_000 },
    );
    const after = trees.status === 'ran' ? trees.runs.get('after') : undefined;
    expect(after?.scope).toBeUndefined();
    expect(after?.stdout).toMatch(/src\/use\.ts\(3,14\): error TS2322/);
  });

  it('checks the whole tree when a changed file declares globals, or a file the patch added changes what an unchanged import resolves to', async () => {
    // A script's declarations are global: use.ts sees VERSION without importing it.
    const globals = setup({
      base: { 'src/globals.ts': 'declare const VERSION: string;\n', 'src/use.ts': 'export const n: number = VERSION.length;\n' },
      patch: { 'src/globals.ts': 'declare const VERSION: number;\n' },
    });
    const g = await startTsc(globals);
    expect(g.status === 'ran' ? [where(g.after), g.afterScope] : g).toEqual([['src/use.ts:1 TS2339'], undefined]);
    expect(typeErrors(await runTypecheckDelta({ ...globals, tsc: g }))).toEqual([{ kind: 'invented-api', severity: 'error', file: 'src/use.ts', line: 1 }]);
    // `declare global` in a module, the same.
    const augment = setup({
      base: { 'src/env.ts': 'export {};\ndeclare global {\n  var VERSION: string;\n}\n', 'src/use.ts': 'export const n: number = VERSION.length;\n' },
      patch: { 'src/env.ts': 'export {};\ndeclare global {\n  var VERSION: number;\n}\n' },
    });
    const a = await startTsc(augment);
    expect(a.status === 'ran' ? [where(a.after), a.afterScope] : a).toEqual([['src/use.ts:1 TS2339'], undefined]);
    // A script the patch adds, whose interface merges with a global one that use.ts, untouched, implements.
    const cfg = { 'src/cfg.ts': 'export {};\ndeclare global {\n  interface Cfg { a: string }\n}\n', 'src/use.ts': "export const c: Cfg = { a: '' };\n" };
    for (const extra of ['interface Cfg { b: number }\n', 'export {};\ndeclare global {\n  interface Cfg { b: number }\n}\n']) {
      const merged = setup({ base: cfg, patch: { 'src/more.ts': extra } });
      const m = await startTsc(merged);
      expect(m.status === 'ran' ? [where(m.after), m.afterScope] : m).toEqual([['src/use.ts:1 TS2741'], undefined]);
    }
    // util.ts added beside util/index.ts: use.ts, untouched, now imports the new file.
    const shadow = setup({
      base: { 'src/util/index.ts': 'export const v = 1;\n', 'src/use.ts': "import { v } from './util';\nexport const n: number = v;\n" },
      patch: { 'src/util.ts': "export const v = 'one';\n" },
    });
    const sh = await startTsc(shadow);
    expect(sh.status === 'ran' ? [where(sh.after), sh.afterScope] : sh).toEqual([['src/use.ts:2 TS2322'], undefined]);
    // An added file nothing else imports (a new test, a new module the patch's own files import) is checked alone.
    const added = setup({ base: BASE, patch: { 'src/tax.ts': "import { Money } from './money';\nexport const tax = (m: Money): Money => new Money(m.amount / 10);\n" } });
    expect(await startTsc(added)).toMatchObject({ status: 'ran', afterScope: ['src/tax.ts'], after: [] });
  });

  it('checks a changed file with the globals of files it does not import, and without the test files it does not need', async () => {
    // The narrowed check's program starts from the changed files and the files that can declare
    // globals (a script, `declare global`, a triple-slash directive), not from every file: it must
    // still see each global, or an error on one would go unseen (or a use of one read as new).
    const base = {
      'src/globals.d.ts': 'declare const BUILD_ID: string;\n',
      'src/env.ts': 'export {};\ndeclare global {\n  var REGION: string;\n}\n',
      'src/ref.ts': '/// <reference path="./extra.d.ts" />\nexport const r = 1;\n',
      'src/extra.d.ts': 'declare const EXTRA: { name: string };\n',
      'src/id.ts': 'export function id(): string {\n  return BUILD_ID + REGION + EXTRA.name;\n}\n',
      'test/id.test.ts': "import { id } from '../src/id';\nexport const t: string = id();\n",
    };
    const body = setup({ base, patch: { 'src/id.ts': 'export function id(): string {\n  return `${BUILD_ID}-${REGION}-${EXTRA.name}`;\n}\n' } });
    const ok = await startTsc(body);
    expect(ok).toMatchObject({ status: 'ran', afterScope: ['src/id.ts'], after: [], before: [] });
    // A misuse of a global it sees only that way is found, and is new.
    const misuse = setup({ base, patch: { 'src/id.ts': 'export function id(): string {\n  return BUILD_ID.toFixed(2) + REGION.missing + EXTRA.name;\n}\n' } });
    const bad = await startTsc(misuse);
    expect(bad.status === 'ran' ? where(bad.after) : bad).toEqual(['src/id.ts:2 TS2551', 'src/id.ts:2 TS2339']);
    expect(typeErrors(await runTypecheckDelta({ ...misuse, tsc: bad }))).toEqual([
      { kind: 'invented-api', severity: 'error', file: 'src/id.ts', line: 2 },
      { kind: 'invented-api', severity: 'error', file: 'src/id.ts', line: 2 },
    ]);
  });

  it('checks the whole tree when the patch removes or moves a module, or edits the tsconfig', async () => {
    const removed = setup({ base: { ...BASE, 'src/old.ts': 'export const o = 1;\n' }, patch: { 'src/old.ts': null } });
    const r = await startTsc(removed);
    expect(r.status === 'ran' ? [where(r.after), r.afterScope] : r).toEqual([['src/use.ts:3 TS2322'], undefined]);
    const config = setup({ base: BASE, patch: { 'tsconfig.json': TSCONFIG.replace('"strict":true', '"strict":false') } });
    const c = await startTsc(config);
    expect(c.status === 'ran' ? [where(c.after), c.afterScope] : c).toEqual([['src/use.ts:3 TS2322'], undefined]);
  });
});
