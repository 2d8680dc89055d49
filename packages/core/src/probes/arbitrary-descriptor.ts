// A JSON-serialisable description of the inputs a probe generates for one function (issue 4 §2).
// Derivation (derive-arbitraries.ts) runs in patchprobe on the type checker; the descriptor travels
// into the probe, is interpreted there (interpret-descriptor.ts) and can be reported and replayed.

/**
 * A literal value. JSON has no `undefined` or bigint, so both are encoded as one-key objects;
 * literals are never objects otherwise, so the encoding cannot collide with a real value.
 */
export type ConstantValue = string | number | boolean | null | { undefined: true } | { bigint: string };

export interface RecordProp {
  name: string;
  value: Descriptor;
  optional: boolean;
}

export type Descriptor =
  /** Integers −1000..1000, doubles, and NaN, −0, ±Infinity explicitly (bias alone rarely hits them). */
  | { kind: 'number' }
  /** Not derived from TS types (TS has no integer type); for hand-written or narrowed descriptors. */
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'bigint' }
  /** `symbol` (and `unique symbol`): a few registered symbols, so a counterexample prints and replays as `Symbol.for("a")`. */
  | { kind: 'symbol' }
  /** Empty, whitespace, ASCII and grapheme strings; template literal types are approximated by this. */
  | { kind: 'string'; maxLength: number }
  | { kind: 'boolean' }
  | { kind: 'constant'; value: ConstantValue }
  /** An enum's member values, kept apart from `oneof` so reports can name the enum. */
  | { kind: 'enum'; name: string; values: Array<string | number> }
  | { kind: 'oneof'; options: Descriptor[] }
  | { kind: 'array'; item: Descriptor; maxLength: number; readonly?: true }
  | { kind: 'tuple'; items: Descriptor[] }
  | { kind: 'record'; props: RecordProp[] }
  /** An object with only an index signature (`Record<string, V>`, `{ [k: number]: V }`). */
  | { kind: 'dictionary'; key: 'string' | 'number'; value: Descriptor }
  | { kind: 'map'; key: Descriptor; value: Descriptor }
  | { kind: 'set'; item: Descriptor }
  /** Valid dates plus "Invalid Date", which is a Date at run time too. */
  | { kind: 'date' }
  /**
   * A pure function (same arguments, same result) returning the derived return type. `arity`: the
   * parameters its type declares (absent with a rest parameter); it reads only those, as a callback
   * written to the type does (`array.map(toKey)` passes an index and the array to a `(item) => key`).
   */
  | { kind: 'func'; returns: Descriptor; arity?: number }
  /** A promise already resolved to the value (`Promise<T>`: most often what an async callback returns). */
  | { kind: 'promise'; value: Descriptor }
  /** Built by the probe through its constructor, which only the probe can import. */
  | { kind: 'instance'; className: string; module?: string; args: Descriptor[] }
  /** any/unknown, or a type parameter without a constraint: inputs exist but are not typed. */
  | { kind: 'anything' }
  | { kind: 'unsupported'; reason: string };

export type DescriptorKind = Descriptor['kind'];

export interface ParameterDescriptor {
  name: string;
  /** `x?: T` or `x = …`: the probe also passes `undefined`; `descriptor` describes T without it. */
  optional: boolean;
  /** `...xs: T[]`: `descriptor` is the array; its elements are spread into the call. */
  rest: boolean;
  descriptor: Descriptor;
}

export interface DerivedParameters {
  params: ParameterDescriptor[];
  /** Every parameter derived without `unsupported` or `anything` anywhere in its descriptor. */
  complete: boolean;
}

export const UNDEFINED: Descriptor = { kind: 'constant', value: { undefined: true } };

/** The child descriptors of `d`, for walks that do not care about the kind. */
export function childrenOf(d: Descriptor): Descriptor[] {
  switch (d.kind) {
    case 'oneof':
      return d.options;
    case 'array':
    case 'set':
      return [d.item];
    case 'tuple':
      return d.items;
    case 'record':
      return d.props.map((p) => p.value);
    case 'dictionary':
      return [d.value];
    case 'map':
      return [d.key, d.value];
    case 'func':
      return [d.returns];
    case 'promise':
      return [d.value];
    case 'instance':
      return d.args;
    default:
      return [];
  }
}

/** True when no `unsupported` or `anything` appears anywhere in `d`. */
export function isComplete(d: Descriptor): boolean {
  if (d.kind === 'unsupported' || d.kind === 'anything') return false;
  return childrenOf(d).every(isComplete);
}

/** The first `unsupported` reason in `d`, if any, for "inconclusive" explanations. */
export function unsupportedReason(d: Descriptor): string | undefined {
  if (d.kind === 'unsupported') return d.reason;
  for (const c of childrenOf(d)) {
    const r = unsupportedReason(c);
    if (r !== undefined) return r;
  }
  return undefined;
}

// The checker orders union members by type id, which depends on what was checked before; a fixed
// order keeps a function's descriptor (and so a replayed seed) the same across runs. Simple values
// come first because fast-check shrinks towards the first option of a oneof.
const KIND_RANK: readonly DescriptorKind[] = ['constant', 'boolean', 'enum', 'number', 'integer', 'bigint', 'string', 'symbol', 'date'];

function rankOf(d: Descriptor): string {
  const special = d.kind === 'constant' && (d.value === null || typeof d.value === 'object');
  const rank = special ? 0 : KIND_RANK.indexOf(d.kind) + 1 || KIND_RANK.length + 1;
  return `${String(rank).padStart(2, '0')}${JSON.stringify(d)}`;
}

/** The options of a `oneof` in a fixed order: null/undefined/bigint constants, other constants, primitives, structures. */
export function canonicalOrder(options: Descriptor[]): Descriptor[] {
  const keyed = options.map((d) => [rankOf(d), d] as const);
  keyed.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return keyed.map(([, d]) => d);
}
