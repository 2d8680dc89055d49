import { checkDigit13, compact, isValidIsbn10, isValidIsbn13 } from './isbn.js';

export type IsbnKind = 'isbn10' | 'isbn13';

export function detectIsbn(input: string): IsbnKind | null {
  if (isValidIsbn13(input)) return 'isbn13';
  if (isValidIsbn10(input)) return 'isbn10';
  return null;
}

/** Any valid ISBN as a compact ISBN-13 (an ISBN-10 gets the 978 prefix and a new check digit). */
export function toIsbn13(input: string): string {
  const kind = detectIsbn(input);
  if (kind === null) throw new TypeError(`not a valid ISBN: ${input}`);
  const isbn = compact(input);
  if (kind === 'isbn13') return isbn;
  const body = `978${isbn.slice(0, 9)}`;
  return `${body}${checkDigit13(body)}`;
}

/** 978-0-306-40615-7 style, for display (a fixed 3-1-3-5-1 grouping, not the registrant ranges). */
export function hyphenate13(isbn13: string): string {
  const s = compact(isbn13);
  return [s.slice(0, 3), s.slice(3, 4), s.slice(4, 7), s.slice(7, 12), s.slice(12)].join('-');
}
