import { compareRuns } from '../suites/compare.js';
import { runSuiteMatrix, type MatrixResult } from '../suites/matrix.js';
import type { Finding } from '../verdict/finding.js';
import { defineStage } from './context.js';

/**
 * 3. The project's own vitest over the before/after matrix, tests whose outcome changed rerun to
 * rule out flakiness; in a shard, only its slice. Before-tree runs come from the baseline cache
 * (opened by the snapshot stage) when it holds them.
 */
export const suitesStage = defineStage({
  name: 'suites',
  needs: ['snapshot', 'changes'],
  enabled: (_ctx, { changes }) => changes.files.length > 0,
  run: async ({ settings, dirs, state, hosts }, { snapshot, changes }) => {
    const matrix = await runSuiteMatrix({
      snapshot,
      changes,
      outDir: dirs.runs,
      tmpDir: dirs.tmp,
      timeoutMs: settings.suiteTimeoutMs,
      reruns: settings.reruns,
      cache: state.cache,
      shard: settings.shard,
      skipProjects: settings.skipProjects,
      signal: settings.signal,
      onEvent: settings.onEvent,
      // Only the probes use it, and they run only with a change to probe.
      lendAfterHost: settings.probes ? (host) => (hosts.after = host) : undefined,
    });
    return {
      matrix,
      comparison: compareRuns(matrix.runs, matrix.testFiles),
      environmentFindings: environmentFindings(snapshot.afterTree.files, snapshot.repo.projectDir, matrix),
    };
  },
});

/** What the project's vitest setup means for the run: vitest 4 ignores a vitest.workspace file. */
export function environmentFindings(files: readonly string[], projectDir: string, matrix: MatrixResult): Finding[] {
  if (matrix.vitest.major < 4) return [];
  const prefix = projectDir ? `${projectDir}/` : '';
  const workspaceFile = files.find((f) => new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}vitest\\.workspace\\.[cm]?[jt]s$`).test(f));
  if (!workspaceFile) return [];
  return [
    {
      kind: 'vitest-workspace-ignored',
      severity: 'warning',
      file: workspaceFile,
      message: `vitest ${matrix.vitest.version} ignores ${workspaceFile}; list the projects in test.projects of the vitest config, or they may not run`,
    },
  ];
}
