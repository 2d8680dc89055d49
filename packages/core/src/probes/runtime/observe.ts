// One call of a probed function, observed on its own copy of the arguments (probe runtime, see outcome.ts).
import { types } from 'node:util';
import { cloneDeep } from './clone.js';
import { MAX_YIELDED, Yielded, type ErrorInfo, type Outcome } from './outcome.js';
import { show } from './render.js';

/** The message of the error a trapped `process.exit` throws. */
export const EXIT_MESSAGE = /^process\.exit\(.*\) called$/s;
let exitTraps = 0;
let realExit: typeof process.exit | undefined;

// Patched code that calls process.exit would end the whole probe run; as a thrown error it is just
// another (accidental) outcome. Counted, so overlapping async observations restore it only once.
function trapExit(): () => void {
  if (exitTraps++ === 0) {
    realExit = process.exit;
    process.exit = ((code?: unknown) => {
      throw new Error(`process.exit(${code === undefined ? '' : String(code)}) called`);
    }) as typeof process.exit;
  }
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    if (--exitTraps === 0 && realExit !== undefined) {
      process.exit = realExit;
      realExit = undefined;
    }
  };
}

/**
 * Calls `call` on a fresh copy of `args`. Synchronous outcomes come back as plain values, not
 * Promises: the probe runs thousands of calls per second and a microtask per call would dominate.
 */
export function observe(call: (args: unknown[]) => unknown, args: readonly unknown[], timeoutMs: number): Outcome | Promise<Outcome> {
  const copy = cloneDeep(args) as unknown[];
  const restore = trapExit();
  let result: unknown;
  let then: unknown;
  try {
    result = call(copy);
    // A generator's values are read here, inside the call's watch: an endless one stops at MAX_YIELDED.
    if (types.isGeneratorObject(result) && typeof (result as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function') result = drain(result as Generator);
    else if (types.isGeneratorObject(result) && typeof (result as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function') {
      // An async generator is read to its end within the call's time limit, like a promise settles.
      return settle(drainAsync(result as unknown as AsyncGenerator), copy, timeoutMs, restore, true);
    }
    then = typeof result === 'object' || typeof result === 'function' ? (result as { then?: unknown } | null)?.then : undefined;
  } catch (e) {
    restore();
    return { kind: 'threw', error: errorInfo(e), args: copy };
  }
  if (typeof then !== 'function') {
    restore();
    return { kind: 'returned', value: result, args: copy };
  }
  return settle(result as PromiseLike<unknown>, copy, timeoutMs, restore);
}

function drain(generator: Generator): Yielded {
  const items: unknown[] = [];
  for (;;) {
    const step = generator.next();
    if (step.done) return new Yielded(items, true);
    if (items.length === MAX_YIELDED) return new Yielded(items, false);
    items.push(step.value);
  }
}

async function drainAsync(generator: AsyncGenerator): Promise<Yielded> {
  const items: unknown[] = [];
  for (;;) {
    const step = await generator.next();
    if (step.done) return new Yielded(items, true, true);
    if (items.length === MAX_YIELDED) return new Yielded(items, false, true);
    items.push(step.value);
  }
}

/** `iterated`: the thenable reads an async generator; what it yields is returned, not resolved. */
function settle(thenable: PromiseLike<unknown>, args: unknown[], timeoutMs: number, restore: () => void, iterated = false): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    let done = false;
    const finish = (o: Outcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      restore();
      resolve(o);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout', args }), timeoutMs);
    // A promise that never settles must not keep the target's test process alive.
    timer.unref();
    // Promise.resolve adopts foreign thenables and turns a throwing `then` into a rejection.
    Promise.resolve(thenable).then(
      (value) => finish(iterated ? { kind: 'returned', value, args } : { kind: 'resolved', value, args }),
      (e: unknown) => finish(iterated ? { kind: 'rejected', error: errorInfo(e), args, iterated } : { kind: 'rejected', error: errorInfo(e), args }),
    );
  });
}

function errorInfo(e: unknown): ErrorInfo {
  if (e instanceof Error || types.isNativeError(e)) {
    const err = e as Error;
    try {
      // The constructor name, not `.name`: a `class ValidationError extends Error` keeps name 'Error'.
      const ctor = (Object.getPrototypeOf(err) as { constructor?: unknown } | null)?.constructor;
      const name = typeof ctor === 'function' && ctor.name ? ctor.name : String(err.name);
      return { name, message: String(err.message) };
    } catch {
      // A hostile `message` getter must not turn the target's outcome into a failure of the probe.
      return { name: 'Error', message: '<unreadable message>' };
    }
  }
  return { name: `throw${typeof e}`, message: show(e) };
}
