import { isAccidentalError } from '../probes/runtime/classify.js';
import type { TestRecord } from './types.js';

/**
 * What a failed assertion's diff says changed: the lines only the expected value has, and the
 * lines only the received value has, each trimmed and without a trailing comma (the same line is
 * printed with and without one at the end of an object).
 */
export interface DiffLines {
  expected: ReadonlySet<string>;
  received: ReadonlySet<string>;
}

/**
 * Reads vitest's diff (0.34–4.x print the same form: a `- Expected` / `+ Received` header, then
 * the values' lines, `-` for expected only, `+` for received only, two spaces for both).
 * Undefined when the diff has no changed line this can read.
 */
export function diffLines(diff: string): DiffLines | undefined {
  const lines = diff.split('\n');
  const header = lines.findIndex((l) => /^\+ Received\b/.test(l));
  if (header < 0 || !/^- Expected\b/.test(lines[header - 1] ?? '')) return undefined;
  const expected = new Set<string>();
  const received = new Set<string>();
  for (const line of lines.slice(header + 1)) {
    const sign = line[0];
    if (sign !== '-' && sign !== '+') continue;
    // `[Function fn]`: the name of a test's local variable, not behaviour.
    const text = line.slice(1).trim().replace(/,$/, '').replace(/\[Function [^\]]*\]/g, '[Function]');
    if (text === '') continue;
    (sign === '-' ? expected : received).add(text);
  }
  if (expected.size === 0 && received.size === 0) return undefined;
  return { expected, received };
}

/** `"key": value` or `key: value` → [key, value]; a line of no such form is its own value. */
function keyed(line: string): [string | undefined, string] {
  const m = /^("(?:[^"\\]|\\.)*"|[\w$]+): (.*)$/.exec(line);
  return m ? [m[1], m[2]!] : [undefined, line];
}

/** A printed string's text without its quotes; other values as printed. */
const inner = (value: string): string => (value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value);

/**
 * Whether a failure on the new code (an old test: it expects the old behaviour and receives the
 * new) is the mirror of a failure on the old code (a new test: it expects the new behaviour and
 * receives the old): every value the first expects, the second receives, and every value the first
 * receives, the second expects. The two tests then disagree about the same values in opposite
 * directions, which is what a deliberate change of specification looks like; a break hidden by
 * removing its test shows values no new test asks for.
 *
 * One allowance: a value of the old test's failure that the new test does not show counts as
 * mirrored when it is derived from mirrored ones — the same key, and the old expected value
 * becomes the received one by replacing each mirrored value's old text with its new text (a
 * default message that quotes a changed field: `Received "function"` → `Received Function`).
 */
export function mirrors(oldOnNew: DiffLines, newOnOld: DiffLines): boolean {
  const expectedLeft = [...oldOnNew.expected].filter((l) => !newOnOld.received.has(l));
  const receivedLeft = [...oldOnNew.received].filter((l) => !newOnOld.expected.has(l));
  const mirrored = oldOnNew.expected.size - expectedLeft.length + (oldOnNew.received.size - receivedLeft.length);
  if (mirrored === 0) return false;
  if (expectedLeft.length === 0 && receivedLeft.length === 0) return true;
  // The mirrored values, old → new, by key.
  const was = new Map<string, string>();
  for (const l of oldOnNew.expected) if (newOnOld.received.has(l)) { const [k, v] = keyed(l); if (k !== undefined) was.set(k, v); }
  const swaps: Array<[string, string]> = [];
  for (const l of oldOnNew.received) {
    if (!newOnOld.expected.has(l)) continue;
    const [k, v] = keyed(l);
    const old = k === undefined ? undefined : was.get(k);
    if (old !== undefined && inner(old) !== '' && inner(old) !== inner(v)) swaps.push([inner(old), inner(v)]);
  }
  if (swaps.length === 0) return false;
  const receivedByKey = new Map(receivedLeft.map((l) => keyed(l)).filter((kv): kv is [string, string] => kv[0] !== undefined));
  for (const l of expectedLeft) {
    const [k, v] = keyed(l);
    const now = k === undefined ? undefined : receivedByKey.get(k);
    if (now === undefined || swaps.reduce((acc, [from, to]) => acc.split(from).join(to), v) !== now) return false;
    receivedByKey.delete(k!);
  }
  return receivedByKey.size === 0 && receivedLeft.every((l) => keyed(l)[0] !== undefined);
}

/** `expected` → `received` of the first changed line each side, for a message. */
export function changeSummary(d: DiffLines): string {
  const show = (s: ReadonlySet<string>): string => {
    const [first] = s;
    const text = first === undefined ? '(nothing)' : first.length > 80 ? `${first.slice(0, 77)}…` : first;
    return `\`${text}\`${s.size > 1 ? ` (+${s.size - 1} more)` : ''}`;
  };
  return `${show(d.expected)} → ${show(d.received)}`;
}

const commonPrefix = (a: string, b: string): number => {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
};

/**
 * The test among `candidates` whose failure on the old code mirrors `oldOnNew`'s failure on the
 * new code, if any: in the same file and the same describe (a test replaced where it stood, or the
 * edited test itself). The test itself first, then the title closest to its own ("with replacer
 * and message" → "with replacer and string message"), for the message a reviewer reads.
 */
export function mirroringTest(oldOnNew: TestRecord, candidates: readonly TestRecord[]): TestRecord | undefined {
  const mine = oldOnNew.diff === undefined ? undefined : diffLines(oldOnNew.diff);
  const thrown = mine === undefined ? deliberateError(oldOnNew.error) : undefined;
  if (mine === undefined && thrown === undefined) return undefined;
  const parent = JSON.stringify(oldOnNew.path.slice(0, -1));
  const title = oldOnNew.path.at(-1) ?? '';
  const score = (c: TestRecord): number => (c.id === oldOnNew.id ? Number.MAX_SAFE_INTEGER : commonPrefix(c.path.at(-1) ?? '', title));
  const found = candidates.filter((c) => {
    if (c.file !== oldOnNew.file || c.project !== oldOnNew.project || JSON.stringify(c.path.slice(0, -1)) !== parent) return false;
    if (thrown !== undefined) return expectsThrow(c.error, thrown.message);
    const theirs = c.diff === undefined ? undefined : diffLines(c.diff);
    return mine !== undefined && theirs !== undefined && mirrors(mine, theirs);
  });
  return found.reduce<TestRecord | undefined>((best, c) => (best === undefined || score(c) > score(best) ? c : best), undefined);
}

/**
 * The error an old test's failure on the new code reports, when it is one code throws on purpose
 * (`Error: Unsafe key in path: __proto__`), not an assertion's and not one the engine throws on
 * the programmer's behalf (a property read on undefined: that is a break, whatever a new test asks).
 */
function deliberateError(error: string | undefined): { name: string; message: string } | undefined {
  const m = /^([A-Za-z_$][\w$]*): ([^\n]+)/.exec(error ?? '');
  if (!m || /Assertion|Expect/.test(m[1]!)) return undefined;
  const e = { name: m[1]!, message: m[2]!.trim() };
  return isAccidentalError(e) ? undefined : e;
}

/**
 * Whether a new test's failure on the old code is a throw matcher's: it asks for a throw (or a
 * rejection) the old code does not make — and, where vitest names the message it asked for
 * ("to throw error including 'x' but got 'y'"), for this one.
 */
function expectsThrow(error: string | undefined, message: string): boolean {
  if (error === undefined || !/^AssertionError\b/.test(error)) return false;
  if (!/\bto throw\b|instead of rejecting|\bto be rejected\b/i.test(error)) return false;
  const asked = /to throw (?:error|an error) including '([^']*)'/.exec(error)?.[1];
  return asked === undefined || message.includes(asked);
}
