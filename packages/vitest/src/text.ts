// Values, calls, counts and errors as text for the matcher's messages.
import path from 'node:path';
import { fc, renderCall } from '@patchprobe/core/probes';

export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array (${show(v)})`;
  if (typeof v === 'object') return `an object (${show(v)})`;
  return `${typeof v} ${show(v)}`;
}

export function show(v: unknown): string {
  let s: string;
  try {
    s = fc.stringify(v);
  } catch {
    s = `<unprintable ${typeof v}>`;
  }
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

/** `slugify("A")`: trailing `undefined`s (optional parameters left out) are not shown. */
export function callText(callee: string, args: readonly unknown[]): string {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  return renderCall(callee, args.slice(0, n));
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function errorMessage(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'unknown error';
}
