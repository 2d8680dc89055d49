import { describe, expect, it } from 'vitest';
import { termFrequencies } from '../src/frequencies.js';

describe('termFrequencies', () => {
  it('counts words case-insensitively', () => {
    expect(termFrequencies('Fox fox FOX hound')).toEqual(new Map([['fox', 3], ['hound', 1]]));
  });

  it('leaves out stop words', () => {
    expect([...termFrequencies('The fox and the hound').keys()]).toEqual(['fox', 'hound']);
  });
});
