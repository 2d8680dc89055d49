/** A fresh seed per run, as property-testing libraries (fast-check) print it in the test title. */
export const seed = Math.floor(Math.random() * 1e9);

/** mulberry32: small deterministic generator for a seed. */
export function generator(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 100 arrays of 1 to 20 integers in [-1000, 1000). */
export function samples(s: number): number[][] {
  const next = generator(s);
  return Array.from({ length: 100 }, () => Array.from({ length: 1 + Math.floor(next() * 20) }, () => Math.floor(next() * 2000) - 1000));
}
