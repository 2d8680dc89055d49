import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration, LOG_AFTER_MS, type ProgressClock } from '../../src/render/progress.js';

/** A stream that records what was written, and a clock the test moves by hand. */
function harness(isTTY: boolean) {
  let text = '';
  const stream = { isTTY, write: (s: string) => ((text += s), true) } as unknown as NodeJS.WriteStream;
  let now = 0;
  const timers: Array<{ ms: number; fn: () => void; next: number; live: boolean }> = [];
  const clock: ProgressClock = {
    now: () => now,
    every: (ms, fn) => {
      const t = { ms, fn, next: ms, live: true };
      timers.push(t);
      return () => {
        t.live = false;
      };
    },
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.live && t.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      now = due.next;
      due.next += due.ms;
      due.fn();
    }
    now = end;
  };
  return { progress: createProgress(stream, clock), advance, text: () => text, live: () => timers.some((t) => t.live) };
}

describe('progress in a log (stderr not a TTY)', () => {
  it('prints nothing for a run shorter than 30 s, so a result or a one-line error is all there is', () => {
    const h = harness(false);
    h.progress.listener({ type: 'stage-start', stage: 'suites' });
    h.advance(20_000);
    h.progress.listener({ type: 'stage-end', stage: 'suites', durationMs: 20_000 });
    h.progress.clear();
    expect(h.text()).toBe('');
    expect(h.live()).toBe(false);
  });

  it('past 30 s: the stages done so far, a heartbeat every 30 s, then one line per stage as it ends', () => {
    const h = harness(false);
    h.progress.listener({ type: 'stage-start', stage: 'snapshot' });
    h.progress.listener({ type: 'stage-end', stage: 'snapshot', durationMs: 120 });
    h.progress.listener({ type: 'stage-start', stage: 'suites' });
    h.progress.listener({ type: 'suite-run-start', setup: 'after', files: 'all', attempt: 0 });
    h.advance(LOG_AFTER_MS * 2);
    h.progress.listener({ type: 'stage-end', stage: 'suites', durationMs: 61_000 });
    h.progress.clear();
    expect(h.text().split('\n')).toEqual([
      'patchprobe: snapshot took 120 ms',
      'patchprobe: 30.0 s elapsed, running suites (after source × after tests (all tests))',
      'patchprobe: 1 min 00 s elapsed, running suites (after source × after tests (all tests))',
      'patchprobe: suites took 1 min 01 s',
      '',
    ]);
  });
});

describe('progress on a TTY', () => {
  it('one status line with the stages running, the suite run, the results so far and the elapsed time, cleared at the end', () => {
    const h = harness(true);
    h.progress.listener({ type: 'stage-start', stage: 'suites' });
    h.progress.listener({ type: 'suite-run-start', setup: 'before', files: 'all', attempt: 0 });
    h.progress.listener({ type: 'suite-run-end', setup: 'before', attempt: 0, durationMs: 900, tests: 40, status: 'ok' });
    h.progress.listener({ type: 'suite-run-start', setup: 'after', files: 2, attempt: 1 });
    h.advance(3_000);
    const lines = h.text().split('\r\x1b[2K').filter(Boolean);
    expect(lines.at(-1)).toBe('patchprobe: suites · after source × after tests (2 files), rerun 1 · 1 suite run, 40 test results · 3.0 s');
    h.progress.listener({ type: 'stage-end', stage: 'suites', durationMs: 3_000 });
    h.progress.listener({ type: 'stage-start', stage: 'probes' });
    h.progress.listener({ type: 'stage-start', stage: 'mutation' });
    expect(h.text().split('\r\x1b[2K').at(-1)).toBe('patchprobe: probes + mutation · 1 suite run, 40 test results · 3.0 s');
    h.progress.clear();
    expect(h.text().endsWith('\r\x1b[2K')).toBe(true);
    expect(h.live()).toBe(false);
  });
});

describe('formatDuration', () => {
  it.each([
    [850, '850 ms'],
    [4_210, '4.2 s'],
    [65_000, '1 min 05 s'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
