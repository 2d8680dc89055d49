import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '@patchprobe/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import type { PipelineContext } from '../../src/pipeline/context.js';
import { typecheckStage } from '../../src/pipeline/3-typecheck.js';
import type { Snapshot } from '../../src/snapshot/snapshot.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'ES2022', lib: ['ES2022'], module: 'ESNext', moduleResolution: 'Bundler', types: [], skipLibCheck: true }, include: ['src', 'test'] });

function write(root: string, files: Record<string, string>): string[] {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return Object.keys(files);
}

describe('the type-check stage', () => {
  // The suites' cross runs put the old versions of test files into the trees while tsc reads them:
  // examples/api-types-changed read regressive (invented-api) when the after tree's tsc saw the
  // old type test that the patch deletes, and its import of a type the patch removes.
  it('checks copies of its own: a file put into a tree while it runs is not read', async () => {
    const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-typecheck-stage-')));
    dirs.push(tmp);
    const user = path.join(tmp, 'user');
    fs.mkdirSync(path.join(user, 'node_modules'), { recursive: true });
    fs.symlinkSync(fs.realpathSync(path.join(REPO_ROOT, 'node_modules/typescript')), path.join(user, 'node_modules/typescript'));
    const base = { 'package.json': '{"name":"p","private":true,"type":"module"}', 'tsconfig.json': TSCONFIG };
    const before = path.join(tmp, 'before');
    const after = path.join(tmp, 'after');
    const beforeFiles = write(before, { ...base, 'src/meta.ts': 'export interface FieldMetadata { title: string }\nexport const meta = 1;\n', 'test/meta.test-d.ts': "import type { FieldMetadata } from '../src/meta';\nexport type T = FieldMetadata;\n" });
    const afterFiles = write(after, { ...base, 'src/meta.ts': 'export const meta = 1;\n' });
    // as the snapshot does: the user's dependencies linked into each tree
    for (const tree of [before, after]) fs.symlinkSync(path.join(user, 'node_modules'), path.join(tree, 'node_modules'));
    // the old type test, swapped into the after tree by a cross run: not a file of the after tree
    write(after, { 'test/meta.test-d.ts': "import type { FieldMetadata } from '../src/meta';\nexport type T = FieldMetadata;\n" });
    const snapshot = {
      repo: { root: user, projectDir: '' },
      base: { rev: 'HEAD', commit: '0'.repeat(40) },
      after: { kind: 'worktree' },
      before: { root: before, files: beforeFiles },
      afterTree: { root: after, files: afterFiles },
    } as unknown as Snapshot;
    const changes = {
      files: [
        { path: 'src/meta.ts', status: 'modified', category: 'code', formattingOnly: false, binary: false, additions: 0, deletions: 1, hunks: [{ oldStart: 1, oldLines: 1, newStart: 0, newLines: 0 }] },
        { path: 'test/meta.test-d.ts', status: 'deleted', category: 'code', formattingOnly: false, binary: false, additions: 0, deletions: 2, hunks: [{ oldStart: 1, oldLines: 2, newStart: 0, newLines: 0 }] },
      ],
    };
    fs.mkdirSync(path.join(tmp, 'tmp'));
    const ctx = {
      settings: { typecheck: true, typecheckTimeoutMs: 60_000 },
      dirs: { tmp: path.join(tmp, 'tmp') },
      state: {},
      workspace: { dir: tmp },
    } as unknown as PipelineContext;
    const out = await typecheckStage.run(ctx, { snapshot, changes } as never);
    expect(out.tsc?.status).toBe('ran');
    const tsc = out.tsc as Extract<NonNullable<typeof out.tsc>, { status: 'ran' }>;
    expect(tsc.after.filter((d) => d.file.includes('meta.test-d'))).toEqual([]);
  }, 60_000);
});
