import { openBaselineCache } from '../cache/open-cache.js';
import { runSnapshot } from '../snapshot/snapshot.js';
import { defineStage, VERSION } from './context.js';

/**
 * 1. Private before/after copies of the project, dependencies linked, nothing installed; and the
 * baseline cache entry of their base, when a cache folder is given (the suites and the type-check
 * read the before tree's results from it).
 */
export const snapshotStage = defineStage({
  name: 'snapshot',
  needs: [],
  run: async ({ settings, workspace }) => {
    const snapshot = await runSnapshot({ cwd: settings.cwd, base: settings.base, after: settings.after, workspace });
    const opened = settings.cacheDir ? await openBaselineCache({ dir: settings.cacheDir, snapshot, patchprobeVersion: VERSION }) : { findings: [] };
    return { snapshot, ...(opened.cache ? { cache: opened.cache } : {}), cacheFindings: opened.findings };
  },
});
