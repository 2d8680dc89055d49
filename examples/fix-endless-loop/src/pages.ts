import { chunk } from './chunk.js';

export interface Page<T> {
  number: number;
  items: T[];
}

/** The pages of a list shown `perPage` at a time, numbered from 1. */
export function pages<T>(items: readonly T[], perPage: number): Page<T>[] {
  return chunk(items, perPage).map((group, i) => ({ number: i + 1, items: group }));
}
