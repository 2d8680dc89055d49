import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { RateLimiter } from '../src/rate-limiter.js';

describe('RateLimiter', () => {
  it('allows requests within the budget and reports what remains', () => {
    const limiter = new RateLimiter({ capacity: 3, refillPerSecond: 1 }, new ManualClock());
    expect(limiter.check('alice')).toEqual({ allowed: true, retryAfterMs: 0, remaining: 2 });
  });

  it('blocks a key that exhausted its budget and says when to retry', () => {
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 0.5 }, new ManualClock());
    limiter.check('alice');
    expect(limiter.check('alice')).toEqual({ allowed: false, retryAfterMs: 2000, remaining: 0 });
  });

  it('keeps separate budgets per key', () => {
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 1 }, new ManualClock());
    expect(limiter.check('alice').allowed).toBe(true);
    expect(limiter.check('bob').allowed).toBe(true);
    expect(limiter.check('alice').allowed).toBe(false);
  });

  it('charges weighted requests', () => {
    const limiter = new RateLimiter({ capacity: 10, refillPerSecond: 1 }, new ManualClock());
    expect(limiter.check('export', 8).remaining).toBe(2);
    expect(limiter.check('export', 3).allowed).toBe(false);
  });

  it('forgets a key on reset', () => {
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 1 }, new ManualClock());
    limiter.check('alice');
    limiter.reset('alice');
    expect(limiter.check('alice').allowed).toBe(true);
  });
});
