// The list of test projects. vitest 4 no longer reads this file by itself (it silently runs the
// root default include instead, api-notes §2), so vitest.config.ts imports it into test.projects,
// and tests/workspace.test.ts fails if any package's tests stop being collected.
import { defineProject } from 'vitest/config';
import { measureTimeScale } from './packages/test-utils/src/time-scale.ts';

// Every time limit scales with how busy the machine is when the run starts (1 when idle; see
// time-scale.ts): the workers inherit the factor, and `scaledMs` in a test reads it.
const scale = await measureTimeScale();
if (scale >= 1.5 && process.env.PP_TIME_SCALE === undefined) console.log(`time limits × ${scale}: the machine is busy (time-scale.ts)`);
process.env.PP_TIME_SCALE = String(scale);
const ms = (n: number): number => Math.round(n * scale);

export const projects = [
  // A limit is a guard against a hang, not a speed claim (those are asserted on CPU time, cpuMs):
  // core's end-to-end tests run up to five verifications, three at once, beside the other worker's
  // StrykerJS, and one took more than 60 s in CI on an idle-measured machine.
  defineProject({ test: { name: 'core', root: './packages/core', include: ['test/**/*.test.ts'], testTimeout: ms(180_000), hookTimeout: ms(60_000), isolate: false } }),
  defineProject({
    test: { name: 'cli', root: './packages/cli', include: ['test/**/*.test.ts'], testTimeout: ms(180_000), hookTimeout: ms(60_000) },
  }),
  // The MCP server's end-to-end tests: the SDK's own client over stdio, verifications one at a time.
  defineProject({ test: { name: 'mcp', root: './packages/mcp', include: ['test/**/*.test.ts'], testTimeout: ms(180_000), hookTimeout: ms(60_000) } }),
  defineProject({ test: { name: 'vitest-plugin', root: './packages/vitest', include: ['test/**/*.test.ts'], testTimeout: ms(5_000), hookTimeout: ms(10_000) } }),
  defineProject({ test: { name: 'repo', root: '.', include: ['tests/**/*.test.ts'], testTimeout: ms(60_000) } }),
];

export default projects;
