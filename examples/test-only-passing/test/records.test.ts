import { describe, expect, it } from 'vitest';
import { parseRecords } from '../src/records.js';
import { stringifyCsv } from '../src/stringify.js';

describe('parseRecords', () => {
  it('maps rows to objects using the header', () => {
    expect(parseRecords('id,name\n1,Ada\n2,Grace')).toEqual([
      { id: '1', name: 'Ada' },
      { id: '2', name: 'Grace' },
    ]);
  });

  it('reports the row with a wrong number of fields', () => {
    expect(() => parseRecords('id,name\n1,Ada\n2')).toThrow('row 3 has 1 fields, expected 2');
  });

  it('returns nothing for empty input', () => {
    expect(parseRecords('')).toEqual([]);
  });
});

describe('stringifyCsv', () => {
  it('quotes only the fields that need it', () => {
    expect(stringifyCsv([['plain', 'with,comma', 'say "hi"']])).toBe('plain,"with,comma","say ""hi"""');
  });
});
