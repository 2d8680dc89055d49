import { describe, expect, it } from 'vitest';
import { parseQuery, queryParam } from '../src/query';

describe('parseQuery', () => {
  it('reads each pair', () => {
    expect(parseQuery('page=2&sort=name')).toEqual({ page: '2', sort: 'name' });
  });

  it('decodes keys and values', () => {
    expect(parseQuery('q=caf%C3%A9%20au%20lait')).toEqual({ q: 'café au lait' });
  });

  it('gives a key without a value the empty string', () => {
    expect(parseQuery('debug&page=1')).toEqual({ debug: '', page: '1' });
  });

  it('skips empty pairs', () => {
    expect(parseQuery('a=1&&b=2&')).toEqual({ a: '1', b: '2' });
  });
});

describe('queryParam', () => {
  it('finds one parameter', () => {
    expect(queryParam('page=2&sort=name', 'sort')).toBe('name');
    expect(queryParam('page=2', 'sort')).toBeUndefined();
  });
});
