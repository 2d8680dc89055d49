/** How many times `search` occurs in `text`, without overlaps; 0 for an empty search. */
export function countOccurrences(text: string, search: string): number {
  if (search === '') return 0;
  let count = 0;
  let from = text.indexOf(search);
  while (from !== -1) {
    count++;
    from = text.indexOf(search, from + search.length);
  }
  return count;
}

/** Words separated by whitespace. */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}
