import { normalizeWhitespace } from './whitespace.js';

const PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/** Lower-case words, punctuation stripped from their ends. */
export function tokenize(text: string): string[] {
  return normalizeWhitespace(text)
    .toLowerCase()
    .split(' ')
    .map((word) => word.replace(PUNCTUATION, ''))
    .filter((word) => word.length > 0);
}
