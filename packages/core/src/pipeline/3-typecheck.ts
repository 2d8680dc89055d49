import path from 'node:path';
import { oldTypeTestsOf, startTsc } from '../static/typecheck/typecheck.js';
import { defineStage } from './context.js';

/**
 * 3′. The project's own tsc on both trees, beside the suite runs (it needs only the trees): on a
 * real library it takes as long as the suites, and the static stage would otherwise wait for it
 * after them. The static stage turns its output into the type-check delta.
 */
export const typecheckStage = defineStage({
  name: 'typecheck',
  needs: ['snapshot', 'changes'],
  enabled: ({ settings }, { changes }) => settings.typecheck && changes.files.length > 0,
  run: async ({ settings, dirs, state }, { snapshot, changes }) => ({
    tsc: await startTsc({
      beforeRoot: snapshot.before.root,
      afterRoot: snapshot.afterTree.root,
      projectDir: snapshot.repo.projectDir,
      timeoutMs: settings.typecheckTimeoutMs,
      tmpDir: dirs.tmp,
      signal: settings.signal,
      cache: state.cache,
      oldTypeTests: await oldTypeTestsOf(snapshot.repo.root, snapshot.base.commit, changes.files, path.join(dirs.tmp, 'old-type-tests')),
      files: changes.files,
      renames: new Map(changes.files.flatMap((f) => (f.status === 'renamed' && f.oldPath !== undefined ? [[f.path, f.oldPath] as const] : []))),
    }),
  }),
});
