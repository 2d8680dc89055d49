import fs from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { UsageError } from '@patchprobe/core';
import type { Colors } from '../render/text.js';

/** Where a command reads its environment and writes; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  /** `--debug` was given: stack traces, and what a run did besides its job (stale workspaces removed). */
  debug?: boolean;
}

/** What a command tells `run()`, the only place that turns outcomes into exit codes. */
export interface Outcome {
  /** The verdict is in --fail-on. */
  failed: boolean;
}

/** Colours for a human stream: a TTY, without NO_COLOR, not a dumb terminal. */
export function colorsFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): Colors {
  return pc.createColors(Boolean(stream.isTTY) && !('NO_COLOR' in env) && env.TERM !== 'dumb');
}

/** Writes `text` to FILE (replacing it, or appending), or to stdout for `-`; a failure is a one-line usage error. */
export function writeOutput(target: string, text: string, io: CliIo, options: { append?: boolean } = {}): void {
  if (target === '-') {
    io.stdout.write(text);
    return;
  }
  try {
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    if (options.append) fs.appendFileSync(target, text);
    else fs.writeFileSync(target, text);
  } catch (error) {
    throw new UsageError(`cannot write ${target}: ${(error as Error).message}`, 'pass a writable path');
  }
}
