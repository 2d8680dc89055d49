import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { TokenBucket } from '../src/token-bucket.js';

describe('TokenBucket', () => {
  it('starts full', () => {
    const bucket = new TokenBucket({ capacity: 5, refillPerSecond: 1 }, new ManualClock());
    expect(bucket.available()).toBe(5);
  });

  it('refuses to take more than it holds', () => {
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 1 }, new ManualClock());
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
  });

  it('refills over time, up to its capacity', () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 2 }, clock);
    bucket.tryTake(3);
    clock.advance(500);
    expect(bucket.available()).toBe(1);
    clock.advance(10_000);
    expect(bucket.available()).toBe(3);
  });

  it('reports how long to wait for the next token', () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 4 }, clock);
    bucket.tryTake();
    expect(bucket.waitTime()).toBe(250);
    clock.advance(100);
    expect(bucket.waitTime()).toBe(150);
  });
});
