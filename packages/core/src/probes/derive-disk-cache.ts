// Derived parameters on disk, shared by the many short vitest processes of one patchprobe run:
// every suite run, rerun and StrykerJS mutant run starts fresh workers, and each would build a
// TypeScript program again for `toBehaveLike` (seconds per test file; on the plugin's examples it
// was most of the suites and mutation stages). Used only when patchprobe sets the variable below
// for the processes it starts (a folder in its workspace, removed with it): a user's own test runs
// never read or write it. Within one run the copies do not change, except overlaid test files and
// the files StrykerJS instruments, so a derivation is keyed by the file's path, its content and the
// export; the warm-up of a test file by the test file's path and content.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DerivedParameters } from './arbitrary-descriptor.js';

export const DERIVE_CACHE_ENV = 'PATCHPROBE_DERIVE_CACHE_DIR';

function entry(kind: 'params' | 'warm', parts: readonly string[]): string | undefined {
  const dir = process.env[DERIVE_CACHE_ENV];
  if (!dir) return undefined;
  return path.join(dir, `${kind}-${createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32)}.json`);
}

function write(file: string, value: unknown): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(value));
    fs.renameSync(tmp, file); // concurrent writers each rename a whole file
  } catch {
    // a cache: the next process derives again
  }
}

function read(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function readDerived(file: string, content: string, exportName: string): DerivedParameters | undefined {
  const at = entry('params', [file, content, exportName]);
  const v = at === undefined ? undefined : (read(at) as { result?: DerivedParameters } | undefined);
  return v?.result && Array.isArray(v.result.params) ? v.result : undefined;
}

export function writeDerived(file: string, content: string, exportName: string, result: DerivedParameters): void {
  const at = entry('params', [file, content, exportName]);
  if (at !== undefined) write(at, { result });
}

/** True when an earlier process of this run already built the types for this test file (its derivations are on disk). */
export function isWarm(testFile: string, content: string): boolean {
  const at = entry('warm', [testFile, content]);
  return at !== undefined && fs.existsSync(at);
}

export function markWarm(testFile: string, content: string): void {
  const at = entry('warm', [testFile, content]);
  if (at !== undefined) write(at, { warm: true });
}
