import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';

// Titles that hold absolute paths: they differ with the folder the project is checked out in.
const fixtures = path.resolve(__dirname, 'fixtures');
const fixture = (name: string): string => path.join(fixtures, name);

describe(`loadConfig (${fixtures})`, () => {
  it(`reads ${fixture('full.json')}`, () => {
    expect(loadConfig(fixture('full.json'))).toEqual({ name: 'shop', port: 3000 });
  });

  it(`fills the defaults for ${fixture('empty.json')}`, () => {
    expect(loadConfig(fixture('empty.json'))).toEqual({ name: 'app', port: 8080 });
  });

  it(`throws for ${fixture('missing.json')}`, () => {
    expect(() => loadConfig(fixture('missing.json'))).toThrow(/ENOENT/);
  });
});
