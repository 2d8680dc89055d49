/**
 * Calls `impl` data-first when it gets all its arguments (`chunk(items, 2)`), or returns the
 * data-last form that waits for the data (`chunk(2)(items)`, for pipelines): remeda's `purry`.
 */
function purry(impl: (...args: any[]) => unknown, args: readonly unknown[], arity: number): unknown {
  if (args.length >= arity) return impl(...args);
  return (data: unknown) => impl(data, ...args);
}

function chunkImpl<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Splits `items` into arrays of `size` (the last one may be shorter): `chunk([1, 2, 3], 2)` or `chunk(2)([1, 2, 3])`. */
export function chunk(...args: unknown[]): unknown {
  return purry(chunkImpl, args, 2);
}
