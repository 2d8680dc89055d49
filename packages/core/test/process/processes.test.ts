import { describe, expect, it } from 'vitest';
import { canMeasureCpu, cpuTimeMs, runInProcessGroup } from '../../src/process/processes.js';

const env = { PATH: process.env.PATH };

// The type-check's limit is on tsc's own CPU time (typecheck.ts): on a machine the suites keep busy,
// a wall-clock limit cut valibot's type-check short when tsc itself needed less than the limit.
describe.runIf(canMeasureCpu)('runInProcessGroup with a CPU time limit', () => {
  it('reads a process\'s own CPU time', () => {
    // Busy until Node's own account says 300 ms of CPU went by (on a loaded machine that takes longer).
    const before = cpuTimeMs(process.pid)!;
    const start = process.cpuUsage();
    while (process.cpuUsage(start).user + process.cpuUsage(start).system < 300_000) {
      // busy
    }
    expect(cpuTimeMs(process.pid)! - before).toBeGreaterThanOrEqual(250);
  });

  it('ends a child that spends its CPU limit long before the wall-clock limit', async () => {
    const r = await runInProcessGroup(process.execPath, ['-e', 'for (;;) {}'], { cwd: process.cwd(), env, timeoutMs: 60_000, cpuLimitMs: 500 });
    expect(r.timedOut).toBe(true);
    expect(r.durationMs).toBeLessThan(30_000);
  });

  it('lets a child that waits run past its CPU limit in wall time', async () => {
    const r = await runInProcessGroup(process.execPath, ['-e', 'setTimeout(() => console.log("done"), 1500)'], { cwd: process.cwd(), env, timeoutMs: 60_000, cpuLimitMs: 1_000 });
    expect(r).toMatchObject({ timedOut: false, exitCode: 0 });
    expect(r.stdout.trim()).toBe('done');
    expect(r.durationMs).toBeGreaterThan(1_000);
  });
});
