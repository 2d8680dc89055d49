import { systemClock, type Clock } from './clock.js';
import { TokenBucket, type BucketOptions } from './token-bucket.js';

export interface Decision {
  allowed: boolean;
  /** How long the caller should wait before retrying, in ms. */
  retryAfterMs: number;
  remaining: number;
}

/** One token bucket per key (an API key, an IP address, …). */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly options: BucketOptions,
    private readonly clock: Clock = systemClock,
  ) {}

  check(k: string, w = 1): Decision {
    let b = this.buckets.get(k);
    if (!b) {
      b = new TokenBucket(this.options, this.clock);
      this.buckets.set(k, b);
    }
    const ok = b.tryTake(w);
    return { allowed: ok, retryAfterMs: ok ? 0 : b.waitTime(w), remaining: b.available() };
  }

  reset(key: string): void {
    this.buckets.delete(key);
  }
}
