import type { ProgressEvent, VerifyOptions } from '@patchprobe/core';
import { EXIT_CODES } from '../options-table.js';
import { createProgress } from '../render/progress.js';
import type { CliIo } from './io.js';

/** What a long run gets from `interruptible`: the signal to cancel it and the progress listener. */
export type RunHooks = Required<Pick<VerifyOptions, 'signal' | 'onEvent'>>;

/**
 * Runs `fn` with Ctrl-C / SIGTERM wired to its abort signal and progress on stderr (a status line
 * on a TTY; in a log, lines only once the run passes 30 s: render/progress.ts). The first signal cancels (the run rejects with AbortedError after cleaning up); a second
 * one leaves at once, and core's exit hook still kills child process groups and removes temp copies.
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
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let workspaceDir: string | undefined;
  try {
    const result = await fn({
      signal: controller.signal,
      onEvent: (e: ProgressEvent): void => {
        if (e.type === 'workspace') workspaceDir = e.dir;
        progress.listener(e);
      },
    });
    return { result, workspaceDir };
  } finally {
    progress.clear();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
