import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitRepo, repoState, type GitRepo } from '@patchprobe/test-utils';
import { runSnapshot } from '../src/snapshot/snapshot.js';
import { createTempWorkspace, type TempWorkspace } from '../src/snapshot/temp-workspace.js';
import { runDiff } from '../src/diff/change-set.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function repo(files: Record<string, string>): Promise<GitRepo> {
  const r = await createGitRepo(files);
  cleanups.push(r.cleanup);
  return r;
}
function workspace(): TempWorkspace {
  const w = createTempWorkspace(false);
  cleanups.push(() => w.dispose());
  return w;
}
const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

describe(runSnapshot.name, () => {
  it('copies the working tree with untracked files, without ignored or deleted ones, and leaves the repo byte-identical', async () => {
    const r = await repo({ 'src/a.ts': 'export const a = 1;\n', 'src/gone.ts': 'x\n', '.gitignore': 'node_modules\n*.log\n' });
    r.write('src/a.ts', 'export const a = 2;\n');
    r.write('src/new.ts', 'export const n = 1;\n');
    r.write('debug.log', 'ignored\n');
    fs.rmSync(path.join(r.dir, 'src/gone.ts'));
    await r.git('add', 'src/new.ts');
    // A stat-dirty file: `git status` or `git diff` would now rewrite the user's index.
    const future = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(r.dir, 'src/a.ts'), future, future);
    const state = repoState(r.dir);

    const snap = await runSnapshot({ cwd: r.dir, base: 'HEAD', after: { kind: 'worktree' }, workspace: workspace() });

    expect(read(snap.before.root, 'src/a.ts')).toBe('export const a = 1;\n');
    expect(read(snap.afterTree.root, 'src/a.ts')).toBe('export const a = 2;\n');
    expect(snap.afterTree.files).toEqual(['.gitignore', 'src/a.ts', 'src/new.ts']);
    expect(snap.before.files).toEqual(['.gitignore', 'src/a.ts', 'src/gone.ts']);
    expect(repoState(r.dir)).toBe(state);
    const changes = await runDiff(snap);
    expect(changes.files.map((f) => `${f.status} ${f.path}`)).toEqual(['modified src/a.ts', 'deleted src/gone.ts', 'added src/new.ts']);
  });

  it('copies submodules: the pinned commit in the before copy, the submodule working tree in the after copy', async () => {
    const lib = await repo({ 'lib.js': 'export const one = 1;\n' });
    const r = await repo({ 'src/a.ts': 'export const a = 1;\n' });
    await r.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib.dir, 'vendor/lib');
    await r.git('commit', '-qm', 'vendor lib');
    // The submodule moves on after the pin, and is edited in the working tree: the copies must see
    // the pinned commit before and the working tree after, as the user's own test runs would.
    await lib.git('commit', '-q', '--allow-empty', '-m', 'later');
    const sub = path.join(r.dir, 'vendor/lib');
    fs.writeFileSync(path.join(sub, 'lib.js'), 'export const one = 2;\n');
    fs.writeFileSync(path.join(sub, 'extra.js'), 'export const extra = 1;\n');
    const state = repoState(r.dir);
    const subState = repoState(sub);

    const ws = workspace();
    const snap = await runSnapshot({ cwd: r.dir, base: 'HEAD', after: { kind: 'worktree' }, workspace: ws });
    expect(read(snap.before.root, 'vendor/lib/lib.js')).toBe('export const one = 1;\n');
    expect(read(snap.afterTree.root, 'vendor/lib/lib.js')).toBe('export const one = 2;\n');
    expect(snap.afterTree.files).toEqual(expect.arrayContaining(['vendor/lib/extra.js', 'vendor/lib/lib.js']));
    expect(snap.before.files).not.toContain('vendor/lib/extra.js');
    // Neither copy carries the submodule's .git file (which points into the user's .git/modules).
    expect(fs.existsSync(path.join(snap.afterTree.root, 'vendor/lib/.git'))).toBe(false);

    // --head REV: both copies at their pinned commits.
    const ws2 = workspace();
    const atHead = await runSnapshot({ cwd: r.dir, base: 'HEAD', after: { kind: 'revision', rev: 'HEAD' }, workspace: ws2 });
    expect(read(atHead.afterTree.root, 'vendor/lib/lib.js')).toBe('export const one = 1;\n');
    expect(repoState(r.dir)).toBe(state);
    expect(repoState(sub)).toBe(subState);
  });

  it('materialises --head REV and keeps the temp copies outside the repository', async () => {
    const r = await repo({ 'a.txt': 'one\n' });
    r.write('a.txt', 'two\n');
    await r.git('commit', '-qam', 'two');
    const snap = await runSnapshot({ cwd: r.dir, base: 'HEAD~1', after: { kind: 'revision', rev: 'HEAD' }, workspace: workspace() });
    expect(read(snap.before.root, 'a.txt')).toBe('one\n');
    expect(read(snap.afterTree.root, 'a.txt')).toBe('two\n');
    expect(snap.before.root.startsWith(r.dir)).toBe(false);
  });

  it('applies a patch whose paths are relative to --cwd, and one relative to the repository root', async () => {
    const r = await repo({ 'pkg/src/a.ts': 'export const a = 1;\n' });
    const projectPatch = 'diff --git a/src/a.ts b/src/a.ts\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1 +1 @@\n-export const a = 1;\n+export const a = 3;\n';
    const rootPatch = projectPatch.replaceAll('a/src', 'a/pkg/src').replaceAll('b/src', 'b/pkg/src');
    for (const patch of [projectPatch, rootPatch]) {
      const file = path.join(workspace().dir, 'change.patch');
      fs.writeFileSync(file, patch);
      const snap = await runSnapshot({ cwd: path.join(r.dir, 'pkg'), base: 'HEAD', after: { kind: 'patch', file }, workspace: workspace() });
      expect(snap.repo.projectDir).toBe('pkg');
      expect(read(snap.afterTree.root, 'pkg/src/a.ts')).toBe('export const a = 3;\n');
    }
  });

  it.each([
    ['PP_NOT_GIT_REPO', async () => ({ cwd: fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'pp-nogit-')), base: 'HEAD' })],
    ['PP_BAD_REVISION', async () => ({ cwd: (await repo({ a: '1' })).dir, base: 'no-such-branch' })],
  ])('throws %s with a one-line remedy', async (code, setup) => {
    const { cwd, base } = await setup();
    const err = await runSnapshot({ cwd, base, after: { kind: 'worktree' }, workspace: workspace() }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code });
    expect((err as { oneLine: string }).oneLine).not.toContain('\n');
  });

  it('rejects a patch that does not apply, and a patch file that does not exist', async () => {
    const r = await repo({ 'a.txt': 'one\n' });
    const file = path.join(workspace().dir, 'bad.patch');
    fs.writeFileSync(file, 'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-zzz\n+two\n');
    await expect(runSnapshot({ cwd: r.dir, base: 'HEAD', after: { kind: 'patch', file }, workspace: workspace() })).rejects.toMatchObject({ code: 'PP_PATCH_REJECTED' });
    await expect(runSnapshot({ cwd: r.dir, base: 'HEAD', after: { kind: 'patch', file: '/nope.patch' }, workspace: workspace() })).rejects.toMatchObject({ code: 'PP_PATCH_NOT_FOUND' });
  });

  it("points each copy's workspace links at the copy's own package, and other packages at the user's install", async () => {
    const r = await repo({
      'package.json': '{"private":true}',
      'packages/core/package.json': '{"name":"@w/core"}',
      'packages/core/index.js': 'export const v = 1;\n',
      'packages/app/package.json': '{"name":"@w/app"}',
    });
    // What pnpm lays out: a relative workspace link, and links into a store.
    fs.mkdirSync(path.join(r.dir, 'node_modules/.pnpm/dep@1/node_modules/dep'), { recursive: true });
    fs.mkdirSync(path.join(r.dir, 'node_modules/.vite'), { recursive: true });
    fs.mkdirSync(path.join(r.dir, 'packages/app/node_modules/@w'), { recursive: true });
    fs.symlinkSync('../../../core', path.join(r.dir, 'packages/app/node_modules/@w/core'));
    fs.symlinkSync('../../../node_modules/.pnpm/dep@1/node_modules/dep', path.join(r.dir, 'packages/app/node_modules/dep'));

    const snap = await runSnapshot({ cwd: r.dir, base: 'HEAD', after: { kind: 'worktree' }, workspace: workspace() });
    for (const root of [snap.before.root, snap.afterTree.root]) {
      expect(fs.realpathSync(path.join(root, 'packages/app/node_modules/@w/core'))).toBe(path.join(root, 'packages/core'));
      expect(fs.realpathSync(path.join(root, 'packages/app/node_modules/dep'))).toBe(path.join(r.dir, 'node_modules/.pnpm/dep@1/node_modules/dep'));
      expect(fs.existsSync(path.join(root, 'node_modules/.vite'))).toBe(false);
    }
  });
});
