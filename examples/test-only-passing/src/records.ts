import { parseCsv, type ParseOptions } from './parse.js';

/** Parses CSV whose first row is a header into one object per data row. */
export function parseRecords(text: string, options: ParseOptions = {}): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text, options);
  if (!header) return [];
  return rows.map((row, index) => {
    if (row.length !== header.length) {
      throw new RangeError(`row ${index + 2} has ${row.length} fields, expected ${header.length}`);
    }
    return Object.fromEntries(header.map((name, i) => [name, row[i]]));
  });
}
