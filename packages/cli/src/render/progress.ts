import type { ProgressEvent, ProgressListener } from '@patchprobe/core';

const LABELS: Record<string, string> = {
  before: 'before source × before tests',
  after: 'after source × after tests',
  'old-tests-new-code': 'old tests on the new code',
  'new-tests-old-code': 'new tests on the old code',
};

/** One status line on a TTY, rewritten in place; nothing at all when stderr is not a TTY. */
export function createProgress(stream: NodeJS.WriteStream): { listener: ProgressListener | undefined; clear: () => void } {
  if (!stream.isTTY) return { listener: undefined, clear: () => {} };
  let shown = false;
  const write = (text: string): void => {
    stream.write(`\r\x1b[2K${text}`);
    shown = true;
  };
  const listener = (e: ProgressEvent): void => {
    if (e.type === 'stage-start') write(`patchprobe: ${e.stage}…`);
    else if (e.type === 'suite-run-start') {
      const scope = e.files === 'all' ? 'all tests' : `${e.files} file${e.files === 1 ? '' : 's'}`;
      write(`patchprobe: running ${LABELS[e.setup] ?? e.setup} (${scope})${e.attempt > 0 ? `, rerun ${e.attempt}` : ''}…`);
    }
  };
  return {
    listener,
    clear: () => {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
