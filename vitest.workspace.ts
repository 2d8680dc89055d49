// The list of test projects. vitest 4 no longer reads this file by itself (it silently runs the
// root default include instead, api-notes §2), so vitest.config.ts imports it into test.projects,
// and tests/workspace.test.ts fails if any package's tests stop being collected.
import { defineProject } from 'vitest/config';

export const projects = [
  defineProject({ test: { name: 'core', root: './packages/core', include: ['test/**/*.test.ts'], testTimeout: 60_000 } }),
  defineProject({
    test: { name: 'cli', root: './packages/cli', include: ['test/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 60_000 },
  }),
  defineProject({ test: { name: 'vitest-plugin', root: './packages/vitest', include: ['test/**/*.test.ts'] } }),
  defineProject({ test: { name: 'repo', root: '.', include: ['tests/**/*.test.ts'], testTimeout: 60_000 } }),
];

export default projects;
