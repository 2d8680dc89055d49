import path from 'node:path';
import type { ChangeSet } from '../diff/change-set.js';
import { mutationTreeRoot } from '../mutation/run-mutation-stage.js';
import { prestartStryker } from '../mutation/run-stryker.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { compareRuns } from '../suites/compare.js';
import { resolveProjectVitest } from '../suites/resolve-vitest.js';
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
  run: async ({ settings, dirs, state, hosts, prestarted }, { snapshot, changes }) => {
    // StrykerJS loads while the suites run, when the mutation probes are likely to run after them.
    if (settings.mutation && !settings.shard && mayMutate(snapshot, changes)) {
      prestarted.stryker = prestartStryker({ tmpDir: dirs.tmp, userRoot: snapshot.repo.root, treeRoot: mutationTreeRoot(dirs.mutation), beforeRoot: snapshot.before.root });
    }
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

/** A test file by its name, as vitest's default `include` has it; a file named otherwise counts as source. */
const TEST_NAME = /(^|\/)(__tests__\/|[^/]*\.(test|spec)\.[cm]?[jt]sx?$)/;

/**
 * Whether the mutation probes will likely run after the suites: a code file that is not a test
 * changed in a way that is not formatting alone, and a vitest StrykerJS 9.6 can run (2.0 or newer).
 * A wrong guess costs a child that loaded StrykerJS for nothing, killed when the stage skips.
 */
function mayMutate(snapshot: Snapshot, changes: ChangeSet): boolean {
  if (!changes.files.some((f) => f.category === 'code' && f.status !== 'deleted' && !f.formattingOnly && !TEST_NAME.test(f.path))) return false;
  try {
    return resolveProjectVitest(path.join(snapshot.before.root, snapshot.repo.projectDir), '.').major >= 2;
  } catch {
    return false;
  }
}

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
