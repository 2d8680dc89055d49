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
  timeoutMs: number;
  signal?: AbortSignal | undefined;
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
  const started = performance.now();
  const child: ResultPromise<{ reject: false; detached: true; stdin: 'ignore' }> = execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    reject: false,
    detached: true,
    stdin: 'ignore',
    maxBuffer: 64 * 1024 * 1024,
  });
  const pid = child.pid;
  if (pid !== undefined) liveGroups.add(pid);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (pid !== undefined) killGroup(pid);
  }, options.timeoutMs);
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
    options.signal?.removeEventListener('abort', onAbort);
    // The main process has exited; its workers may not have. Kill what is left of the group.
    if (pid !== undefined) killGroup(pid);
    if (options.signal?.aborted) throw new AbortedError();
  }
}
