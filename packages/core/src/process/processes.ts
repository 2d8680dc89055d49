import fs from 'node:fs';
import { execa, type ResultPromise } from 'execa';
import { AbortedError } from '../errors.js';

/**
 * Every child that might spawn workers (vitest, later Stryker) runs in its own process group,
 * so that a timeout or Ctrl-C can kill the whole tree: killing only the main vitest process
 * leaves its fork workers spinning (api-notes §8).
 */
const liveGroups = new Set<number>();

/** Records a process group started elsewhere (a long-lived child) so that killAllGroups reaches it. */
export function trackGroup(pid: number): void {
  liveGroups.add(pid);
}

/** Kills a process group and everything in it (SIGKILL); a group already gone is fine. */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
  liveGroups.delete(pid);
}

/** Kills every process group still running; safe to call from an 'exit' handler (synchronous). */
export function killAllGroups(): void {
  for (const pid of [...liveGroups]) killGroup(pid);
}

export interface GroupRunOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  /** Wall-clock limit; with `cpuLimitMs` where it can be measured, the backstop behind it. */
  timeoutMs: number;
  /**
   * A limit on the CPU time of the child itself (not its children), where the system tells it
   * (Linux /proc): a limit that means the same on a busy machine as on an idle one. Where it
   * cannot be read, `timeoutMs` alone applies. Past it the run ends as `timedOut`.
   */
  cpuLimitMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's times: 100 on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;
const CPU_POLL_MS = 250;

/** Whether `cpuTimeMs` can read a process's CPU time here. */
export const canMeasureCpu = ((): boolean => {
  try {
    return fs.existsSync(`/proc/${process.pid}/stat`);
  } catch {
    return false;
  }
})();

/** User + system CPU time of one process so far, in ms, or undefined when it cannot be read. */
export function cpuTimeMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

export interface GroupRunResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
}

export async function runInProcessGroup(file: string, args: string[], options: GroupRunOptions): Promise<GroupRunResult> {
  if (options.signal?.aborted) throw new AbortedError();
  return startProcessGroup(file, args, { ...options, stdin: 'ignore' }).run(options);
}

/** A process started in a group of its own that waits for its input (see startProcessGroup). */
export interface StartedGroup {
  readonly pid: number | undefined;
  /**
   * Writes `input` to its stdin (and closes it), then waits for the group as runInProcessGroup
   * does, the limits counted from now. At most once.
   */
  run(options: Omit<GroupRunOptions, 'cwd' | 'env'> & { input?: string }): Promise<GroupRunResult>;
  /** Kills the group, if it was never run or is still running. */
  kill(): void;
}

/**
 * Starts a child in a process group of its own (killable as a whole), stdin open, and returns before
 * it is given anything to do: a child that loads its modules while the caller gets its job ready.
 */
export function startProcessGroup(file: string, args: string[], options: Pick<GroupRunOptions, 'cwd' | 'env'> & { stdin?: 'pipe' | 'ignore' }): StartedGroup {
  const child: Child = execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    reject: false,
    detached: true,
    stdin: options.stdin ?? 'pipe',
    maxBuffer: 64 * 1024 * 1024,
  });
  const pid = child.pid;
  if (pid !== undefined) liveGroups.add(pid);
  // A child killed before it was run must not leave an unhandled rejection or a zombie promise.
  void child.catch(() => undefined);
  let ran = false;
  return {
    pid,
    kill: () => {
      if (pid !== undefined) killGroup(pid);
    },
    run: async (runOptions) => {
      if (ran) throw new Error('a started process group runs once');
      ran = true;
      if (runOptions.signal?.aborted) {
        if (pid !== undefined) killGroup(pid);
        throw new AbortedError();
      }
      child.stdin?.end(runOptions.input ?? '');
      return waitForGroup(child, pid, runOptions);
    },
  };
}

type Child = ResultPromise<{ reject: false; detached: true; stdin: 'pipe' | 'ignore' }>;

async function waitForGroup(child: Child, pid: number | undefined, options: Omit<GroupRunOptions, 'cwd' | 'env'>): Promise<GroupRunResult> {
  const started = performance.now();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (pid !== undefined) killGroup(pid);
  }, options.timeoutMs);
  const cpuLimit = options.cpuLimitMs;
  const cpuWatch =
    cpuLimit !== undefined && pid !== undefined && canMeasureCpu
      ? setInterval(() => {
          if ((cpuTimeMs(pid) ?? 0) <= cpuLimit) return;
          timedOut = true;
          killGroup(pid);
        }, CPU_POLL_MS)
      : undefined;
  cpuWatch?.unref();
  const onAbort = (): void => {
    if (pid !== undefined) killGroup(pid);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await child;
    return {
      exitCode: result.exitCode,
      stdout: String(result.stdout ?? ''),
      stderr: String(result.stderr ?? ''),
      timedOut,
      durationMs: performance.now() - started,
    };
  } finally {
    clearTimeout(timer);
    clearInterval(cpuWatch);
    options.signal?.removeEventListener('abort', onAbort);
    // The main process has exited; its workers may not have. Kill what is left of the group.
    if (pid !== undefined) killGroup(pid);
    if (options.signal?.aborted) throw new AbortedError();
  }
}
