import type { ProgressEvent, ProgressListener } from '@patchprobe/core';

const LABELS: Record<string, string> = {
  before: 'before source × before tests',
  after: 'after source × after tests',
  'old-tests-new-code': 'old tests on the new code',
  'new-tests-old-code': 'new tests on the old code',
};

/** When a log (stderr not a TTY) starts to get lines: a short run prints nothing but its result. */
export const LOG_AFTER_MS = 30_000;
/** A TTY's status line is redrawn this often, so the elapsed time moves while a stage runs. */
const TTY_TICK_MS = 1_000;

export interface ProgressClock {
  now(): number;
  every(ms: number, fn: () => void): () => void;
}

const realClock: ProgressClock = {
  now: () => performance.now(),
  every: (ms, fn) => {
    const timer = setInterval(fn, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/**
 * Progress on stderr. On a TTY: one status line rewritten in place — the stages running, the
 * suite run under way, the tests that have reported so far and the elapsed time. In a log (a CI
 * job, stderr redirected): nothing while the run is short (so a result, or a one-line error, is
 * all there is); once it passes 30 s, the stages finished so far with their durations, then one
 * line per stage as it ends and a heartbeat every 30 s naming what is still running.
 */
export function createProgress(stream: NodeJS.WriteStream, clock: ProgressClock = realClock): { listener: ProgressListener; clear: () => void } {
  const tty = stream.isTTY === true;
  const started = clock.now();
  const running = new Set<string>();
  const finished: string[] = [];
  let detail = '';
  let suiteRuns = 0;
  let tests = 0;
  let shown = false;
  let logging = false;
  const elapsed = (): string => formatDuration(clock.now() - started);

  const redraw = (): void => {
    if (running.size === 0) return;
    const counts = suiteRuns > 0 ? ` · ${suiteRuns} suite run${suiteRuns === 1 ? '' : 's'}, ${tests} test results` : '';
    stream.write(`\r\x1b[2Kpatchprobe: ${[...running].join(' + ')}${detail ? ` · ${detail}` : ''}${counts} · ${elapsed()}`);
    shown = true;
  };
  const heartbeat = (): void => {
    if (!logging) {
      logging = true;
      for (const line of finished) stream.write(`${line}\n`);
    }
    if (running.size > 0) stream.write(`patchprobe: ${elapsed()} elapsed, running ${[...running].join(' + ')}${detail ? ` (${detail})` : ''}\n`);
  };
  const stop = tty ? clock.every(TTY_TICK_MS, redraw) : clock.every(LOG_AFTER_MS, heartbeat);

  const listener = (e: ProgressEvent): void => {
    if (e.type === 'stage-start') {
      running.add(e.stage);
      if (e.stage !== 'suites') detail = '';
    } else if (e.type === 'stage-end') {
      running.delete(e.stage);
      const line = `patchprobe: ${e.stage} took ${formatDuration(e.durationMs)}`;
      if (logging) stream.write(`${line}\n`);
      else finished.push(line);
    } else if (e.type === 'suite-run-start') {
      const scope = e.files === 'all' ? 'all tests' : `${e.files} file${e.files === 1 ? '' : 's'}`;
      detail = `${LABELS[e.setup] ?? e.setup} (${scope})${e.attempt > 0 ? `, rerun ${e.attempt}` : ''}`;
    } else if (e.type === 'suite-run-end') {
      suiteRuns++;
      tests += e.tests;
    } else return;
    if (tty) redraw();
  };
  return {
    listener,
    clear: () => {
      stop();
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}

/** 850 ms, 4.2 s, 1 min 05 s. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const s = Math.round(ms / 1_000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
