import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { projects } from './vitest.workspace.ts';

/**
 * Seconds each of the slowest test files took in a run of the fast tier on a 2-core machine (the
 * JSON reporter's file times of a clean-clone `.ci/run`, 2026-12-07, twelfth session, trimmed by
 * what later moved to the full tier). vitest orders a fresh clone's files by project name and then
 * by size, so these small files that run whole example projects started last and one core idled
 * through the tail. Longest first fills two workers evenly. A file missing here only loses its
 * head start; refresh the numbers when they drift far (docs/development.md).
 */
const MEASURED_SECONDS: Record<string, number> = {
  'packages/cli/test/e2e/examples.test.ts': 270,
  'packages/cli/test/e2e/examples-2.test.ts': 260,
  'packages/core/test/static/typecheck.test.ts': 104,
  'packages/core/test/probes/probe-stage.test.ts': 85,
  'packages/core/test/mutation/mutation-stage.test.ts': 83,
  'packages/core/test/api-removal.test.ts': 50,
  'packages/mcp/test/mcp.e2e.test.ts': 50,
  'packages/cli/test/e2e/repo-unchanged.test.ts': 48,
  'packages/core/test/cache/verify-cache.test.ts': 46,
  'packages/cli/test/e2e/version-matrix-old.test.ts': 36,
  'packages/cli/test/e2e/bad-inputs.test.ts': 32,
  'packages/core/test/suites/vitest-host.test.ts': 32,
  'packages/core/test/suites/skip-projects.test.ts': 32,
  'packages/cli/test/e2e/version-matrix-new.test.ts': 30,
  'packages/vitest/test/e2e/examples.test.ts': 25,
  'packages/cli/test/e2e/gate-shard.test.ts': 24,
  'packages/core/test/renamed-test-file.test.ts': 18,
  'packages/core/test/base-modules/base-query-plugin.test.ts': 17,
  'packages/core/test/suites/reporter-versions.test.ts': 16,
  'packages/core/test/suites/related-before.test.ts': 16,
  'packages/vitest/test/e2e/old-vitest.test.ts': 14,
  'packages/cli/test/e2e/gate.test.ts': 14,
};

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const seconds = (spec: TestSpecification): number => {
      const rel = spec.moduleId.replaceAll('\\', '/');
      const key = Object.keys(MEASURED_SECONDS).find((k) => rel.endsWith(`/${k}`));
      return key === undefined ? 0 : (MEASURED_SECONDS[key] ?? 0);
    };
    // Stable: files without a measurement keep vitest's own order after the measured ones.
    return [...base].sort((a, b) => seconds(b) - seconds(a));
  }
}

// Most test files here wait on child processes (the examples' own vitest, StrykerJS, tsc), so two
// files at a time keep a 2-core CI machine busy; vitest's default there is one (cores − 1).
export default defineConfig({ test: { projects, maxWorkers: 2, sequence: { sequencer: LongestFirst } } });
