// Outcomes, calls and argument changes as text for reports (probe runtime, see outcome.ts).
import fc from 'fast-check';
import { deepEqual } from './compare.js';
import { isNonErrorThrow, type ErrorInfo, type Outcome } from './outcome.js';

const MAX_SHOWN = 200;

/** `returns "a-b"`, `resolves 3`, `throws TypeError: x is not a function`, `never settles (timeout)`. */
export function renderOutcome(o: Outcome): string {
  switch (o.kind) {
    case 'returned':
      return `returns ${show(o.value)}`;
    case 'resolved':
      return `resolves ${show(o.value)}`;
    case 'threw':
      return `throws ${renderError(o.error)}`;
    case 'rejected':
      return `rejects ${renderError(o.error)}`;
    case 'timeout':
      return 'never settles (timeout)';
  }
}

/** `returned "a-b"`, `threw TypeError: …`: an outcome in a contrast's second half. */
export function renderPast(o: Outcome): string {
  switch (o.kind) {
    case 'returned':
      return `returned ${show(o.value)}`;
    case 'resolved':
      return `resolved ${show(o.value)}`;
    case 'threw':
      return `threw ${renderError(o.error)}`;
    case 'rejected':
      return `rejected ${renderError(o.error)}`;
    case 'timeout':
      return 'never settled (timeout)';
  }
}

// A thrown non-Error has no name worth showing; its message already is the value (`throws "oops"`).
function renderError(e: ErrorInfo): string {
  if (isNonErrorThrow(e)) return e.message;
  return e.message === '' ? e.name : `${e.name}: ${e.message}`;
}

/** The first argument the two calls left in different states, e.g. `after leaves argument 1 as [3,2,1] where before left it as [1,2,3]`. */
export function renderArgsChange(before: Outcome, after: Outcome): string {
  const n = Math.max(before.args.length, after.args.length);
  for (let i = 0; i < n; i++) {
    if (!deepEqual(before.args[i], after.args[i])) {
      return `after leaves argument ${i + 1} as ${show(after.args[i])} where before left it as ${show(before.args[i])}`;
    }
  }
  return 'the arguments are left in the same state';
}

/** `slugify("Ä b")`; pass `maxArgLength: Infinity` when the text must stay valid code. */
export function renderCall(callee: string, args: readonly unknown[], maxArgLength = MAX_SHOWN): string {
  return `${callee}(${args.map((a) => show(a, maxArgLength)).join(', ')})`;
}

/** `fc.stringify` of a value, cut to `max` characters; never throws. */
export function show(v: unknown, max = MAX_SHOWN): string {
  let s: string;
  try {
    s = fc.stringify(v);
  } catch {
    // A getter or proxy trap that throws while printing must not hide the outcome itself.
    s = `<unprintable ${typeof v}>`;
  }
  return truncate(s, max);
}

function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  // Never cut a surrogate pair in half: the lone half would print as a replacement character.
  const end = /[\uD800-\uDBFF]/.test(s.charAt(max - 1)) ? max - 1 : max;
  return `${s.slice(0, end)}…`;
}
