import path from 'node:path';
import { copyTree } from '../snapshot/snapshot.js';
import { oldTypeTestsOf, startTsc } from '../static/typecheck/typecheck.js';
import { defineStage } from './context.js';

/**
 * 3′. The project's own tsc on both trees, beside the suite runs (it needs only the trees): on a
 * real library it takes as long as the suites, and the static stage would otherwise wait for it
 * after them. The static stage turns its output into the type-check delta.
 *
 * On copies of its own: the suites' cross runs swap test files in and out of the trees while tsc
 * reads them, so it saw, now and then, an old type test that the patch deletes in the after tree
 * (examples/api-types-changed: `invented-api` on its import of a removed type, regressive in 2 of
 * 3 runs with every stage on).
 */
export const typecheckStage = defineStage({
  name: 'typecheck',
  needs: ['snapshot', 'changes'],
  enabled: ({ settings }, { changes }) => settings.typecheck && changes.files.length > 0,
  run: async ({ settings, dirs, state, workspace }, { snapshot, changes }) => {
    const [before, after] = await Promise.all([
      copyTree(snapshot.before, path.join(workspace.dir, 'typecheck', 'before'), snapshot.repo.root),
      copyTree(snapshot.afterTree, path.join(workspace.dir, 'typecheck', 'after'), snapshot.repo.root),
    ]);
    return { tsc: await startTsc({
      beforeRoot: before.root,
      afterRoot: after.root,
      projectDir: snapshot.repo.projectDir,
      timeoutMs: settings.typecheckTimeoutMs,
      tmpDir: dirs.tmp,
      signal: settings.signal,
      cache: state.cache,
      oldTypeTests: await oldTypeTestsOf(snapshot.repo.root, snapshot.base.commit, changes.files, path.join(dirs.tmp, 'old-type-tests')),
      files: changes.files,
      renames: new Map(changes.files.flatMap((f) => (f.status === 'renamed' && f.oldPath !== undefined ? [[f.path, f.oldPath] as const] : []))),
    }) };
  },
});
