import { describe, expect, it } from 'vitest';
import { delays, readRetryPolicy } from '../src/retry';

describe('retry policy', () => {
  it('fills in the defaults', () => {
    expect(readRetryPolicy(undefined)).toEqual({ attempts: 3, backoffMs: 200 });
    expect(readRetryPolicy({ attempts: 5 })).toEqual({ attempts: 5, backoffMs: 200 });
  });

  it('doubles the wait after each attempt', () => {
    expect(delays({ attempts: 4, backoffMs: 100 })).toEqual([100, 200, 400]);
    expect(delays({ attempts: 1, backoffMs: 100 })).toEqual([]);
  });
});
