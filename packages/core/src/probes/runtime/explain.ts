// Which divergences the patch means (probe runtime, issue 17 §5). Anchor: PATCH-SIM (Xiong et al.,
// ICSE 2018) judges a patch by behaviour similarity: inputs like those of the tests the patch makes
// pass should behave differently, the others the same. Here "alike" is the shape of the divergence:
// the calls the patch's fail-to-pass tests make show which shapes the patch means (keys trimmed:
// the result's keys change); a divergence of another shape (a value cut short under the same keys)
// is one the patch's own tests do not explain. A shape is deliberately coarse: what changed about
// the result (its kind, its type, which part of it), never the values themselves.
import { builtinKind, deepEqual } from './compare.js';
import type { Outcome } from './outcome.js';

/**
 * The shape of a divergence between the old outcome `b` and the new one `a` of one call:
 * `value object: keys`, `value string: shorter`, `value number: up`, `returns -> throws TypeError`,
 * `args`… Two divergences of the same shape are the same kind of change.
 */
export function divergenceShape(b: Outcome, a: Outcome): string {
  const end = (o: Outcome): string => {
    if (o.kind === 'returned' || o.kind === 'resolved') return 'returns';
    if (o.kind === 'timeout') return 'hangs';
    return `throws ${o.error.name}`;
  };
  const isValue = (o: Outcome): o is Extract<Outcome, { value: unknown }> => o.kind === 'returned' || o.kind === 'resolved';
  if (isValue(b) && isValue(a)) {
    if (deepEqual(b.value, a.value)) return 'args';
    const tb = typeTag(b.value);
    const ta = typeTag(a.value);
    return tb === ta ? `value ${tb}: ${valueDelta(b.value, a.value, tb)}` : `value ${tb} -> ${ta}`;
  }
  if (!isValue(b) && !isValue(a) && b.kind !== 'timeout' && a.kind !== 'timeout' && b.error.name === a.error.name) return `throws ${b.error.name}: message`;
  return `${end(b)} -> ${end(a)}`;
}

function typeTag(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v !== 'object') return typeof v;
  if (Array.isArray(v)) return 'array';
  const kind = builtinKind(v);
  return kind === 'instance' ? 'object' : kind;
}

/** What differs between two values of one type tag. */
function valueDelta(b: unknown, a: unknown, tag: string): string {
  switch (tag) {
    // Not which way: a fix of rounding or of a boundary moves some results up and others down
    // (measured on examples/expected-edited: a fee that rose on one input and fell on another).
    case 'number':
      return Number.isNaN(b) || Number.isNaN(a) ? 'NaN' : 'other number';
    case 'bigint':
      return 'other number';
    case 'string': {
      const [x, y] = [b as string, a as string];
      return y.length < x.length ? 'shorter' : y.length > x.length ? 'longer' : 'same length';
    }
    case 'boolean':
      return `${String(b)} -> ${String(a)}`;
    case 'array': {
      const [x, y] = [b as unknown[], a as unknown[]];
      return x.length === y.length ? 'elements' : y.length < x.length ? 'fewer' : 'more';
    }
    case 'map':
    case 'set':
      return (b as Map<unknown, unknown>).size === (a as Map<unknown, unknown>).size ? 'entries' : 'size';
    case 'object': {
      const kb = Object.keys(b as object).sort();
      const ka = Object.keys(a as object).sort();
      return kb.length === ka.length && kb.every((k, i) => k === ka[i]) ? 'values' : 'keys';
    }
    default:
      return 'value';
  }
}
