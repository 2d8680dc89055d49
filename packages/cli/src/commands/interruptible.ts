import type { ProgressEvent, VerifyOptions } from '@patchprobe/core';
import { EXIT_CODES } from '../options-table.js';
import { createProgress } from '../render/progress.js';
import type { CliIo } from './io.js';

/** What a long run gets from `interruptible`: the signal to cancel it and the progress listener. */
export type RunHooks = Required<Pick<VerifyOptions, 'signal' | 'onEvent'>>;

/** How often a run checks that the process that started it still exists. */
const PARENT_POLL_MS = 1000;

/**
 * Runs `fn` with Ctrl-C, SIGTERM, SIGHUP (the terminal closed) and the death of the parent process
 * (a CI job cancelled, its shell killed) wired to its abort signal, and progress on stderr (a
 * status line on a TTY; in a log, lines only once the run passes 30 s: render/progress.ts). The
 * first of these cancels (the run rejects with AbortedError after cleaning up); a second one
 * leaves at once, and core's exit hook still kills child process groups and removes temp copies.
 * Without this, a closed terminal killed patchprobe alone and left its vitest, esbuild and tsc
 * children running (they run in their own process groups, out of the terminal's reach).
 */
export async function interruptible<T>(io: CliIo, fn: (hooks: RunHooks) => Promise<T>): Promise<{ result: T; workspaceDir: string | undefined }> {
  const progress = createProgress(io.stderr);
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (): void => {
    signals++;
    if (signals === 1) controller.abort();
    else process.exit(EXIT_CODES.interrupted);
  };
  const onHangup = (): void => {
    // Nobody reads the terminal any more: a write to it would fail and end the run before cleanup.
    muteOutput(io);
    onSignal();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onHangup);
  const stopWatchingParent = watchParent(() => {
    if (signals === 0) onHangup();
  });
  let workspaceDir: string | undefined;
  try {
    const result = await fn({
      signal: controller.signal,
      onEvent: (e: ProgressEvent): void => {
        if (e.type === 'workspace') workspaceDir = e.dir;
        if (e.type === 'stale-workspaces-removed' && io.debug) {
          io.stderr.write(`patchprobe: removed ${e.count} temp workspace(s) left by killed runs, ${formatBytes(e.bytes)}\n`);
        }
        progress.listener(e);
      },
    });
    return { result, workspaceDir };
  } finally {
    progress.clear();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onHangup);
    stopWatchingParent();
  }
}

/**
 * Calls `onGone` once the parent process has exited. Node reads the parent pid once at start, so
 * this asks whether that pid still exists; a run started by init (pid 1) has no parent to watch.
 */
function watchParent(onGone: () => void): () => void {
  const parent = process.ppid;
  if (parent <= 1) return () => {};
  const timer = setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') {
        clearInterval(timer);
        onGone();
      }
    }
  }, PARENT_POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

function muteOutput(io: CliIo): void {
  for (const stream of [io.stdout, io.stderr]) stream.on('error', () => {});
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.round(bytes / 1024)} kB`;
}
