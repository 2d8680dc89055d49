import { describe, expect, it } from 'vitest';
import { parseCsv } from '../src/parse.js';

describe('parseCsv', () => {
  it('splits rows and fields', () => {
    expect(parseCsv('a,b,c\n1,2,3')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('ignores a trailing newline', () => {
    expect(parseCsv('a,b\n')).toEqual([['a', 'b']]);
  });

  it('keeps empty fields', () => {
    expect(parseCsv('a,,c')).toEqual([['a', '', 'c']]);
  });

  it('supports another delimiter', () => {
    expect(parseCsv('name;age\nAda;36', { delimiter: ';' })).toEqual([
      ['name', 'age'],
      ['Ada', '36'],
    ]);
  });

  it('rejects an unterminated quote', () => {
    expect(() => parseCsv('"open')).toThrow(SyntaxError);
  });
});
