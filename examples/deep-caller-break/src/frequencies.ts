import { tokenize } from './tokenize.js';

const STOP_WORDS = new Set(['a', 'an', 'and', 'the', 'of', 'to', 'in', 'is']);

/** How often each word occurs, stop words left out. */
export function termFrequencies(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of tokenize(text)) {
    if (STOP_WORDS.has(term)) continue;
    counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return counts;
}
