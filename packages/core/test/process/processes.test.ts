import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { canMeasureCpu, cpuTimeMs, runInProcessGroup, startProcessGroup } from '../../src/process/processes.js';

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

// The StrykerJS child starts while the suites run and gets its job later (run-stryker.ts prestartStryker).
describe('startProcessGroup', () => {
  it('starts a child that waits for its input, and runs it once with the limits counted from then', async () => {
    const child = startProcessGroup(process.execPath, ['-e', 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(s.trim().toUpperCase()))'], { cwd: process.cwd(), env });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const r = await child.run({ input: 'job\n', timeoutMs: 30_000 });
    expect(r).toMatchObject({ timedOut: false, exitCode: 0 });
    expect(r.stdout.trim()).toBe('JOB');
    await expect(child.run({ timeoutMs: 1_000 })).rejects.toThrow(/once/);
  });

  it('reports how a child that died before it was given its input ended, rather than failing on the write', async () => {
    // The StrykerJS child may crash while it loads: the mutation stage then reads a failed run.
    const child = startProcessGroup(process.execPath, ['-e', 'process.exit(3)'], { cwd: process.cwd(), env });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const r = await child.run({ input: 'x'.repeat(1 << 20), timeoutMs: 30_000 });
    expect(r).toMatchObject({ timedOut: false, exitCode: 3 });
  });

  it.runIf(process.platform === 'linux')('kills a child that is never run, with what it started', async () => {
    const child = startProcessGroup(process.execPath, ['-e', 'require("node:child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }); setInterval(() => {}, 1000)'], { cwd: process.cwd(), env });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const inGroup = () => fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p) && groupOf(p) === child.pid && !isZombie(p));
    expect(inGroup().length).toBe(2);
    child.kill();
    await expect.poll(inGroup, { timeout: 10_000 }).toEqual([]);
  });
});

function stat(pid: string): string[] {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ');
  } catch {
    return [];
  }
}
const groupOf = (pid: string): number => Number(stat(pid)[2]);
const isZombie = (pid: string): boolean => stat(pid)[0] === 'Z';
