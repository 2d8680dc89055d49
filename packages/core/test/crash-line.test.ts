import { describe, expect, it } from 'vitest';
import { crashLine } from '../src/suites/run-vitest.js';

describe(crashLine.name, () => {
  it('picks the thrown error over vitest banners and stack frames', () => {
    const out = [
      '\x1b[31m⎯⎯⎯⎯⎯⎯⎯ Startup Error ⎯⎯⎯⎯⎯⎯⎯⎯\x1b[39m',
      'failed to load config from /tmp/x/vitest.config.ts',
      'Error: broken config',
      '    at file:///tmp/x/vitest.config.ts:1:7',
      'node:internal/process/task_queues:95',
    ].join('\n');
    expect(crashLine(out, 1)).toBe('Error: broken config');
  });

  it('falls back to a line that mentions an error, then to the exit code', () => {
    expect(crashLine('something failed: Cannot find package "vite"\n', 1)).toBe('something failed: Cannot find package "vite"');
    expect(crashLine('', 137)).toBe('vitest exited with code 137 and no output');
  });
});
