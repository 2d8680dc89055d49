import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { structuredPatch } from 'diff';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@patchprobe/test-utils';
import { AbortedError } from '../../src/errors.js';
import { runTypecheckDelta, type TypecheckInput } from '../../src/static/typecheck/typecheck.js';
import { newDiagnostics, parseTscOutput } from '../../src/static/typecheck/typecheck-parse.js';
import type { StaticFile } from '../../src/static/types.js';
import type { Finding } from '../../src/verdict/finding.js';

/** The repository's own TypeScript (5.9.3), linked into each test tree's node_modules. */
const TYPESCRIPT = fs.realpathSync(path.join(REPO_ROOT, 'node_modules/typescript'));

const TSCONFIG = JSON.stringify({
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: 'ES2022',
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

  it('reports a new import of a package no package.json declares, or declared but not installed, as unknown-package', async () => {
    const input = setup({
      base: { 'src/a.ts': 'export const a = 1;\n' },
      patch: {
        'package.json': '{"name":"p","private":true,"type":"module","dependencies":{"zod":"^3.0.0"}}',
        'src/a.ts': "import pad from 'left-pad-x';\nimport { z } from 'zod/v4';\nimport { b } from './b-gone';\nexport const a = pad(z, b);\n",
      },
    });
    const r = await runTypecheckDelta(input);
    expect(r.status).toBe('ran');
    expect(pick(r.findings)).toEqual([
      { kind: 'unknown-package', severity: 'error', file: 'src/a.ts', line: 1 },
      { kind: 'unknown-package', severity: 'error', file: 'src/a.ts', line: 2 },
      { kind: 'invented-api', severity: 'error', file: 'src/a.ts', line: 3 },
    ]);
    expect(r.findings[0]!.message).toContain('`left-pad-x`, a package that no package.json declares and that is not installed');
    expect(r.findings[1]!.message).toContain('`zod`, which package.json declares but is not installed');
    expect(r.findings[2]!.message).toBe('imports `./b-gone`, which does not exist (TS2307): the patch imports a module that is not there');
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

  it('is skipped with the reason on timeout, and when there is no tsconfig.json', async () => {
    const slow = setup({ base: { 'src/a.ts': 'export const a = 1;\n' }, patch: { 'src/a.ts': 'export const a = 2;\n' }, timeoutMs: 1 });
    const r = await runTypecheckDelta(slow);
    expect(r).toMatchObject({ status: 'skipped', reason: 'type-check took longer than 0.001 s (raise --typecheck-timeout)' });
    expect(r.findings).toEqual([{ kind: 'typecheck-skipped', severity: 'info', message: 'type-check skipped: type-check took longer than 0.001 s (raise --typecheck-timeout)' }]);
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

  it('checks a 200-file project within the budget', async () => {
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
    expect(ms).toBeLessThan(20_000);
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
});
