import { runSnapshot } from '../snapshot/snapshot.js';
import { defineStage } from './context.js';

/** 1. Private before/after copies of the project, dependencies linked, nothing installed. */
export const snapshotStage = defineStage({
  name: 'snapshot',
  needs: [],
  run: async ({ settings, workspace }) => ({
    snapshot: await runSnapshot({ cwd: settings.cwd, base: settings.base, after: settings.after, workspace }),
  }),
});
