// What one call of a probed function did. The modules of probes/runtime/ run inside the target
// project's vitest process, loaded from core's dist by absolute path, so they may import only
// fast-check, node: builtins and each other (run-probes.ts also reads the plan's types).
import fc from 'fast-check';

export interface ErrorInfo {
  /** Constructor name of the thrown value; `'throw' + typeof value` for a thrown non-Error. */
  name: string;
  message: string;
}

/** `args` is the call's own copy of the arguments, read after the call, so mutations show. */
export type Outcome =
  | { kind: 'returned'; value: unknown; args: unknown[] }
  | { kind: 'resolved'; value: unknown; args: unknown[] }
  | { kind: 'threw'; error: ErrorInfo; args: unknown[] }
  /** `iterated`: the error came while reading a returned async generator, not from a promise. */
  | { kind: 'rejected'; error: ErrorInfo; args: unknown[]; iterated?: true }
  | { kind: 'timeout'; args: unknown[] };

/**
 * What a generator a probed function returned yielded, read to its end (or MAX_YIELDED items): a
 * generator object is the same opaque object from both versions, its values are the behaviour.
 */
export class Yielded {
  readonly items: unknown[];
  /** False when reading stopped at MAX_YIELDED items (an endless generator). */
  readonly complete: boolean;
  /** An async generator (read with `for await`). */
  readonly async: boolean;

  constructor(items: unknown[], complete: boolean, async = false) {
    this.items = items;
    this.complete = complete;
    this.async = async;
  }

  [fc.toStringMethod](): string {
    return `${this.async ? 'an async' : 'a'} generator yielding ${fc.stringify(this.items)}${this.complete ? '' : ' and more'}`;
  }
}
export const MAX_YIELDED = 1000;

/** A thrown value that is no Error: `throw 'oops'`, `throw { code: 1 }`; its message is the value. */
export function isNonErrorThrow(e: ErrorInfo): boolean {
  return /^throw(?:string|number|bigint|boolean|symbol|undefined|object|function)$/.test(e.name);
}
