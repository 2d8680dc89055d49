import { spawn } from 'node:child_process';

/**
 * How many times slower than on an idle machine this one runs patchprobe's tests right now: the
 * factor every time limit in the tests is multiplied by (vitest's test timeouts, the speed
 * assertions), so that a machine kept busy by other work still passes (issue 19) while an idle
 * one keeps the limits that catch a slowdown.
 *
 * Measured, not guessed: two children (the suite runs two files at a time) each burn 150 ms of
 * CPU; on an idle machine each gets a core and its wall time equals its CPU time, on a busy one it
 * waits its turn. The factor is the larger wall/CPU ratio, between 1 and 4. PP_TIME_SCALE set in
 * the environment wins (and carries the measured value to vitest's workers).
 */
export async function measureTimeScale(): Promise<number> {
  const given = Number(process.env.PP_TIME_SCALE);
  if (given > 0) return given;
  const script =
    'const w=performance.now(),c=process.cpuUsage();let x=0;' +
    'for(;;){for(let i=0;i<1e5;i++)x+=i;const u=process.cpuUsage(c);if(u.user+u.system>=150e3){' +
    'process.stdout.write(JSON.stringify({wall:performance.now()-w,cpu:(u.user+u.system)/1e3}));break}}';
  const one = (): Promise<number> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += String(d)));
      child.on('close', () => {
        try {
          const { wall, cpu } = JSON.parse(out) as { wall: number; cpu: number };
          resolve(wall / cpu);
        } catch {
          resolve(1);
        }
      });
    });
  const ratios = await Promise.all([one(), one()]);
  return Math.round(Math.min(4, Math.max(1, ...ratios)) * 10) / 10;
}

/** The factor measured when the test run started (1 outside a run that measured it). */
export function timeScale(): number {
  const given = Number(process.env.PP_TIME_SCALE);
  return given > 0 ? given : 1;
}

/** `ms` as a time limit on this machine now: ms × timeScale(). */
export function scaledMs(ms: number): number {
  return Math.round(ms * timeScale());
}

/**
 * Runs a synchronous `fn` and says how much CPU this process spent on it. A speed assertion on CPU
 * time holds however many other processes compete for the cores (the other test worker's StrykerJS
 * run, a busy CI runner), where wall time on the same work has varied by 2.7× between runs.
 */
export function cpuMs<T>(fn: () => T): { value: T; cpuMs: number; wallMs: number } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { value, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall };
}
