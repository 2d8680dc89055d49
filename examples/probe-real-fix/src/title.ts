const LEADING_ARTICLE = /^(the|a|an)\s+/i;

/** Capitalises the first letter of every word: "the lord of the rings" → "The Lord Of The Rings". */
export function titleCase(text: string): string {
  return text
    .toLowerCase()
    .split(' ')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** The key a bookshelf sorts by: lower case, without a leading article ("The Hobbit" → "hobbit"). */
export function sortKey(title: string): string {
  return title.trim().replace(LEADING_ARTICLE, '').toLowerCase();
}
